/// Barabási–Albert preferential-attachment graphs.
public enum BarabasiAlbertGenerator {
  /// Generates an undirected Barabási–Albert graph as networkx `barabasi_albert_graph`
  /// does: start from a star on `attachment + 1` nodes, then each new node links to
  /// `attachment` distinct existing nodes chosen with probability proportional to degree.
  ///
  /// - Precondition: `1 <= attachment < nodes`.
  /// - Complexity: O(n · attachment) expected time, sequential (each step depends on the last).
  public static func generate(nodes: Int, attachment: Int, seed: UInt64) -> CSRGraph {
    precondition(attachment >= 1 && attachment < nodes, "attachment must be in 1..<nodes")
    precondition(nodes <= CSRGraph.maximumNodeCount, "node count \(nodes) is above \(CSRGraph.maximumNodeCount)")
    var random = RandomStream(seed: seed)
    var list = EdgeList(nodeCount: nodes)
    let total = attachment + (nodes - attachment - 1) * attachment
    list.reserveCapacity(total)
    // `pool` holds every node once per unit of degree.
    var pool: [UInt32] = []
    pool.reserveCapacity(2 * total)
    for leaf in 1...attachment {
      list.append(0, UInt32(leaf))
      pool.append(0)
      pool.append(UInt32(leaf))
    }
    var chosen: [UInt32] = []
    var seen = Set<UInt32>()
    for source in (attachment + 1)..<max(nodes, attachment + 1) {
      chosen.removeAll(keepingCapacity: true)
      seen.removeAll(keepingCapacity: true)
      while chosen.count < attachment {
        let candidate = pool[Int(random.below(UInt64(pool.count)))]
        if seen.insert(candidate).inserted { chosen.append(candidate) }
      }
      for target in chosen {
        list.append(UInt32(source), target)
        pool.append(target)
        pool.append(UInt32(source))
      }
    }
    return CSRGraph.buildWithinLimit(consuming: &list, options: BuildOptions(threads: 1)).graph
  }
}
