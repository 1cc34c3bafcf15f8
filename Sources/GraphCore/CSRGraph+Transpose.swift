extension CSRGraph {
  /// The graph with every edge reversed: row `v` of the result lists the nodes with an
  /// edge to `v` (in-neighbours), sorted, with their weights and types.
  ///
  /// An undirected graph is its own transpose and is returned as is. Directed algorithms
  /// that pull along in-edges (PageRank, in-degree, strongly connected components) call this
  /// once and keep the result.
  /// - Complexity: O(n + m) time and space (one counting sort; rows come out sorted because
  ///   tails are visited in increasing order).
  public func transposed() -> CSRGraph {
    guard isDirected else { return self }
    let n = nodeCount
    var inOffsets = [Int](repeating: 0, count: n + 1)
    for t in targets { inOffsets[Int(t) + 1] += 1 }
    for v in 0..<n { inOffsets[v + 1] += inOffsets[v] }
    var cursor = Array(inOffsets[0..<n])
    var sources: [UInt32] = uninitializedArray(count: entryCount)
    var inWeights: [Double]? = weights.map { _ in uninitializedArray(count: entryCount) }
    var inTypes: [UInt8]? = edgeTypes.map { _ in uninitializedArray(count: entryCount) }
    withUnsafeView { view in
      for u in 0..<n {
        for k in view.offsets[u]..<view.offsets[u + 1] {
          let v = Int(view.targets[k])
          let position = cursor[v]
          cursor[v] = position + 1
          sources[position] = UInt32(truncatingIfNeeded: u)
          if let w = view.weights { inWeights![position] = w[k] }
          if let types = view.edgeTypes { inTypes![position] = types[k] }
        }
      }
    }
    let transpose = CSRGraph(
      uncheckedOffsets: inOffsets, targets: sources, weights: inWeights, edgeTypes: inTypes, isDirected: true,
      selfLoopCount: selfLoopCount)
    transpose.assertInvariants("CSRGraph.transposed()")
    return transpose
  }
}
