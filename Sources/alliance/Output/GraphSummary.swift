import GraphAlgorithms
import GraphCore

/// The facts `info` reports about a graph.
enum GraphSummary {
  static func report(of loaded: LoadedGraph, path: String) -> KeyValueReport {
    let g = loaded.graph.graph
    var report = KeyValueReport()
    report.add("file", path)
    report.add("format", loaded.kind == nil ? "dataset" : loaded.kind == .snapshot ? "snapshot" : "edge list")
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
    // About the run, not the graph: JSON `meta`, standard error otherwise.
    if let peak = ProcessStatistics.peakResidentBytes { report.meta.append(("peak_rss_bytes", .integer(peak))) }
    report.meta.append(("load_seconds", .number(loaded.seconds)))
    if let read = loaded.readReport {
      report.meta.append(("parse_seconds", .number(read.parseSeconds)))
      report.meta.append(("build_seconds", .number(read.buildSeconds)))
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
  /// Isolated nodes have no edge in either direction.
  static func degreeStatistics(_ g: CSRGraph) -> (min: Int, mean: Double, max: Int, isolated: Int) {
    guard g.nodeCount > 0 else { return (0, 0, 0, 0) }
    let shown = g.isDirected ? Degree.outDegrees(g) : Degree.degrees(g)
    let total = g.isDirected ? Degree.degrees(g) : shown
    let isolated = total.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    return (shown.min()!, Double(shown.reduce(0, +)) / Double(g.nodeCount), shown.max()!, isolated)
  }
}
