import Foundation
import Testing

/// A Python that imports pyarrow: `$ALLIANCE_PYTHON`, the venv spark/test.sh makes
/// (`~/.cache/alliancegraph-spark-venv`, or `$ALLIANCE_SPARK_VENV`), or python3 on the PATH.
enum Pyarrow {
  static let python: String? = {
    let environment = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let chosen = environment["ALLIANCE_PYTHON"], !chosen.isEmpty { candidates.append(chosen) }
    if let venv = environment["ALLIANCE_SPARK_VENV"], !venv.isEmpty { candidates.append(venv + "/bin/python") }
    candidates.append(FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/alliancegraph-spark-venv/bin/python").path)
    for directory in (environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(directory)/python3") }
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
      if (try? Networkx.run(candidate, ["-c", "import pyarrow"]).status) == 0 { return candidate }
    }
    return nil
  }()
}

@Suite struct ExportEdgesTests {
  static let reader = """
    import json, sys
    import pyarrow.parquet as pq
    folder = sys.argv[1]
    edges = pq.read_table(folder + "/edges")
    nodes = pq.read_table(folder + "/nodes")
    print(json.dumps({
        "edge_schema": [[f.name, str(f.type), f.nullable] for f in edges.schema],
        "node_schema": [[f.name, str(f.type), f.nullable] for f in nodes.schema],
        "edges": edges.to_pydict(), "nodes": nodes.to_pydict(),
        "row_groups": pq.ParquetFile(folder + "/nodes/part-00000.parquet").metadata.num_row_groups,
    }))
    """

  @Test func reportsAndWritesTheFolder() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let report = try ws.json("export", "edges", "a.el", "out", "--partitions", "2")
      #expect(report["nodes"] as? Int == 4)
      #expect(report["edges"] as? Int == 3)
      #expect(report["partitions"] as? Int == 2)
      #expect(report["labels"] as? String == "integer")
      #expect(try ws.listing() == ["a.el", "out"])
      #expect(ws.exists("out/edges/part-00001.parquet"))
      #expect(ws.exists("out/nodes/part-00000.parquet"))
      #expect(try ws.bytes("out/edges/part-00000.parquet").prefix(4) == [0x50, 0x41, 0x52, 0x31])
    }
  }

  @Test func usageAndInputErrors() throws {
    try withWorkspace { ws throws in
      try ws.write("a.el", sampleEdgeList)
      let zero = try ws.run("export", "edges", "a.el", "out", "--partitions", "0")
      #expect(zero.status == 64)
      #expect(zero.stderr.contains("--partitions"))
      let missing = try ws.run("export", "edges", "missing.el", "out")
      #expect(missing.status == 1)
      #expect(missing.stderr.contains("missing.el"))
      try ws.write("bad.el", "0 1\n1 x\n")
      let bad = try ws.run("export", "edges", "bad.el", "out")
      #expect(bad.status == 1)
      #expect(bad.stderr.contains("bad.el:2"))
      // A folder that is not an earlier export is never replaced.
      try FileManager.default.createDirectory(atPath: ws.path("keep"), withIntermediateDirectories: false)
      try ws.write("keep/notes.txt", "mine")
      let taken = try ws.run("export", "edges", "a.el", "keep")
      #expect(taken.status == 1)
      #expect(taken.stderr.contains("keep: exists and is not an earlier export"))
      #expect(try ws.listing() == ["a.el", "bad.el", "keep"])
    }
  }

  @Test(.enabled(if: Pyarrow.python != nil, "no Python with pyarrow (spark/test.sh makes one): pyarrow round trip skipped"))
  func pyarrowReadsItBack() throws {
    let python = try #require(Pyarrow.python)
    try withWorkspace { ws throws in
      try ws.write("w.el", "b a 1.5\nb c 2\nc a 0.25\nd e 3\n")
      let done = try ws.run("export", "edges", "w.el", "out", "--labels", "string")
      #expect(done.status == 0, "\(done.stderr)")
      let script = try ws.write("read.py", Self.reader)
      let result = try Networkx.run(python, [script, ws.path("out")])
      #expect(result.status == 0, "\(result.stderr)")
      let read = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
      let edgeSchema = read["edge_schema"] as? [[Any]]
      #expect(edgeSchema?.map { "\($0[0]) \($0[1]) \($0[2])" } == ["src int64 0", "dst int64 0", "weight double 0"])
      let nodeSchema = read["node_schema"] as? [[Any]]
      #expect(nodeSchema?.map { "\($0[0]) \($0[1])" } == ["node int64", "label string"])
      let edges = try #require(read["edges"] as? [String: [Any]])
      // Labels b, a, c, d, e are ids 0…4 by first appearance; each edge once with src < dst.
      #expect(edges["src"] as? [Int] == [0, 0, 1, 3])
      #expect(edges["dst"] as? [Int] == [1, 2, 2, 4])
      #expect(edges["weight"] as? [Double] == [1.5, 2, 0.25, 3])
      let nodes = try #require(read["nodes"] as? [String: [Any]])
      #expect(nodes["label"] as? [String] == ["b", "a", "c", "d", "e"])
      #expect(nodes["node"] as? [Int] == [0, 1, 2, 3, 4])
    }
  }

  @Test(.enabled(if: Pyarrow.python != nil, "no Python with pyarrow (spark/test.sh makes one): pyarrow round trip skipped"))
  func pyarrowReadsADatasetYear() throws {
    let python = try #require(Pyarrow.python)
    let reference = DatasetCommandTests.repositoryRoot.appendingPathComponent("Tests/Fixtures/reference").path
    try withWorkspace { ws throws in
      let report = try ws.json("export", "edges", reference, "--year", "2012", "--layer", "defense", "atop")
      #expect(report["year"] as? Int == 2012)
      let edgeCount = try #require(report["edges"] as? Int)
      let script = try ws.write("read.py", Self.reader)
      let result = try Networkx.run(python, [script, ws.path("atop")])
      #expect(result.status == 0, "\(result.stderr)")
      let read = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
      let edges = try #require(read["edges"] as? [String: [Any]])
      let src = try #require(edges["src"] as? [Int]), dst = try #require(edges["dst"] as? [Int])
      #expect(src.count == edgeCount)
      #expect(zip(src, dst).allSatisfy { $0 < $1 })
      let labels = try #require((read["nodes"] as? [String: [Any]])?["label"] as? [String])
      #expect(labels.contains("2"))  // the United States by COW code
    }
  }
}
