import AllianceModel
import GraphCore
import Foundation
import Testing

@testable import AllianceAnalytics

/// The library entry point as the README shows it, and the one group resolver.
@Suite struct AnalysisYearTests {
  @Test func theReadmeExampleRuns() throws {
    let network = try DatasetLoader.load(nil)
    let year = try AnalysisYear(network, parameters: ModelParameters())
    let pakistan = try year.node("Pakistan", needsData: true)
    #expect(year.ids[pakistan] == "PAK")
    let coverage = Assessment(year.strategic, parameters: year.parameters)
    #expect(coverage.nations[pakistan].cr > 0)
    let five = try year.group("oic").nodes.filter { ["PAK", "TUR", "PSE"].contains(year.ids[$0]) }
    var rule = ThesisRule()
    rule.draws = 40
    let verdicts = Thesis.group(
      year.strategic, source: network, members: five, hasCoordinates: year.snapshot.latitude.map(\.isFinite),
      parameters: ThesisParameters(model: year.parameters), model: nil, rule: rule)
    #expect(verdicts.members.count == 3)
    let c = verdicts.counts
    #expect(c.yes + c.no + c.undecided + c.noVerdict == 3)
    // Palestine has no capability data: left out with the reason, counted as no verdict.
    let palestine = try #require(verdicts.members.first { year.ids[$0.node] == "PSE" })
    guard case .leftOut(_, let reason) = palestine else {
      Issue.record("Palestine was compared")
      return
    }
    #expect(reason == "no capability data")
    #expect(verdicts.comparisons.count == 2)
    // The sensitivity grid: two ends of every prior, each row counting all three members.
    let grid = try #require(
      Thesis.sensitivity(verdicts.comparisons, parameters: ThesisParameters(model: year.parameters), rule: rule, withoutData: 1))
    #expect(grid.count == 2 * ThesisPriors.all.count)
    for row in grid {
      #expect(row.counts.yes + row.counts.no + row.counts.undecided + row.counts.noVerdict == 3)
      #expect(row.value == (row.end == "low" ? ThesisPriors.all.first { $0.name == row.prior }!.low : ThesisPriors.all.first { $0.name == row.prior }!.high))
    }
    #expect(Thesis.sensitivity(verdicts.comparisons, parameters: ThesisParameters(model: year.parameters), rule: rule) { done, _ in done < 3 } == nil)
  }

  @Test func errorsSayWhy() throws {
    let year = try AnalysisYear(DatasetLoader.load(nil))
    #expect(throws: AnalysisYearError.noCapability("Palestine", year: 2025)) { _ = try year.node("PSE", needsData: true) }
    let unknown = #expect(throws: AnalysisYearError.self) { _ = try year.node("Atlantis") }
    #expect(unknown?.description.contains("unknown nation \"Atlantis\"") == true)
    #expect(throws: GroupError.self) { _ = try year.group("nosuch") }
    // A file of codes: a header, a comment, an alias; an unknown code names file and line.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("g.csv"), bad = folder.appendingPathComponent("b.csv")
    try "nation\n# Gulf\nSAU\nTürkiye\n".write(to: good, atomically: true, encoding: .utf8)
    try "SAU\nAtlantis\n".write(to: bad, atomically: true, encoding: .utf8)
    #expect(try year.group(good.path).nodes.map { year.ids[$0] }.sorted() == ["SAU", "TUR"])
    let error = #expect(throws: InputError.self) { _ = try year.group(bad.path) }
    #expect(error?.description.contains("b.csv:2") == true, "\(String(describing: error))")
  }
}
