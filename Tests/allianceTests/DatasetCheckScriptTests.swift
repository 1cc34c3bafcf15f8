import Foundation
import Testing

/// `scripts/datasets/check_dataset.py` accepts the curated dataset and rejects each kind of
/// unreviewable row: an alliance without eligibility or status, a threat without
/// last_verified, a channel without a source, a threat that is also a defense pair without a
/// note, and overlapping membership spells.
@Suite struct DatasetCheckScriptTests {
  static let script = DatasetCommandTests.repositoryRoot.appendingPathComponent("scripts/datasets/check_dataset.py").path
  static let curated = DatasetCommandTests.repositoryRoot.appendingPathComponent("datasets/curated")

  /// Copies the curated dataset, applies `edit` (file name → transform), runs the check.
  func check(_ edits: [String: (String) -> String] = [:]) throws -> (status: Int32, output: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-dataset-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.curated.path) where name.hasSuffix(".csv") || name.hasSuffix(".json") {
      var text = try String(contentsOf: Self.curated.appendingPathComponent(name), encoding: .utf8)
      if let edit = edits[name] { text = edit(text) }
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    let result = try Networkx.run("/usr/bin/env", ["python3", Self.script, folder.path])
    return (result.status, String(decoding: result.stdout, as: UTF8.self) + result.stderr)
  }

  /// Replaces the first line starting with `prefix` by `transform(line)`.
  static func line(_ prefix: String, _ transform: @escaping (String) -> String) -> (String) -> String {
    { text in
      var lines = text.components(separatedBy: "\n")
      if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { lines[index] = transform(lines[index]) }
      return lines.joined(separator: "\n")
    }
  }

  /// Sets field `column` (0-based) of a simple CSV line (no quoted commas before it).
  static func field(_ column: Int, _ value: String) -> (String) -> String {
    { line in
      var parts = line.components(separatedBy: ",")
      parts[column] = value
      return parts.joined(separator: ",")
    }
  }

  @Test func theCuratedDatasetPasses() throws {
    let (status, output) = try check()
    #expect(status == 0, "\(output)")
    #expect(output.contains("0 errors"))
  }

  // alliances.csv: id,name,obligations,start,end,status,reliability,major,integrated_command,provisions,eligibility,...
  @Test func anAllianceWithoutEligibilityFails() throws {
    let (status, output) = try check(["alliances.csv": Self.line("us-jpn,", Self.field(10, ""))])
    #expect(status == 1)
    #expect(output.contains("us-jpn has no eligibility rule"), "\(output)")
  }

  @Test func anAllianceWithoutStatusFails() throws {
    let (status, output) = try check(["alliances.csv": Self.line("us-jpn,", Self.field(5, ""))])
    #expect(status == 1)
    #expect(output.contains("us-jpn has no valid status"), "\(output)")
  }

  // threats.csv: a,b,kind,start,end,intensity,last_verified,...
  @Test func aThreatWithoutVerificationFails() throws {
    let (status, output) = try check(["threats.csv": Self.line("AFG,PAK,", Self.field(6, ""))])
    #expect(status == 1)
    #expect(output.contains("threat AFG-PAK without a valid last_verified date"), "\(output)")
  }

  // ties.csv: a,b,type,start,end,status,reliability,name,source,...
  @Test func aChannelWithoutASourceFails() throws {
    // The first channel row without quoted fields.
    let ties = try String(contentsOf: Self.curated.appendingPathComponent("ties.csv"), encoding: .utf8)
    let row = try #require(ties.components(separatedBy: "\n").first { $0.contains(",exercise,") && !$0.contains("\"") })
    let prefix = row.components(separatedBy: ",").prefix(3).joined(separator: ",") + ","
    let (status, output) = try check(["ties.csv": Self.line(prefix, Self.field(8, ""))])
    #expect(status == 1)
    #expect(output.contains("a channel without a source"), "\(output)")
  }

  @Test func aThreatThatIsADefensePairNeedsANote() throws {
    // Greece and Turkey are NATO allies and rivals; the curated row explains why.
    let edit: (String) -> String = { text in
      text.components(separatedBy: "\n").map { line in
        guard line.hasPrefix("GRC,TUR,rivalry,") else { return line }
        // Drop the quoted note at the end of the line.
        return String(line[..<line.range(of: ",\"", options: .backwards)!.lowerBound]) + ","
      }.joined(separator: "\n")
    }
    let (status, output) = try check(["threats.csv": edit])
    #expect(status == 1)
    #expect(output.contains("GRC-TUR is both a threat and a defense pair"), "\(output)")
  }

  @Test func overlappingSpellsFail() throws {
    let (status, output) = try check(["members.csv": { $0 + "arab-jdec,SYR,2020,,active,atop4,\n" }])
    #expect(status == 1)
    #expect(output.contains("spell overlaps"), "\(output)")
  }

  /// The generated tables are up to date with the hand tables and the reference data.
  @Test(.enabled(if: DatasetCommandTests.referenceData != nil, "needs ../shared/data (ATOP, COW, rivalries)"))
  func theGeneratedTablesAreUpToDate() throws {
    let script = DatasetCommandTests.repositoryRoot.appendingPathComponent("scripts/datasets/build_curated.py").path
    let result = try Networkx.run("/usr/bin/env", ["python3", script, "--check", "--shared", DatasetCommandTests.referenceData!])
    #expect(result.status == 0, "\(result.stderr)")
  }
}
