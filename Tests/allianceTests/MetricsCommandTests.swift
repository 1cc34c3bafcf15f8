import Foundation
import Testing

/// `alliance metrics` and `alliance bench`, run as a user runs them.
@Suite struct MetricsCommandTests {
  /// A path graph 0-1-2-3 plus a triangle 4-5-6.
  let twoParts = "0 1\n1 2\n2 3\n4 5\n5 6\n6 4\n"

  @Test func csvHasOneRowPerNodeWithExactValues() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      let result = try ws.run("metrics", "g.el", "--metric", "degree,betweenness,core", "--format", "csv")
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stdout.split(separator: "\n").map(String.init)
      #expect(lines.first == "node,degree,betweenness,core")
      #expect(lines.count == 8)
      // Path 0-1-2-3 in 7 nodes: node 1 lies on the 0–2 and 0–3 paths: 2 pairs / ((7−1)(7−2)/2).
      #expect(lines[2] == "1,2,\(2.0 / 15.0),1")
      #expect(lines[5] == "4,2,0.0,2")
    }
  }

  @Test func graphLevelValuesGoToTheirOwnTable() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      let csv = try ws.run("metrics", "g.el", "--metric", "density,diameter,transitivity", "--format", "csv")
      #expect(csv.status == 0)
      // CSV numbers in full (shortest round-trip).
      #expect(csv.stdout == "metric,value\ndensity,\(6.0 / 21.0)\ndiameter,3\ndiameter_component_nodes,4\ntransitivity,0.6\n")
      let json = try ws.run("metrics", "g.el", "--metric", "component,pagerank", "--format", "json", "--top", "2")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      let graph = try #require(object["graph"] as? [String: Any])
      #expect(graph["components"] as? Int == 2)
      let nodes = try #require(object["nodes"] as? [[String: Any]])
      #expect(nodes.count == 2)
      // --top sorts by the first per-node metric (component), highest first: the triangle.
      #expect(nodes.allSatisfy { ($0["component"] as? Int) == 1 })
    }
  }

  @Test func allMetricsReportANonConvergingMetricAsNullAndGoOn() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      // λmax is 2 (the triangle), so Katz with α = 0.9 > 1/2 diverges.
      let json = try ws.run("metrics", "g.el", "--metric", "all", "--katz-alpha", "0.9", "--format", "json")
      #expect(json.status == 0, "\(json.stderr)")
      #expect(json.stderr.contains("katz: did not converge"))
      #expect(json.stderr.contains("katz is reported as null"))
      let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      let nodes = try #require(object["nodes"] as? [[String: Any]])
      #expect(nodes.count == 7)
      for node in nodes {
        #expect(node["katz"] is NSNull)
        #expect(node["degree"] is Int)
        #expect(node["triangles"] is Int)
        // Directed-only metrics and those needing --source are left out of an undirected all.
        #expect(node["in_degree"] == nil && node["strong_component"] == nil && node["bfs"] == nil)
      }
      #expect(nodes[4]["core"] as? Int == 2)
      let graph = try #require(object["graph"] as? [String: Any])
      #expect(graph["transitivity"] as? Double == 0.6)
      // In CSV the column is there and empty.
      let csv = try ws.run("metrics", "g.el", "--metric", "all", "--katz-alpha", "0.9", "--format", "csv")
      #expect(csv.status == 0)
      let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let header = lines[0].split(separator: ",").map(String.init)
      let katz = try #require(header.firstIndex(of: "katz"))
      #expect(lines[1].split(separator: ",", omittingEmptySubsequences: false)[katz] == "")
      // Named alone, the same metric still fails the run.
      let alone = try ws.run("metrics", "g.el", "--metric", "katz", "--katz-alpha", "0.9")
      #expect(alone.status != 0)
      #expect(alone.stdout.isEmpty)
      let mixed = try ws.run("metrics", "g.el", "--metric", "all,degree")
      #expect(mixed.status == 64)
      #expect(mixed.stderr.contains("--metric all stands alone"))
    }
  }

  @Test func allMetricsOnADirectedGraphWithASource() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("d.el", "0 1\n1 2\n2 0\n2 3\n")
      let result = try ws.run("metrics", "d.el", "--directed", "--metric", "all", "--source", "0", "--format", "json")
      #expect(result.status == 0, "\(result.stderr)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let nodes = try #require(object["nodes"] as? [[String: Any]])
      #expect(nodes.map { $0["bfs"] as? Int } == [0, 1, 2, 3])
      #expect(nodes.map { $0["in_degree"] as? Int } == [1, 1, 1, 1])
      #expect(nodes.map { $0["strong_component"] as? Int } == [0, 0, 0, 1])
      #expect(nodes.allSatisfy { $0["triangles"] == nil && $0["community"] == nil })
    }
  }

  @Test func unknownMetricIsAUsageErrorListingTheNames() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      let result = try ws.run("metrics", "g.el", "--metric", "pagerank,closenes")
      #expect(result.status == 64)
      #expect(result.stderr.contains("unknown metric \"closenes\""))
      #expect(result.stderr.contains("closeness"))
    }
  }

  @Test func negativeWeightsAreRefusedByPathMetrics() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("w.el", "0 1 2.5\n1 2 -1\n")
      let result = try ws.run("metrics", "w.el", "--metric", "dijkstra", "--weighted", "--source", "0")
      #expect(result.status != 0)
      #expect(result.stderr.contains("dijkstra"))
      #expect(result.stderr.contains("non-negative"))
    }
  }

  @Test func pagerankThatDoesNotConvergeSaysSo() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      let result = try ws.run("metrics", "g.el", "--metric", "pagerank", "--max-iter", "2", "--tol", "1e-15")
      #expect(result.status != 0)
      #expect(result.stderr.contains("did not converge within 2 iterations"))
    }
  }

  @Test func unknownSourceLabelNamesTheLabel() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      let result = try ws.run("metrics", "g.el", "--metric", "bfs", "--source", "42")
      #expect(result.status != 0)
      #expect(result.stderr.contains("\"42\""))
    }
  }

  @Test func timingsGoToStandardError() throws {
    try withWorkspace { ws throws in
      _ = try ws.write("g.el", twoParts)
      let result = try ws.run("metrics", "g.el", "--metric", "harmonic", "--timings", "--format", "csv")
      #expect(result.status == 0)
      #expect(result.stderr.contains("time load:"))
      #expect(result.stderr.contains("time harmonic:"))
      #expect(!result.stdout.contains("time"))
    }
  }

  @Test func benchVerifiesEveryKernelAndPrintsJSON() throws {
    try withWorkspace { ws throws in
      let generated = try ws.run("generate", "kronecker", "--scale", "9", "--seed", "4", "--out", "k.bin")
      #expect(generated.status == 0)
      let result = try ws.run("bench", "k.bin", "--trials", "2", "--betweenness-sources", "4", "--format", "json")
      #expect(result.status == 0, "\(result.stderr)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let kernels = try #require(object["kernels"] as? [[String: Any]])
      #expect(kernels.map { $0["kernel"] as? String } == ["bfs", "pagerank", "cc", "tc", "core", "betweenness"])
      for kernel in kernels {
        #expect(kernel["verified"] as? Bool == true, "\(kernel)")
        #expect((kernel["trials"] as? [Double])?.count == 2)
      }
      let unknown = try ws.run("bench", "k.bin", "--kernel", "bfs,sort")
      #expect(unknown.status == 64)
      #expect(unknown.stderr.contains("unknown kernel \"sort\""))
    }
  }

  @Test func benchSSSPOnAWeightedEdgeListIsCheckedAgainstDijkstra() throws {
    try withWorkspace { ws throws in
      // A weighted GAPBS-style .wel: a ring 0…39 with lengths 1…9 plus chords of length 2.5
      // (fractional, so the Double path runs) and the same ring with integer chords.
      var fractional = "", integral = ""
      for v in 0..<40 {
        fractional += "\(v) \((v + 1) % 40) \(1 + v % 9)\n\(v) \((v + 7) % 40) 2.5\n"
        integral += "\(v) \((v + 1) % 40) \(1 + v % 9)\n\(v) \((v + 7) % 40) 3\n"
      }
      _ = try ws.write("ring.wel", fractional)
      _ = try ws.write("ring-int.wel", integral)
      for file in ["ring.wel", "ring-int.wel"] {
        let result = try ws.run("bench", file, "--kernel", "sssp", "--delta", "2", "--trials", "3", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let kernel = try #require((object["kernels"] as? [[String: Any]])?.first)
        #expect(kernel["kernel"] as? String == "sssp")
        #expect(kernel["verified"] as? Bool == true, "\(kernel)")
        #expect((kernel["result"] as? String)?.contains("reached 40 nodes") == true, "\(kernel)")
      }
      let bad = try ws.run("bench", "ring.wel", "--kernel", "sssp", "--delta", "0")
      #expect(bad.status == 64)
      #expect(bad.stderr.contains("--delta must be a positive finite number"))
      _ = try ws.write("negative.wel", "0 1 1\n1 2 -3\n")
      let negative = try ws.run("bench", "negative.wel", "--kernel", "sssp")
      #expect(negative.status != 0)
      #expect(negative.stderr.contains("non-negative"), "\(negative.stderr)")
    }
  }
}
