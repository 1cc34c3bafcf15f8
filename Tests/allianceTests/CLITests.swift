import Foundation
import GraphCore
import Testing

/// Runs the built `alliance` executable.
enum CLI {
  /// The `alliance` binary: beside the test executable (SwiftPM puts every product of a
  /// build in the same directory), else in the package's `.build/debug` or `.build/release`.
  static let executable: URL? = {
    var candidates: [URL] = []
    if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: running).deletingLastPathComponent())
    }
    if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        candidates.append(dir.appendingPathComponent(".build/debug"))
        candidates.append(dir.appendingPathComponent(".build/release"))
        break
      }
      dir = dir.deletingLastPathComponent()
    }
    for directory in candidates {
      let binary = directory.appendingPathComponent("alliance")
      if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    return nil
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `alliance arguments…` in `directory` and waits for it.
  static func run(_ arguments: [String], in directory: URL) throws -> Result {
    let binary = try #require(executable, "the alliance executable was not found")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    // Output goes to files outside `directory` (tests check that directory's contents).
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}

/// A fresh working directory for one test.
struct Workspace {
  let url: URL
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try Data(text.utf8).write(to: url.appendingPathComponent(name))
    return path(name)
  }

  func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url.appendingPathComponent(name))) }

  func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

  /// Runs `alliance` here; relative file names resolve in this directory.
  func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: url) }
  func run(_ arguments: [String]) throws -> CLI.Result { try CLI.run(arguments, in: url) }

  /// Runs a command that must succeed and returns its standard output parsed as JSON.
  func json(_ arguments: String...) throws -> [String: Any] { try json(arguments) }

  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try CLI.run(arguments + ["--format", "json"], in: url)
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(result.stdout)")
  }
}

func withWorkspace<R>(_ body: (Workspace) throws -> R) throws -> R {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(Workspace(url: url))
}

/// 0–1, 1–2, 2–0 (a triangle), a duplicate 1 0 and a self-loop on 3.
let sampleEdgeList = "# sample\n0 1\n1 2\n2 0\n1 0\n3 3\n"

@Suite struct CLITests {
  @Test func executableIsFound() throws {
    let binary = try #require(CLI.executable)
    #expect(binary.lastPathComponent == "alliance")
  }

  // MARK: - info

