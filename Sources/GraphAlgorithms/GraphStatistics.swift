import GraphCore

/// Whole-graph measures: density, diameter, degree assortativity.
public enum GraphStatistics {
  /// networkx `density`: m / (n(n−1)) for directed graphs, 2m / (n(n−1)) for undirected
  /// ones (self-loops count in m); 0 for fewer than two nodes.
  /// - Complexity: O(1).
  public static func density(_ graph: CSRGraph) -> Double {
    let n = Double(graph.nodeCount)
    guard n > 1 else { return 0 }
    let m = Double(graph.edgeCount)
    return graph.isDirected ? m / (n * (n - 1)) : 2 * m / (n * (n - 1))
  }

  /// The exact diameter (longest shortest hop distance) of the graph when it is (strongly)
  /// connected, else of its largest (strongly) connected component, which is returned too.
  /// - Complexity: O(n m) (a BFS from every node of the component, on all threads).
  public static func diameter(
    _ graph: CSRGraph, threads: Int = Parallel.availableCores
  ) -> (diameter: Int, componentSize: Int, wholeGraph: Bool) {
    let n = graph.nodeCount
    guard n > 0 else { return (0, 0, true) }
    let components =
      graph.isDirected ? ConnectedComponents.strong(graph, threads: threads) : ConnectedComponents.weak(graph, threads: threads)
    let sizes = components.sizes
    let largest = sizes.indices.max { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) }!
    let members = (0..<n).filter { components.component[$0] == UInt32(largest) }
    let parts = Parallel.worthSplitting(members.count, threshold: 2048) ? max(1, min(members.count, threads * 8)) : 1
    let eccentricities = PartResults<Int>(count: parts)
    graph.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: parts, threads: threads) { part in
        let view = shared.value
        var distance = [Int32](repeating: -1, count: n)
        var queue: [UInt32] = []
        var farthest = 0
        for i in Parallel.range(part, of: parts, count: members.count) {
          let s = members[i]
          distance[s] = 0
          queue.append(UInt32(s))
          var head = 0
          while head < queue.count {
            let v = queue[head]
            head += 1
            for w in view.neighbors(of: v) where distance[Int(w)] < 0 {
              distance[Int(w)] = distance[Int(v)] + 1
              queue.append(w)
            }
          }
          farthest = max(farthest, Int(distance[Int(queue.last!)]))
          for v in queue { distance[Int(v)] = -1 }
          queue.removeAll(keepingCapacity: true)
        }
        eccentricities.set(part, farthest)
      }
    }
    return (eccentricities.values.max() ?? 0, members.count, members.count == n)
  }

  /// Degree assortativity (networkx `degree_assortativity_coefficient`): the Pearson
  /// correlation of the degrees at the two ends of every edge (both directions for
  /// undirected edges; out-degree of the tail and in-degree of the head for directed ones).
  /// `nan` when every edge joins nodes of equal degree.
  /// - Complexity: O(n + m).
  public static func degreeAssortativity(_ graph: CSRGraph) -> Double {
    let x: [Double]
    let y: [Double]
    if graph.isDirected {
      x = Degree.outDegrees(graph).map(Double.init)
      y = Degree.inDegrees(graph).map(Double.init)
    } else {
      x = Degree.degrees(graph).map(Double.init)
      y = x
    }
    var count = 0.0
    var sumX = 0.0, sumY = 0.0, sumXX = 0.0, sumYY = 0.0, sumXY = 0.0
    graph.withUnsafeView { view in
      for u in 0..<graph.nodeCount {
        for v in view.neighbors(of: UInt32(u)) {
          let a = x[u]
          let b = y[Int(v)]
          count += 1
          sumX += a
          sumY += b
          sumXX += a * a
          sumYY += b * b
          sumXY += a * b
        }
      }
    }
    guard count > 0 else { return .nan }
    let covariance = sumXY / count - (sumX / count) * (sumY / count)
    let varianceX = sumXX / count - (sumX / count) * (sumX / count)
    let varianceY = sumYY / count - (sumY / count) * (sumY / count)
    return covariance / (varianceX * varianceY).squareRoot()
  }
}
