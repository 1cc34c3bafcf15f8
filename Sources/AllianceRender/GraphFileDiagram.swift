import Foundation
import GraphAlgorithms
import GraphCore

/// A plain diagram of a graph file (edge list or snapshot): nodes sized by degree.
public enum GraphFileDiagram {
  /// - Throws: ``InputError`` for unreadable files; ``DiagramError`` above `maxNodes` without `top`.
  public static func build(path: String, maxNodes: Int, top: Int?, threads: Int) throws -> DiagramSource {
    guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such file or directory") }
    guard let kind = GraphFileKind(path: path) else {
      throw InputError(file: path, "unknown file extension: expected one of \(GraphFileKind.supportedDescription), or a dataset folder")
    }
    let labeled: LabeledGraph
    switch kind {
    case .snapshot: labeled = try GraphSnapshot.read(path: path, threads: threads)
    case .edgeList:
      var options = EdgeListReadOptions()
      options.threads = threads
      options.labels = .string
      labeled = try EdgeListReader.read(path: path, options: options).graph
    }
    let graph = labeled.graph
    let degrees = Degree.degrees(graph)
    var nodes = Array(0..<graph.nodeCount)
    var note: String? = nil
    if let top, top < nodes.count {
      nodes = Array(nodes.sorted { degrees[$0] != degrees[$1] ? degrees[$0] > degrees[$1] : $0 < $1 }.prefix(top)).sorted()
      note = "showing the top \(top) of \(graph.nodeCount) nodes by degree"
    }
    guard nodes.count <= maxNodes else {
      throw DiagramError("\(nodes.count) nodes exceed the diagram limit of \(maxNodes): filter with --top K or raise --max-nodes (large layouts can take minutes)")
    }
    let keep = Set(nodes)
    let maximum = Double(nodes.map { degrees[$0] }.max() ?? 1)
    var dot = "\(graph.isDirected ? "digraph" : "graph") g {\n  graph [overlap=prism, splines=false, outputorder=edgesfirst];\n  node [style=filled, fillcolor=\"#90caf9\", fontname=\"Helvetica\"];\n"
    for v in nodes {
      let scale = maximum > 0 ? (Double(degrees[v]) / maximum).squareRoot() : 0
      dot += "  \"\(AllianceDiagram.escape(labeled.labels.label(of: UInt32(v))))\" [width=\(AllianceDiagram.format(0.25 + scale)), fontsize=\(AllianceDiagram.format(8 + 6 * scale))];\n"
    }
    var edges = 0
    let connector = graph.isDirected ? "->" : "--"
    for u in nodes {
      for v in graph.neighbors(of: UInt32(u)) where keep.contains(Int(v)) && (graph.isDirected || Int(v) > u) {
        dot += "  \"\(AllianceDiagram.escape(labeled.labels.label(of: UInt32(u))))\" \(connector) \"\(AllianceDiagram.escape(labeled.labels.label(of: v)))\";\n"
        edges += 1
      }
    }
    dot += "}\n"
    return DiagramSource(dot: dot, engine: nodes.count <= 120 ? "neato" : "sfdp", nodes: nodes, edges: edges, note: note)
  }
}
