import GraphCore

/// The facts `info` reports about a graph.
enum GraphSummary {
  static func report(of loaded: LoadedGraph, path: String) -> KeyValueReport {
    let g = loaded.graph.graph
    var report = KeyValueReport()
    report.add("file", path)
    report.add("format", loaded.kind == .snapshot ? "snapshot" : "edge list")
    report.add("nodes", g.nodeCount)
    report.add("edges", g.edgeCount)
    report.add("directed", g.isDirected)
    report.add("weighted", g.isWeighted)
    report.add("labels", labelKind(loaded.graph.labels))
    report.add("self_loops", g.selfLoopCount)
    report.add("self_loops_removed", loaded.readReport?.selfLoopsRemoved ?? 0)
    report.add("duplicate_edges_removed", loaded.readReport?.duplicatesRemoved ?? 0)
    let stats = degreeStatistics(g)
    let degreeName = g.isDirected ? "out_degree" : "degree"
    report.add("\(degreeName)_min", stats.min)
    report.add("\(degreeName)_mean", stats.mean)
    report.add("\(degreeName)_max", stats.max)
    report.add("isolated_nodes", stats.isolated)
    report.add("csr_bytes", g.storageBytes)
    if let peak = ProcessStatistics.peakResidentBytes { report.add("peak_rss_bytes", peak) }
    report.add("load_seconds", loaded.seconds)
    if let read = loaded.readReport {
      report.add("parse_seconds", read.parseSeconds)
      report.add("build_seconds", read.buildSeconds)
    }
    return report
  }

  static func labelKind(_ labels: NodeLabelMap) -> String {
    switch labels.storage {
    case .identity: return "integer ids"
    case .integers: return "integer"
    case .strings: return "string"
    }
  }

  /// Degree as networkx counts it (an undirected self-loop adds 2); out-degree when directed.
  static func degreeStatistics(_ g: CSRGraph) -> (min: Int, mean: Double, max: Int, isolated: Int) {
    let n = g.nodeCount
    guard n > 0 else { return (0, 0, 0, 0) }
    var low = Int.max
    var high = 0
    var total = 0
    var isolated = 0
    var hasIncoming = [Bool](repeating: false, count: g.isDirected ? n : 0)
    if g.isDirected { for t in g.targets { hasIncoming[Int(t)] = true } }
    g.withUnsafeView { view in
      for v in 0..<UInt32(n) {
        var d = view.degree(of: v)
        if !g.isDirected && g.selfLoopCount > 0 {
          for t in view.neighbors(of: v) where t == v { d += 1 }
        }
        low = min(low, d)
        high = max(high, d)
        total += d
        if d == 0 && (!g.isDirected || !hasIncoming[Int(v)]) { isolated += 1 }
      }
    }
    return (low, Double(total) / Double(n), high, isolated)
  }
}
