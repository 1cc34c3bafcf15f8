import AllianceModel
import Foundation
import GraphCore
import Testing

@testable import AllianceAnalytics

/// The one scenario parser (`whatif` options and scenario files).
@Suite struct ScenarioParserTests {
  static let year = Result { try AnalysisYear(DatasetLoader.load(nil)) }

  func parser() throws -> ScenarioParser { ScenarioParser(year: try Self.year.get()) }

  @Test func everyKindOfChangeParses() throws {
    let parser = try parser(), year = parser.year
    let pak = try year.node("PAK"), tur = try year.node("TUR")
    guard case .defect(let k) = try parser.change("defect", "Pakistan"), k == pak else { Issue.record("defect"); return }
    guard case .addTie(let a, let b, .defense) = try parser.change("add-tie", "PAK, TUR ,defense"), a == pak, b == tur else {
      Issue.record("add-tie")
      return
    }
    guard case .addChannel(_, _, .exercise) = try parser.change("add-channel", "PAK,IDN,exercise") else { Issue.record("add-channel"); return }
    guard case .dropChannel(_, _, .training) = try parser.change("drop-channel", "PAK,TUR,training") else { Issue.record("drop-channel"); return }
    guard case .dropTie = try parser.change("drop-tie", "USA,JPN") else { Issue.record("drop-tie"); return }
    guard case .dropAlliance("nato") = try parser.change("drop-alliance", "nato") else { Issue.record("drop-alliance"); return }
    guard case .joinAlliance(let j, "nato") = try parser.change("join", "PAK,nato"), j == pak else { Issue.record("join"); return }
    guard case .setCapability(_, 2500) = try parser.change("set-capability", "PAK=2500") else { Issue.record("set-capability"); return }
  }

  @Test func badChangesSayWhatIsWrong() throws {
    let parser = try parser()
    func message(_ name: String, _ value: String) -> String {
      do {
        _ = try parser.change(name, value)
        return "(parsed)"
      } catch {
        return error.description
      }
    }
    #expect(message("add-tie", "PAK,TUR") == "--add-tie PAK,TUR: expected A,B,TYPE")
    #expect(message("add-tie", "PAK,TUR,friendship").contains("unknown tie type \"friendship\""))
    #expect(message("defect", "Atlantis").contains("unknown nation \"Atlantis\""))
    #expect(message("set-capability", "PAK=-3") == "--set-capability PAK=-3: expected NATION=VALUE with a non-negative number")
    #expect(message("set-capability", "PAK") == "--set-capability PAK: expected NATION=VALUE with a non-negative number")
    #expect(message("explode", "PAK").hasPrefix("unknown scenario change \"explode\""))
    #expect(message("drop-tie", "PAK,,TUR") == "--drop-tie PAK,,TUR: expected A,B")
  }

  @Test func filesNameTheLineAndField() throws {
    let parser = try parser()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("good.txt")
    try "# a test\n\ndefect USA\n--add-tie PAK,TUR,defense\r\n".write(to: good, atomically: true, encoding: .utf8)
    #expect(try parser.file(good.path).count == 2)
    let bad = folder.appendingPathComponent("bad.txt")
    try "defect USA\nadd-tie PAK,TUR\n".write(to: bad, atomically: true, encoding: .utf8)
    let error = #expect(throws: InputError.self) { _ = try parser.file(bad.path) }
    #expect(error?.description.contains("bad.txt:2") == true && error?.description.contains("add-tie") == true, "\(String(describing: error))")
    let lonely = folder.appendingPathComponent("lonely.txt")
    try "defect\n".write(to: lonely, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { _ = try parser.file(lonely.path) }
  }

  @Test func crlfFilesSplitIntoLines() throws {
    // A String splits "\r\n" as one character, not at "\n": a CRLF file used to read as one
    // line ("defect USA\r\nadd-tie …" → an unknown nation). Lines now split on LF bytes.
    let parser = try parser()
    let changes = try parser.parse(Array("# windows\r\ndefect USA\r\n\r\nadd-tie\tPAK,TUR,defense\r\n".utf8), file: "s.txt")
    #expect(changes.count == 2)
    let error = #expect(throws: InputError.self) {
      _ = try parser.parse(Array("defect USA\r\nadd-tie PAK,TUR\r\n".utf8), file: "s.txt")
    }
    #expect(error?.line == 2)
    #expect(error?.field == "add-tie")
  }

  @Test func anOversizedOrMissingFileIsRefused() throws {
    let parser = try parser()
    let missing = #expect(throws: InputError.self) { _ = try parser.file("/nonexistent/scenario.txt") }
    #expect(missing?.message == "no such file or directory")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let big = folder.appendingPathComponent("big.txt")
    try "defect USA\n".write(to: big, atomically: true, encoding: .utf8)
    let handle = try FileHandle(forWritingTo: big)
    try handle.truncate(atOffset: 10_000_000_000)
    try handle.close()
    let error = #expect(throws: InputError.self) { _ = try parser.file(big.path) }
    #expect(error?.message == "the file has 10000000000 bytes, more than the 1 MiB this reader accepts")
  }
}
