import Foundation
import Testing

/// The repository holds no path of the machine it was written on: paths come from
/// arguments or environment variables with defaults relative to the repository.
@Suite struct RepositoryHygieneTests {
  /// Every tracked file (`git ls-files`), or `nil` without git.
  static func trackedFiles() -> [String]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", DatasetCommandTests.repositoryRoot.path, "ls-files", "-z"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init)
  }

  /// No tracked file names the folder the checkout sits in (its parent, followed by a
  /// slash), nor the checkout itself.
  @Test func noTrackedFileHoldsTheCheckoutsParentFolder() throws {
    let root = DatasetCommandTests.repositoryRoot.standardizedFileURL
    let parent = root.deletingLastPathComponent().path
    // A checkout at the file-system root has no parent folder worth searching for.
    guard parent.count > 1 else { return }
    let files = try #require(Self.trackedFiles(), "git is needed to list the tracked files")
    #expect(files.count > 100)
    let needles = [parent + "/", root.path]
    var hits: [String] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      for needle in needles where text.contains(needle) { hits.append("\(file): \(needle)") }
    }
    #expect(hits.isEmpty, "machine paths in tracked files: \(hits.prefix(10))")
  }

  @Test func versionIsPrinted() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("--version")
      #expect(result.status == 0)
      #expect(result.stdout.hasPrefix("0."), "\(result.stdout)")
    }
  }

  @Test func licenceAndNoticeAreThere() throws {
    let root = DatasetCommandTests.repositoryRoot
    let licence = try String(contentsOf: root.appendingPathComponent("LICENSE"), encoding: .utf8)
    #expect(licence.contains("Apache License") && licence.contains("Version 2.0"))
    let notice = try String(contentsOf: root.appendingPathComponent("NOTICE"), encoding: .utf8)
    for source in ["ATOP", "Correlates of War", "Thompson and Dreyer", "peacesciencer"] { #expect(notice.contains(source), "\(source)") }
  }
}

/// `export state-year`: one row per state and year keyed like peacesciencer's
/// create_stateyears() (ccode, stateabb, year), scores after the keys.
@Suite struct PanelExportTests {
  @Test func stateYearPanelOfTheCuratedDataset() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("export", "state-year", "--from", "2025", "--to", "2025", "--metric", "fm,cr,uncovered,top_patron")
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stdout.split(separator: "\n")
      #expect(lines.first == "ccode,stateabb,year,fm,cr,uncovered,top_patron")
      // 2025: the curated dataset's 154 nations.
      #expect(lines.count == 155)
      let pakistan = try #require(lines.first { $0.hasPrefix("770,PAK,2025,") })
      #expect(pakistan.split(separator: ",", omittingEmptySubsequences: false).count == 7)
      let bad = try ws.run("export", "state-year", "--metric", "fm,nosuch")
      #expect(bad.status == 1 && bad.stderr.contains("unknown metric \"nosuch\""))
    }
  }

  @Test(arguments: DatasetCommandTests.referenceDataSets)
  func stateYearPanelOfATOPYearsHasUniqueKeys(_ data: String) throws {
    try withWorkspace { ws throws in
      let result = try ws.run("export", "state-year", data, "--from", "2010", "--to", "2011", "--out", "sy.csv")
      #expect(result.status == 0, "\(result.stderr)")
      let text = String(decoding: try ws.bytes("sy.csv"), as: UTF8.self)
      let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
      #expect(rows.count > 300)
      let keys = rows.map { "\($0[0])-\($0[2])" }
      #expect(Set(keys).count == keys.count)
      #expect(rows.contains { $0[0] == "2" && $0[1] == "USA" && $0[2] == "2011" })
    }
  }
}
