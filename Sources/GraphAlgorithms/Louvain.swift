import GraphCore

/// A partition of the nodes into communities.
public struct Communities: Sendable, Equatable {
  /// `community[v]` is `v`'s community, numbered in order of smallest member.
  public var community: [UInt32]
  /// The number of communities.
  public var count: Int
  /// Newman–Girvan modularity of the partition.
  public var modularity: Double
}

/// Community detection by the Louvain method (Blondel et al. 2008).
public enum Louvain {
  /// Communities of an undirected graph (weights as strengths when `weighted`): local moving
  /// of nodes in a seeded random order to the neighbouring community with the largest
  /// modularity gain, then aggregation of communities into nodes, repeated while modularity
  /// grows by more than `threshold` — networkx `louvain_communities`' procedure.
  /// - Throws: ``AlgorithmError`` for directed graphs or negative weights.
  /// - Parameter threads: threads for building each level's graph (the moves are sequential).
  /// - Complexity: about O(m) per pass; a few passes per level, a few levels.
  public static func communities(
    _ graph: CSRGraph, weighted: Bool = true, resolution: Double = 1, threshold: Double = 1e-7, seed: UInt64 = 1,
    threads: Int = Parallel.availableCores
  ) throws -> Communities {
    guard !graph.isDirected else { throw AlgorithmError("louvain", "defined here for undirected graphs only") }
    if let w = graph.weights, weighted, w.contains(where: { $0 < 0 }) {
      throw AlgorithmError("louvain", "weights must be non-negative")
    }
    let n = graph.nodeCount
    var level = weightedCopy(graph, weighted: weighted)
    var membership = (0..<UInt32(n)).map { $0 }  // original node → current level node
    let totalWeight = Self.totalWeight(level)
    guard totalWeight > 0 else {
      let singletons = ConnectedComponents.numbered(roots: membership)
      return Communities(community: singletons.component, count: singletons.count, modularity: 0)
    }
    var modularity = Self.modularity(level, partition: (0..<UInt32(level.nodeCount)).map { $0 }, resolution: resolution)
    var random = RandomStream(seed: seed)
    while true {
      let (partition, moved) = oneLevel(level, m: totalWeight, resolution: resolution, random: &random)
      if !moved { break }
      let newModularity = Self.modularity(level, partition: partition, resolution: resolution)
      if newModularity - modularity <= threshold {
        if newModularity > modularity {
          for v in 0..<n { membership[v] = partition[Int(membership[v])] }
          modularity = newModularity
        }
        break
      }
      modularity = newModularity
      for v in 0..<n { membership[v] = partition[Int(membership[v])] }
      level = try aggregate(level, partition: partition, threads: threads)
    }
    let numbered = ConnectedComponents.numbered(roots: representatives(membership))
    return Communities(
      community: numbered.component, count: numbered.count,
      modularity: Self.modularity(weightedCopy(graph, weighted: weighted), partition: numbered.component, resolution: resolution))
  }

  /// Newman–Girvan modularity of `partition` (networkx `modularity`): for each community c,
  /// `L_c / m − γ (d_c / 2m)²`, with L_c the weight inside c and d_c its total degree.
  /// - Complexity: O(n + m).
  public static func modularity(_ graph: CSRGraph, partition: [UInt32], resolution: Double = 1) -> Double {
    let m = totalWeight(graph)
    guard m > 0 else { return 0 }
    let count = Int(partition.max().map { $0 + 1 } ?? 0)
    var inside = [Double](repeating: 0, count: count)
    var degree = [Double](repeating: 0, count: count)
    graph.withUnsafeView { view in
      for u in 0..<graph.nodeCount {
        let cu = Int(partition[u])
        for k in view.offsets[u]..<view.offsets[u + 1] {
          let v = Int(view.targets[k])
          let w = view.weights?[k] ?? 1
          degree[cu] += v == u ? 2 * w : w
          if Int(partition[v]) == cu { inside[cu] += v == u ? w : w / 2 }
        }
      }
    }
    var q = 0.0
    for c in 0..<count { q += inside[c] / m - resolution * (degree[c] / (2 * m)) * (degree[c] / (2 * m)) }
    return q
  }