  @Test func infoJSON() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let info = try ws.json("info", "a.el")
      for key in [
        "nodes", "edges", "directed", "self_loops_removed", "duplicate_edges_removed", "degree_min", "degree_mean",
        "degree_max",
      ] {
        #expect(info[key] != nil, "missing \(key)")
      }
      // Memory and timings are about the run: `meta`.
      let meta = try #require(info["meta"] as? [String: Any])
      #expect(meta["load_seconds"] is Double)
      #expect(info["file"] as? String == "a.el")
      #expect(info["format"] as? String == "edge list")
      #expect(info["nodes"] as? Int == 4)
      #expect(info["edges"] as? Int == 3)
      #expect(info["directed"] as? Bool == false)
      #expect(info["weighted"] as? Bool == false)
      #expect(info["self_loops"] as? Int == 0)
      #expect(info["self_loops_removed"] as? Int == 1)
      #expect(info["duplicate_edges_removed"] as? Int == 1)
      #expect(info["degree_min"] as? Int == 0)
      #expect(info["degree_max"] as? Int == 2)
      #expect(info["degree_mean"] as? Double == 1.5)
      #expect(info["isolated_nodes"] as? Int == 1)
      #expect((meta["peak_rss_bytes"] as? Int ?? 0) > 1 << 20)
    }
  }

  @Test func infoJSONWithOptions() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let directed = try ws.json("info", "a.el", "--directed", "--keep-self-loops", "--threads", "1")
      #expect(directed["directed"] as? Bool == true)
      #expect(directed["edges"] as? Int == 5)
      #expect(directed["self_loops"] as? Int == 1)
      #expect(directed["self_loops_removed"] as? Int == 0)
      #expect(directed["out_degree_max"] as? Int == 2)
      #expect(directed["degree_max"] == nil)
      let declared = try ws.json("info", "a.el", "--nodes", "10")
      #expect(declared["nodes"] as? Int == 10)
      #expect(declared["isolated_nodes"] as? Int == 7)
      let strings = try ws.json("info", "a.el", "--labels", "string")
      #expect(strings["labels"] as? String == "string")
      #expect(strings["nodes"] as? Int == 4)
    }
  }

  @Test func selfLoopCountsTwiceInDegree() throws {
    try withWorkspace { ws throws in
      try ws.write("loop.el", "0 0\n0 1\n")
      let info = try ws.json("info", "loop.el", "--keep-self-loops")
      #expect(info["self_loops"] as? Int == 1)
      #expect(info["degree_max"] as? Int == 3)  // networkx: a loop adds 2
      #expect(info["degree_min"] as? Int == 1)
    }
  }

  @Test func infoCSV() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let result = try ws.run("info", "a.el", "--format", "csv")
      #expect(result.status == 0)
      let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == 3)  // header, row, final empty piece
      #expect(lines.last == "")
      let header = lines[0].split(separator: ",").map(String.init)
      let row = lines[1].split(separator: ",").map(String.init)
      #expect(header.count == row.count)
      let values = Dictionary(uniqueKeysWithValues: zip(header, row))
      #expect(values["nodes"] == "4")
      #expect(values["edges"] == "3")
      #expect(values["directed"] == "0")  // CSV booleans are 1/0
      #expect(values["format"] == "edge list")
      #expect(values["degree_mean"] == "1.5")
    }
  }

  @Test func infoCSVQuotesFieldsWithCommas() throws {
    try withWorkspace { ws throws in
      try ws.write("a,b.el", "0 1\n")
      let result = try ws.run("info", "a,b.el", "--format", "csv")
      #expect(result.status == 0)
      let row = result.stdout.split(separator: "\n")[1]
      #expect(row.hasPrefix("\"a,b.el\","))
    }
  }

  @Test func infoTableIsTheDefault() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let result = try ws.run("info", "a.el")
      #expect(result.status == 0)
      let lines = result.stdout.split(separator: "\n").map(String.init)
      #expect(lines.contains { $0.range(of: #"^nodes +4$"#, options: .regularExpression) != nil })
      #expect(lines.contains { $0.range(of: #"^edges +3$"#, options: .regularExpression) != nil })
      #expect(lines.contains { $0.range(of: #"^directed +false$"#, options: .regularExpression) != nil })
      // Values start in one column.
      let columns = Set(lines.map { line in
        line.distance(from: line.startIndex, to: line.range(of: #"  +"#, options: .regularExpression)!.upperBound)
      })
      #expect(columns.count == 1)
      let explicit = try ws.run("info", "a.el", "--format", "table")
      #expect(explicit.stdout.split(separator: "\n").count == lines.count)
    }
  }

  @Test func infoWarnsAboutEdgeListOptionsOnSnapshots() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      #expect(try ws.run("convert", "a.el", "a.bin").status == 0)
      let result = try ws.run("info", "a.bin", "--directed")
      #expect(result.status == 0)
      #expect(result.stderr.contains("warning"))
      #expect(result.stdout.contains("snapshot"))
    }
  }

  // MARK: - generate

  @Test func kroneckerIsByteIdenticalForAnyThreads() throws {
    try withWorkspace { ws throws in
      let one = try ws.run("generate", "kronecker", "--scale", "8", "--seed", "3", "--out", "k1.bin", "--threads", "1")
      let four = try ws.run("generate", "kronecker", "--scale", "8", "--seed", "3", "--out", "k4.bin", "--threads", "4")
      #expect(one.status == 0, "\(one.stderr)")
      #expect(four.status == 0, "\(four.stderr)")
      let bytes = try ws.bytes("k1.bin")
      #expect(bytes.count > 128)
      #expect(bytes == (try ws.bytes("k4.bin")))
      let other = try ws.run("generate", "kronecker", "--scale", "8", "--seed", "4", "--out", "k5.bin")
      #expect(other.status == 0)
      #expect(bytes != (try ws.bytes("k5.bin")))
      let info = try ws.json("info", "k1.bin")
      #expect(info["nodes"] as? Int == 256)
      #expect(info["format"] as? String == "snapshot")
      #expect(info["self_loops"] as? Int == 0)
    }
  }

  @Test func generateReportsJSON() throws {
    try withWorkspace { ws throws in
      let report = try ws.json("generate", "kronecker", "--scale", "6", "--edge-factor", "4", "--out", "k.bin")
      #expect(report["model"] as? String == "kronecker")
      #expect(report["nodes"] as? Int == 64)
      let edges = try #require(report["edges"] as? Int)
      let loops = try #require(report["self_loops_removed"] as? Int)
      let dups = try #require(report["duplicate_edges_removed"] as? Int)
      #expect(edges + loops + dups == 256)
      #expect(report["seed"] as? Int == 1)
    }
  }

  @Test func generateUniform() throws {
    try withWorkspace { ws throws in
      #expect(try ws.run("generate", "uniform", "--nodes", "50", "--edges", "100", "--out", "u.bin").status == 0)
      let info = try ws.json("info", "u.bin")
      #expect(info["nodes"] as? Int == 50)
      #expect(info["edges"] as? Int == 100)
      #expect(info["directed"] as? Bool == false)
      #expect(
        try ws.run("generate", "uniform", "--nodes", "20", "--edges", "300", "--directed", "--out", "d.bin").status == 0)
      let directed = try ws.json("info", "d.bin")
      #expect(directed["directed"] as? Bool == true)
      #expect(directed["edges"] as? Int == 300)
    }
  }

  @Test func generateBarabasiAlbert() throws {
    try withWorkspace { ws throws in
      #expect(try ws.run("generate", "ba", "--nodes", "100", "--attachment", "3", "--seed", "9", "--out", "b.bin").status == 0)
      let info = try ws.json("info", "b.bin")
      #expect(info["nodes"] as? Int == 100)
      #expect(info["edges"] as? Int == 291)
      // The leaves of the seed star start with degree 1; every later node has at least 3.
      #expect((info["degree_min"] as? Int ?? 0) >= 1)
      #expect((info["degree_max"] as? Int ?? 0) > 10)
    }
  }

  @Test func generateBlockModel() throws {
    try withWorkspace { ws throws in
      let a = try ws.run("generate", "sbm", "--sizes", "20,30", "--p-in", "1", "--p-out", "0", "--out", "s.bin")
      #expect(a.status == 0, "\(a.stderr)")
      let info = try ws.json("info", "s.bin")
      #expect(info["nodes"] as? Int == 50)
      #expect(info["edges"] as? Int == 190 + 435)
      let b = try ws.run("generate", "sbm", "--sizes", "20, 30", "--probabilities", "1,0;0,1", "--out", "t.bin")
      #expect(b.status == 0, "\(b.stderr)")
      #expect(try ws.bytes("s.bin") == ws.bytes("t.bin"))
    }
  }

  @Test func generateEdgeListWarnsAboutIsolatedNodes() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("generate", "kronecker", "--scale", "7", "--seed", "2", "--out", "k.el")
      #expect(result.status == 0)
      #expect(result.stderr.contains("--nodes 128"))
      #expect(try ws.run("generate", "kronecker", "--scale", "7", "--seed", "2", "--out", "k.bin").status == 0)
      let fromText = try ws.json("info", "k.el", "--nodes", "128")
      let fromBinary = try ws.json("info", "k.bin")
      #expect(fromText["nodes"] as? Int == 128)
      #expect(fromText["edges"] as? Int == fromBinary["edges"] as? Int)
      #expect(fromText["degree_max"] as? Int == fromBinary["degree_max"] as? Int)
    }
  }

  @Test func generateValidationErrors() throws {
    try withWorkspace { ws throws in
      let cases: [[String]] = [
        ["generate", "kronecker", "--scale", "0", "--out", "x.bin"],
        ["generate", "kronecker", "--scale", "8", "--threads", "0", "--out", "x.bin"],
        ["generate", "uniform", "--nodes", "5", "--edges", "11", "--out", "x.bin"],
        ["generate", "ba", "--nodes", "5", "--attachment", "5", "--out", "x.bin"],
        ["generate", "sbm", "--sizes", "2,2", "--probabilities", "1,0.5;0,1", "--out", "x.bin"],
        ["generate", "sbm", "--sizes", "2,x", "--p-in", "1", "--p-out", "0", "--out", "x.bin"],
        ["generate", "sbm", "--sizes", "2,2", "--p-in", "1.5", "--p-out", "0", "--out", "x.bin"],
        ["generate", "sbm", "--sizes", "2,2", "--out", "x.bin"],
      ]
      for arguments in cases {
        let result = try ws.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("Error:"), "\(arguments)")
      }
      #expect(try ws.listing().isEmpty)
    }
  }

  // MARK: - convert

  @Test func convertToSnapshotAgreesWithTheEdgeList() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList + "7 9\n")
      let converted = try ws.run("convert", "a.el", "b.bin")
      #expect(converted.status == 0, "\(converted.stderr)")
      let text = try ws.json("info", "a.el")
      let binary = try ws.json("info", "b.bin")
      #expect(binary["nodes"] as? Int == text["nodes"] as? Int)
      #expect(binary["edges"] as? Int == text["edges"] as? Int)
      #expect(binary["nodes"] as? Int == 6)
      #expect(binary["edges"] as? Int == 4)
      #expect(binary["labels"] as? String == "integer")
      #expect(try ws.listing() == ["a.el", "b.bin"])
      let graph = try GraphSnapshot.read(path: ws.path("b.bin"))
      #expect(graph == (try EdgeListReader.read(path: ws.path("a.el")).graph))
    }
  }

  @Test func convertReportsJSON() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let report = try ws.json("convert", "a.el", "b.bin")
      #expect(report["input"] as? String == "a.el")
      #expect(report["output"] as? String == "b.bin")
      #expect(report["nodes"] as? Int == 4)
      #expect(report["edges"] as? Int == 3)
      #expect(report["self_loops_removed"] as? Int == 1)
      #expect(report["duplicate_edges_removed"] as? Int == 1)
    }
  }

  @Test(arguments: ["c.csv", "c.tsv", "c.el", "c.txt", "c.edges"])
  func convertToTextAndReadBack(output: String) throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", "10 20 1.5\n20 30 0.1\n30 10 1e-300\n40 10 2\n")
      let result = try ws.run("convert", "a.el", output)
      #expect(result.status == 0, "\(result.stderr)")
      let back = try EdgeListReader.read(path: ws.path(output)).graph
      #expect(back == (try EdgeListReader.read(path: ws.path("a.el")).graph))
      let text = String(decoding: try ws.bytes(output), as: UTF8.self)
      let separator = output.hasSuffix(".csv") ? "," : output.hasSuffix(".tsv") ? "\t" : " "
      #expect(text.contains("10\(separator)20\(separator)1.5\n"))
    }
  }

  @Test func convertSnapshotBackToText() throws {
    try withWorkspace { ws throws in
      try ws.write("names.el", "USA GBR\nFRA USA\nFRA DEU\n")
      #expect(try ws.run("convert", "names.el", "n.bin", "--labels", "string").status == 0)
      #expect(try ws.run("convert", "n.bin", "n.csv").status == 0)
      let original = try EdgeListReader.read(path: ws.path("names.el"), options: EdgeListReadOptions(labels: .string)).graph
      let back = try EdgeListReader.read(path: ws.path("n.csv"), options: EdgeListReadOptions(labels: .string)).graph
      #expect(back == original)
    }
  }

  // MARK: - Errors

  @Test func badInputReportsFileLineAndFieldAndWritesNothing() throws {
    try withWorkspace { ws throws in
      try ws.write("bad.el", "0 1\n1 2\nx 3\n")
      let info = try ws.run("info", "bad.el")
      #expect(info.status != 0)
      #expect(info.stderr.contains("bad.el:3"))
      #expect(info.stderr.contains("field 1 (source label)"))
      #expect(info.stdout.isEmpty)
      for output in ["out.bin", "out.el", "out.csv"] {
        let convert = try ws.run("convert", "bad.el", output)
        #expect(convert.status != 0)
        #expect(convert.stderr.contains("bad.el:3: field 1 (source label)"))
        #expect(try ws.listing() == ["bad.el"], "\(output)")
      }
    }
  }

  @Test func badWeightReportsTheWeightField() throws {
    try withWorkspace { ws throws in
      try ws.write("w.el", "0 1 1.0\n1 2 2.0\n\n2 3 heavy\n")
      let result = try ws.run("convert", "w.el", "w.bin")
      #expect(result.status == 1)
      #expect(result.stderr.contains("w.el:4: field 3 (weight)"))
      #expect(result.stderr.contains("heavy"))
      #expect(try ws.listing() == ["w.el"])
    }
  }

  @Test func failedConvertLeavesAnExistingOutputUnchanged() throws {
    try withWorkspace { ws throws in
      try ws.write("bad.el", "0 1\n1\n")
      try ws.write("out.el", "previous\n")
      let result = try ws.run("convert", "bad.el", "out.el")
      #expect(result.status != 0)
      #expect(String(decoding: try ws.bytes("out.el"), as: UTF8.self) == "previous\n")
      #expect(try ws.listing() == ["bad.el", "out.el"])
    }
  }

  @Test func unknownExtensions() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      try ws.write("a.graph", sampleEdgeList)
      let input = try ws.run("info", "a.graph")
      #expect(input.status != 0)
      #expect(input.stderr.contains("a.graph"))
      #expect(input.stderr.contains("unknown file extension"))
      let output = try ws.run("convert", "a.el", "b.xyz")
      #expect(output.status != 0)
      #expect(output.stderr.contains("unknown output extension"))
      let generate = try ws.run("generate", "uniform", "--nodes", "5", "--edges", "3", "--out", "g.dat")
      #expect(generate.status != 0)
      #expect(generate.stderr.contains("unknown output extension"))
      #expect(try ws.listing() == ["a.el", "a.graph"])
    }
  }

  @Test func corruptSnapshot() throws {
    try withWorkspace { ws throws in
      #expect(try ws.run("generate", "uniform", "--nodes", "30", "--edges", "60", "--out", "g.bin").status == 0)
      var bytes = try ws.bytes("g.bin")
      bytes[bytes.count - 9] ^= 0xFF
      try Data(bytes).write(to: ws.url.appendingPathComponent("bad.bin"))
      let result = try ws.run("info", "bad.bin")
      #expect(result.status == 1)
      #expect(result.stderr.contains("bad.bin"))
      #expect(result.stderr.contains("payload.checksum"))
      let converted = try ws.run("convert", "bad.bin", "out.el")
      #expect(converted.status == 1)
      #expect(!ws.exists("out.el"))

      try Data(bytes.prefix(100)).write(to: ws.url.appendingPathComponent("short.bin"))
      let short = try ws.run("info", "short.bin")
      #expect(short.status == 1)
      #expect(short.stderr.contains("truncated"))
      try ws.write("text.bin", String(repeating: "0 1\n", count: 64))
      let text = try ws.run("info", "text.bin")
      #expect(text.status == 1)
      #expect(text.stderr.contains("header.magic"))
    }
  }

  @Test func nonexistentFile() throws {
    try withWorkspace { ws throws in
      for name in ["missing.el", "missing.bin"] {
        let result = try ws.run("info", name)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(name): no such file or directory"), "\(result.stderr)")
      }
      // Without an extension too (it used to say "unknown file extension").
      let bare = try ws.run("info", "nosuchdir")
      #expect(bare.status == 1)
      #expect(bare.stderr.contains("nosuchdir: no such file or directory"), "\(bare.stderr)")
      let convert = try ws.run("convert", "missing.el", "out.bin")
      #expect(convert.status == 1)
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func datasetInputErrorsExitWithOneAndSayWhere() throws {
    // Issue 19: a misspelt header, extra fields, a quote left open and broken JSON.
    let manifest = #"{"format": "alliancegraph-dataset/1", "name": "t", "asOf": 2020, "capability": {"measure": "milex"}}"#
    let sources = "id,publisher,title,date,url\ns1,P,T,2020,\n"
    let nations = "id,cow,abbr,name,region,capital,lat,lon,source\nAAA,,AA,Alpha,Europe,A,1,2,s1\nBBB,,BB,Beta,Asia,B,3,4,s1\n"
    let cases: [(file: String, text: String, expected: String)] = [
      ("nations.csv", nations.replacingOccurrences(of: "capital", with: "captial"), "d/nations.csv:1: captial: unknown column \"captial\": did you mean \"capital\"?"),
      ("sources.csv", sources + "s2,P,T,2021,,x,y\n", "d/sources.csv:3: found 7 fields, the header has 5: 2 extra"),
      ("sources.csv", sources + "s2,\"P,T,2021,\ns3,P,T,2021,\ns4,\"P, Inc\",T,2021,\n", "d/sources.csv:3: the quoted field opened on this line closes on line 5"),
      ("dataset.json", "{\n  \"format\": \"alliancegraph-dataset/1\",\n  \"asOf\": 20x25\n}\n", "d/dataset.json:3:13: not valid JSON: invalid value"),
    ]
    for c in cases {
      try withWorkspace { ws throws in
        try FileManager.default.createDirectory(at: ws.url.appendingPathComponent("d"), withIntermediateDirectories: true)
        try ws.write("d/dataset.json", manifest)
        try ws.write("d/sources.csv", sources)
        try ws.write("d/nations.csv", nations)
        #expect(try ws.run("info", "d").status == 0)
        try ws.write("d/" + c.file, c.text)
        let result = try ws.run("info", "d")
        #expect(result.status == 1, "\(c.file)")
        #expect(result.stderr.contains(c.expected), "\(result.stderr)")
      }
    }
  }

  @Test func emptyInputFile() throws {
    try withWorkspace { ws throws in
      try ws.write("empty.el", "")
      let result = try ws.run("info", "empty.el")
      #expect(result.status == 1)
      #expect(result.stderr.contains("empty.el"))
      #expect(result.stderr.contains("empty"))
    }
  }

  @Test func usageErrors() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let nodesWithStrings = try ws.run("info", "a.el", "--nodes", "5", "--labels", "string")
      #expect(nodesWithStrings.status == 64)
      #expect(nodesWithStrings.stderr.contains("--nodes"))
      for arguments in [
        ["info", "a.el", "--threads", "0"], ["info", "a.el", "--nodes", "-1"], ["info", "a.el", "--format", "xml"],
        ["info", "a.el", "--labels", "float"], ["convert"], ["convert", "a.el"], ["convert", "a", "b", "c.el"], ["frobnicate"],
      ] {
        let result = try ws.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
      }
      let labelTooLarge = try ws.run("info", "a.el", "--nodes", "2")
      #expect(labelTooLarge.status == 1)
      #expect(labelTooLarge.stderr.contains("a.el:3: field 2 (target label)"))
      #expect(labelTooLarge.stderr.contains("out of range"))
    }
  }

  @Test func directedIsolatedNodesIgnoreIncomingArcs() throws {
    try withWorkspace { ws throws in
      try ws.write("d.el", "0 1\n0 2\n")
      let info = try ws.json("info", "d.el", "--directed", "--nodes", "4")
      #expect(info["out_degree_min"] as? Int == 0)
      #expect(info["out_degree_max"] as? Int == 2)
      #expect(info["out_degree_mean"] as? Double == 0.5)
      #expect(info["isolated_nodes"] as? Int == 1)  // only node 3: nodes 1 and 2 have incoming arcs
    }
  }

  @Test func outputIntoAMissingDirectoryFails() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("generate", "uniform", "--nodes", "5", "--edges", "3", "--out", "nodir/u.bin")
      #expect(result.status == 1)
      #expect(result.stderr.contains("nodir/u.bin"))
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func emptyGraphThroughTheCLI() throws {
    try withWorkspace { ws throws in
      try ws.write("e.el", "# no edges\n")
      #expect(try ws.run("convert", "e.el", "e.bin", "--nodes", "0").status == 0)
      let info = try ws.json("info", "e.bin")
      #expect(info["nodes"] as? Int == 0)
      #expect(info["edges"] as? Int == 0)
      #expect(info["degree_mean"] as? Double == 0)
      let declared = try ws.json("info", "e.el", "--nodes", "3")
      #expect(declared["nodes"] as? Int == 3)
      #expect(declared["isolated_nodes"] as? Int == 3)
    }
  }

  @Test
  func kroneckerEdgeFactorOverflowIsAUsageError() throws {
    try withWorkspace { ws throws in
      // 2^32 · 2^31 = 2^63 wraps to Int.min, which is "< UInt32.max", so validate() passes.
      let result = try ws.run("generate", "kronecker", "--scale", "31", "--edge-factor", "4294967296", "--out", "k.bin")
      #expect(result.status == 64, "\(result.status) \(result.stderr.prefix(300))")
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test
  func uniformHugeNodeCountIsNotACrash() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("generate", "uniform", "--nodes", "4294967294", "--edges", "10", "--out", "u.bin")
      // Either refused as a usage error or reported as an error; never a trap (status 132).
      #expect(result.status == 64 || result.status == 1, "\(result.status) \(result.stderr.prefix(300))")
    }
  }

  @Test
  func blockModelSizeOverflowIsAUsageError() throws {
    try withWorkspace { ws throws in
      let result = try ws.run(
        "generate", "sbm", "--sizes", "9223372036854775807,1", "--p-in", "0", "--p-out", "0", "--out", "s.bin")
      #expect(result.status == 64, "\(result.status) \(result.stderr.prefix(300))")
    }
  }

  @Test
  func blockModelTinyProbabilityIsNotACrash() throws {
    try withWorkspace { ws throws in
      let result = try ws.run(
        "generate", "sbm", "--sizes", "100,100", "--p-in", "0.1", "--p-out", "1e-17", "--out", "s.bin")
      #expect(result.status == 0, "\(result.status) \(result.stderr.prefix(300))")
    }
  }

  @Test
  func largeSeedIsReportedAsGiven() throws {
    try withWorkspace { ws throws in
      let result = try ws.run(
        "generate", "uniform", "--nodes", "5", "--edges", "3", "--seed", "18446744073709551615", "--out", "u.bin",
        "--format", "json")
      #expect(result.status == 0)
      #expect(result.stdout.contains("\"seed\": 18446744073709551615"), "\(result.stdout)")
    }
  }

  @Test func seedIsReported() throws {
    try withWorkspace { ws throws in
      let report = try ws.json("generate", "uniform", "--nodes", "5", "--edges", "3", "--seed", "123456789", "--out", "u.bin")
      #expect(report["seed"] as? Int == 123_456_789)
      #expect(report["model"] as? String == "uniform")
    }
  }

  @Test func helpExitsSuccessfully() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("--help")
      #expect(result.status == 0)
      for command in ["info", "generate", "convert"] { #expect(result.stdout.contains(command)) }
    }
  }
}
