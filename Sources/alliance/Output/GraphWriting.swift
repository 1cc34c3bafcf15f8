import GraphCore

/// Writes a graph to a file whose extension picks the format.
enum GraphWriting {
  static func write(_ graph: LabeledGraph, to path: String, threads: Int) throws {
    guard let kind = GraphFileKind(path: path) else {
      throw InputError(file: path, "unknown output extension: expected one of \(GraphFileKind.supportedDescription)")
    }
    switch kind {
    case .snapshot: try GraphSnapshot.write(graph, to: path, threads: threads)
    case .edgeList(let separator): try EdgeListWriter.write(graph, to: path, separator: separator, threads: threads)
    }
  }
}