  /// The total edge weight m (each edge once, a self-loop once).
  static func totalWeight(_ graph: CSRGraph) -> Double {
    var total = 0.0
    graph.withUnsafeView { view in
      for u in 0..<graph.nodeCount {
        for k in view.offsets[u]..<view.offsets[u + 1] {
          let w = view.weights?[k] ?? 1
          total += Int(view.targets[k]) == u ? w : w / 2
        }
      }
    }
    return total
  }

  /// One level of local moving; returns the community of each node (numbered densely) and
  /// whether any node moved.
  static func oneLevel(_ graph: CSRGraph, m: Double, resolution: Double, random: inout RandomStream) -> ([UInt32], Bool) {
    let n = graph.nodeCount
    var community = (0..<UInt32(n)).map { $0 }
    let degree = Degree.strengths(graph)
    var total = degree
    var order = (0..<UInt32(n)).map { $0 }
    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(random.below(UInt64(i + 1)))) }
    var weightTo = [Double](repeating: 0, count: n)
    var touched: [UInt32] = []
    var movedAny = false
    var moves = 1
    graph.withUnsafeView { view in
      while moves > 0 {
        moves = 0
        for u in order {
          let ui = Int(u)
          let current = community[ui]
          for k in view.offsets[ui]..<view.offsets[ui + 1] {
            let v = Int(view.targets[k])
            if v == ui { continue }
            let c = community[v]
            if weightTo[Int(c)] == 0 { touched.append(c) }
            weightTo[Int(c)] += view.weights?[k] ?? 1
          }
          let d = degree[ui]
          total[Int(current)] -= d
          let removeCost = -weightTo[Int(current)] / m + resolution * total[Int(current)] * d / (2 * m * m)
          var best = current
          var bestGain = 0.0
          for c in touched {
            let gain = removeCost + weightTo[Int(c)] / m - resolution * total[Int(c)] * d / (2 * m * m)
            if gain > bestGain {
              bestGain = gain
              best = c
            }
          }
          total[Int(best)] += d
          if best != current {
            community[ui] = best
            moves += 1
            movedAny = true
          }
          for c in touched { weightTo[Int(c)] = 0 }
          touched.removeAll(keepingCapacity: true)
        }
      }
    }
    return (ConnectedComponents.numbered(roots: representatives(community)).component, movedAny)
  }

  /// Maps each label to a representative node so that `numbered` gives dense ids.
  static func representatives(_ labels: [UInt32]) -> [UInt32] {
    var first = [UInt32: UInt32]()
    return labels.enumerated().map { v, label in
      if let r = first[label] { return r }
      first[label] = UInt32(v)
      return UInt32(v)
    }
  }

  /// The graph of communities: edge weights summed, inside weight kept as self-loops.
  static func aggregate(_ graph: CSRGraph, partition: [UInt32], threads: Int) throws -> CSRGraph {
    let count = Int(partition.max().map { $0 + 1 } ?? 0)
    var list = EdgeList(nodeCount: count, weights: [])
    graph.withUnsafeView { view in
      for u in 0..<graph.nodeCount {
        for k in view.offsets[u]..<view.offsets[u + 1] {
          let v = Int(view.targets[k])
          guard v >= u else { continue }
          list.append(partition[u], partition[v], weight: view.weights?[k] ?? 1)
        }
      }
    }
    return try CSRGraph.build(
      consuming: &list, options: BuildOptions(selfLoops: .keep, duplicates: .sumWeights, threads: threads)
    ).graph
  }

  /// A weighted copy (unit weights when the graph is unweighted or `weighted` is false).
  static func weightedCopy(_ graph: CSRGraph, weighted: Bool) -> CSRGraph {
    if weighted && graph.weights != nil { return graph }
    return CSRGraph(
      uncheckedOffsets: graph.offsets, targets: graph.targets,
      weights: [Double](repeating: 1, count: graph.entryCount), edgeTypes: nil, isDirected: graph.isDirected)
  }
}
