import Foundation
import Testing

/// `alliance info` and `alliance convert` on datasets, with the exports read back by networkx.
@Suite struct DatasetCommandTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/data` beside the repository, or `nil` when absent.
  static let referenceData: String? = {
    let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
    return FileManager.default.fileExists(atPath: folder + "/cow/states.csv") ? folder : nil
  }()

  /// The committed real-data excerpt (ATOP/COW rows the 2010–2012 snapshots read).
  static let referenceExcerpt = repositoryRoot.appendingPathComponent("Tests/Fixtures/reference").path

  /// The excerpt always, `../shared/data` too when present.
  static let referenceDataSets: [String] = [referenceExcerpt] + (referenceData.map { [$0] } ?? [])

  // MARK: - info

  @Test func infoOnTheBuiltInDataset() throws {
    try withWorkspace { ws throws in
      let info = try ws.json("info")
      #expect(info["dataset"] as? String == "curated")
      #expect(info["year"] as? Int == 2025)
      let nations = try #require(info["nations"] as? Int)
      #expect(nations >= 120)
      let ties = try #require(info["ties"] as? [String: Any])
      for key in [
        "defense", "offense", "neutrality", "nonaggression", "consultation", "exercise", "intelligence",
        "pairs_with_any_tie",
      ] {
        #expect(ties[key] is Int, "ties.\(key)")
      }
      let defense = try #require(ties["defense"] as? Int)
      #expect(defense > 1000)
      // NATO alone gives 32·31/2 = 496 defense pairs.
      #expect(defense >= 496)
      #expect((ties["pairs_with_any_tie"] as? Int ?? 0) >= (ties["pairs_with_any_obligation"] as? Int ?? .max))
      #expect((info["groups"] as? [String: Any])?["oic"] as? Int == 57)
    }
  }

  @Test(arguments: referenceDataSets)
  func infoOnReferenceData2012(_ data: String) throws {
    try withWorkspace { ws throws in
      let info = try ws.json("info", data, "--year", "2012")
      #expect(info["year"] as? Int == 2012)
      #expect(info["layout"] as? String == "reference")
      let ties = try #require(info["ties"] as? [String: Any])
      #expect(ties["defense"] as? Int == 1662)
    }
  }

  // MARK: - convert

  @Test(arguments: ["out.graphml", "out.gexf", "out.json"])
  func convertWritesTheFile(name: String) throws {
    try withWorkspace { ws throws in
      let result = try ws.run("convert", name)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(try ws.listing() == [name])
      let text = String(decoding: try ws.bytes(name), as: UTF8.self)
      #expect(text.contains("Pakistan"))
      if name.hasSuffix(".json") {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["year"] as? Int == 2025)
      } else {
        #expect(text.hasPrefix("<?xml"))
      }
    }
  }

  @Test func convertCarriesAnalyticsAsNodeAttributes() throws {
    try withWorkspace { ws throws in
      let plain = try ws.run("convert", "plain.json")
      #expect(plain.status == 0, "\(plain.stderr)")
      let result = try ws.run("convert", "with.json", "--analytics")
      #expect(result.status == 0, "\(result.stderr)")
      func pakistan(_ name: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try ws.bytes(name))) as? [String: Any])
        let nations = try #require(object["nations"] as? [[String: Any]])
        return try #require(nations.first { $0["nation"] as? String == "PAK" })
      }
      let without = try pakistan("plain.json"), with = try pakistan("with.json")
      #expect(without["fm"] == nil)
      for key in ["e", "fm", "syn", "theta", "d", "cr", "gap", "uncovered", "bloc", "degree", "betweenness", "eigenvector"] {
        #expect(with[key] != nil, "missing \(key)")
      }
      // FM = E / C for a nation with capability.
      let e = try #require(with["e"] as? Double), fm = try #require(with["fm"] as? Double)
      let capability = try #require(with["capability"] as? Double)
      #expect(abs(fm - e / capability) <= 1e-9 * fm)
      let graphml = try ws.run("convert", "with.graphml", "--analytics")
      #expect(graphml.status == 0)
      let text = String(decoding: try ws.bytes("with.graphml"), as: UTF8.self)
      #expect(text.contains("attr.name=\"fm\" attr.type=\"double\""))
    }
  }

  /// The nations and tie pairs of the JSON export of the as-of year.
  func jsonExport(_ ws: Workspace) throws -> (nations: [String: [String: Any]], pairs: [String: String]) {
    let result = try ws.run("convert", "snapshot.json")
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(try ws.bytes("snapshot.json"))) as? [String: Any])
    let nations = try #require(object["nations"] as? [[String: Any]])
    let ties = try #require(object["ties"] as? [[String: Any]])
    var byID: [String: [String: Any]] = [:]
    for nation in nations { byID[try #require(nation["nation"] as? String)] = nation }
    var pairs: [String: String] = [:]
    for tie in ties {
      let a = try #require(tie["a"] as? String), b = try #require(tie["b"] as? String)
      let types = try #require(tie["types"] as? [String])
      pairs[[a, b].sorted().joined(separator: "|")] = types.joined(separator: ";")
    }
    return (byID, pairs)
  }

  @Test func graphMLReadsBackInNetworkx() throws {
    try withWorkspace { ws throws in
      let info = try ws.json("info")
      let (nations, pairs) = try jsonExport(ws)
      #expect(try ws.run("convert", "out.graphml").status == 0)
      let report = try Networkx.check(ws.path("out.graphml"))
      #expect(report["directed"] as? Bool == false)
      #expect(report["nodes"] as? Int == info["nations"] as? Int)
      #expect(report["edges"] as? Int == (info["ties"] as? [String: Any])?["pairs_with_any_tie"] as? Int)
      #expect(report["node_ids"] as? [String] == nations.keys.sorted())
      #expect(report["edge_pairs"] as? [String] == pairs.keys.sorted())
      #expect(report["edge_types"] as? [String: String] == pairs)
      let attributes = try #require(report["attributes"] as? [String: [String: Any]])
      for (id, nation) in nations {
        let read = try #require(attributes[id])
        #expect(read["name"] as? String == nation["name"] as? String)
        #expect(read["region"] as? String == nation["region"] as? String)
        // Unknown capability is written as 0 with capability_known = false.
        #expect(read["capability"] as? Double == (nation["capability"] as? Double ?? 0), "\(id)")
      }
      #expect(attributes["PAK"]?["name"] as? String == "Pakistan")
      #expect(attributes["PAK"]?["region"] as? String == "Asia")
      #expect((attributes["PAK"]?["capability"] as? Double ?? 0) > 0)
    }
  }

  @Test func gexfReadsBackInNetworkxWithSpells() throws {
    try withWorkspace { ws throws in
      let (nations, pairs) = try jsonExport(ws)
      // All years: every nation is present throughout; pairs tied in any year.
      #expect(try ws.run("convert", "all.gexf").status == 0)
      let all = try Networkx.check(ws.path("all.gexf"))
      #expect(all["node_ids"] as? [String] == nations.keys.sorted())
      #expect(all["nodes_with_spells"] as? Int == nations.count)
      let edges = try #require(all["edges"] as? Int)
      #expect(all["edges_with_spells"] as? Int == edges)
      let allPairs = Set(try #require(all["edge_pairs"] as? [String]))
      #expect(allPairs.isSuperset(of: pairs.keys))
      #expect(edges > pairs.count)  // ties that ended before 2025 (e.g. ANZUS with New Zealand)

      // One year: exactly the snapshot's pairs.
      #expect(try ws.run("convert", "year.gexf", "--years", "2025-2025").status == 0)
      let year = try Networkx.check(ws.path("year.gexf"))
      #expect(year["edge_pairs"] as? [String] == pairs.keys.sorted())
      #expect(year["nodes_with_spells"] as? Int == nations.count)
      let attributes = try #require(year["attributes"] as? [String: [String: Any]])
      for (id, nation) in nations {
        let read = try #require(attributes[id])
        #expect(read["name"] as? String == nation["name"] as? String)
        #expect(read["region"] as? String == nation["region"] as? String)
        #expect(read["capability"] as? Double == nation["capability"] as? Double, "\(id)")
      }
    }
  }

  // MARK: - Errors

  @Test func aFolderThatIsNotADataset() throws {
    try withWorkspace { ws throws in
      try FileManager.default.createDirectory(
        at: ws.url.appendingPathComponent("notes"), withIntermediateDirectories: false)
      try ws.write("notes/readme.txt", "hello\n")
      let info = try ws.run("info", "notes")
      #expect(info.status == 1)
      #expect(info.stderr.contains("notes: not a dataset"))
      #expect(info.stdout.isEmpty)
      for output in ["out.graphml", "out.gexf", "out.json", "out.el"] {
        let convert = try ws.run("convert", "notes", output)
        #expect(convert.status == 1, "\(output)")
        #expect(convert.stderr.contains("not a dataset"), "\(output)")
        #expect(try ws.listing() == ["notes"], "\(output)")
      }
    }
  }

  @Test func aBrokenDatasetNamesFileLineAndField() throws {
    try withWorkspace { ws throws in
      try FileManager.default.createDirectory(
        at: ws.url.appendingPathComponent("d"), withIntermediateDirectories: false)
      try ws.write(
        "d/dataset.json",
        #"{"format": "alliancegraph-dataset/1", "name": "d", "asOf": 2020, "capability": {"measure": "milex"}}"#)
      try ws.write("d/sources.csv", "id,publisher,title,date\ns1,P,T,2020\n")
      try ws.write("d/nations.csv", "id,name,region\nAAA,Alpha,Europe\nBBB,Beta,Atlantis\n")
      let result = try ws.run("convert", "d", "out.graphml")
      #expect(result.status == 1)
      #expect(result.stderr.contains("d/nations.csv:3: region: unknown region \"Atlantis\""), "\(result.stderr)")
      #expect(!ws.exists("out.graphml"))
      // Fixed, it loads and the nation without a capital is a warning.
      try ws.write("d/nations.csv", "id,name,region\nAAA,Alpha,Europe\nBBB,Beta,Asia\n")
      let fixed = try ws.run("convert", "d", "out.graphml")
      #expect(fixed.status == 0, "\(fixed.stderr)")
      #expect(fixed.stderr.contains("warning"))
      #expect(fixed.stderr.contains("has no capital"))
      #expect(ws.exists("out.graphml"))
    }
  }

  @Test func aYearOutsideTheData() throws {
    try withWorkspace { ws throws in
      for output in ["out.graphml", "out.json", "out.el"] {
        let result = try ws.run("convert", output, "--year", "1800")
        #expect(result.status == 1, "\(output)")
        #expect(result.stderr.contains("year 1800 is outside the data"), "\(output): \(result.stderr)")
      }
      let gexf = try ws.run("convert", "out.gexf", "--years", "1800-1900")
      #expect(gexf.status != 0)
      #expect(gexf.stderr.contains("lies outside the data"))
      let info = try ws.run("info", "--year", "2100")
      #expect(info.status == 1)
      #expect(info.stderr.contains("year 2100 is outside the data"))
      #expect(info.stdout.isEmpty)
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func anUnknownOutputExtension() throws {
    try withWorkspace { ws throws in
      for output in ["out.xyz", "out.xml", "out"] {
        let result = try ws.run("convert", output)
        #expect(result.status == 64, "\(output)")
        #expect(result.stderr.contains("\(output): unknown output extension"), "\(result.stderr)")
        #expect(result.stderr.contains(".graphml"))
      }
      #expect(try ws.listing().isEmpty)
    }
  }
}

/// Runs scripts/tests/check_export.py with a Python that has networkx.
///
/// The interpreter is `$ALLIANCE_PYTHON` when set, else the first of `python3` on the PATH,
/// `/usr/bin/python3` and `ext/venv/bin/python` beside the checkout that imports networkx. Without one the
/// calling test fails (CI installs python3-networkx).
enum Networkx {
  static let script = DatasetCommandTests.repositoryRoot.appendingPathComponent("scripts/tests/check_export.py").path

  static let python: Result<String, PythonMissing> = {
    if let chosen = ProcessInfo.processInfo.environment["ALLIANCE_PYTHON"], !chosen.isEmpty {
      return hasNetworkx(chosen)
        ? .success(chosen) : .failure(PythonMissing(message: "ALLIANCE_PYTHON=\(chosen) cannot import networkx"))
    }
    var candidates: [String] = []
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      candidates.append("\(directory)/python3")
    }
    // A venv beside the checkout (ext/venv), as the benchmark README sets up.
    candidates += [
      "/usr/bin/python3",
      DatasetCommandTests.repositoryRoot.deletingLastPathComponent().appendingPathComponent("ext/venv/bin/python").path,
    ]
    var tried: [String] = []
    for candidate in candidates
    where FileManager.default.isExecutableFile(atPath: candidate) && !tried.contains(candidate) {
      tried.append(candidate)
      if hasNetworkx(candidate) { return .success(candidate) }
    }
    return .failure(
      PythonMissing(
        message: "no Python with networkx found (tried \(tried.isEmpty ? "none" : tried.joined(separator: ", "))); "
          + "install python3-networkx or set ALLIANCE_PYTHON to an interpreter that has it"))
  }()

  struct PythonMissing: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  static func hasNetworkx(_ python: String) -> Bool {
    (try? run(python, ["-c", "import networkx"]).status) == 0
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
    // Output goes to files, so a large report cannot fill a pipe and block the child.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-python-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return (
      process.terminationStatus, try Data(contentsOf: outURL),
      String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    )
  }

  /// The script's JSON report on `file`.
  static func check(_ file: String) throws -> [String: Any] {
    let python: String
    switch Networkx.python {
    case .success(let found): python = found
    case .failure(let missing):
      throw PythonMissing(message: "cannot check exports with networkx: \(missing.message)")
    }
    let result = try run(python, [script, file])
    try #require(result.status == 0, "\(python) \(script) \(file) failed: \(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: result.stdout)
    return try #require(object as? [String: Any], "check_export.py did not print a JSON object")
  }
}
