import GraphCore

/// Weighted shortest paths.
public enum Dijkstra {
  /// Shortest-path lengths from `source` along out-edges, with edge weights as lengths
  /// (1 for unweighted graphs): `.infinity` for unreachable nodes.
  /// - Throws: ``AlgorithmError`` when a weight is negative or not finite.
  /// - Complexity: O((n + m) log n) with a binary heap.
  public static func distances(_ graph: CSRGraph, from source: UInt32) throws -> [Double] {
    try checkWeights(graph, algorithm: "dijkstra")
    var search = DijkstraSearch(nodeCount: graph.nodeCount)
    graph.withUnsafeView { view in search.run(view, from: source, trackPredecessors: false) }
    return (0..<graph.nodeCount).map { search.settledDistance($0) }
  }

  static func checkWeights(_ graph: CSRGraph, algorithm: String) throws {
    if let weights = graph.weights, let bad = weights.first(where: { !($0 >= 0) || !$0.isFinite }) {
      throw AlgorithmError(algorithm, "edge weights are lengths and must be finite and non-negative, found \(bad)")
    }
  }
}

/// Reusable Dijkstra scratch space: distances, a binary heap, the settle order and, for
/// Brandes, path counts and predecessor lists. Reset costs O(nodes visited), not O(n).
struct DijkstraSearch {
  var distance: [Double]
  var sigma: [Double]
  var visited: [UInt32] = []
  /// Nodes in the order they were settled (non-decreasing distance).
  var order: [UInt32] = []
  var settled: [Bool]
  /// Predecessors of each node on shortest paths, as (node, next) linked lists in `links`
  /// (−1 ends a list). Indices are `Int`: there is one link per relaxed shortest-path edge,
  /// up to the number of adjacency entries, which may exceed 2³¹.
  var predecessorHead: [Int]
  var links: [(node: UInt32, next: Int)] = []
  var heap: [(distance: Double, node: UInt32)] = []

  init(nodeCount n: Int) {
    distance = [Double](repeating: .infinity, count: n)
    sigma = [Double](repeating: 0, count: n)
    settled = [Bool](repeating: false, count: n)
    predecessorHead = [Int](repeating: -1, count: n)
  }

  func settledDistance(_ v: Int) -> Double { settled[v] ? distance[v] : .infinity }

  mutating func reset() {
    for v in visited {
      distance[Int(v)] = .infinity
      sigma[Int(v)] = 0
      settled[Int(v)] = false
      predecessorHead[Int(v)] = -1
    }
    visited.removeAll(keepingCapacity: true)
    order.removeAll(keepingCapacity: true)
    links.removeAll(keepingCapacity: true)
    heap.removeAll(keepingCapacity: true)
  }

  mutating func run(_ view: UnsafeCSRView, from source: UInt32, trackPredecessors: Bool) {
    reset()
    distance[Int(source)] = 0
    sigma[Int(source)] = 1
    visited.append(source)
    push(0, source)
    while let (d, v) = pop() {
      if settled[Int(v)] || d > distance[Int(v)] { continue }
      settled[Int(v)] = true
      order.append(v)
      let row = view.neighbors(of: v)
      let weights = view.neighborWeights(of: v)
      for k in 0..<row.count {
        let w = row[k]
        if w == v { continue }
        let length = d + (weights?[k] ?? 1)
        let current = distance[Int(w)]
        if length < current {
          if current == .infinity { visited.append(w) }
          distance[Int(w)] = length
          if trackPredecessors {
            sigma[Int(w)] = sigma[Int(v)]
            predecessorHead[Int(w)] = links.count
            links.append((v, -1))
          }
          push(length, w)
        } else if trackPredecessors && length == current && !settled[Int(w)] {
          sigma[Int(w)] += sigma[Int(v)]
          links.append((v, predecessorHead[Int(w)]))
          predecessorHead[Int(w)] = links.count - 1
        }
      }
    }
  }

  private mutating func push(_ d: Double, _ v: UInt32) {
    heap.append((d, v))
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if heap[parent].distance <= heap[i].distance { break }
      heap.swapAt(parent, i)
      i = parent
    }
  }

  private mutating func pop() -> (Double, UInt32)? {
    guard let top = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var smallest = i
        if l < heap.count && heap[l].distance < heap[smallest].distance { smallest = l }
        if r < heap.count && heap[r].distance < heap[smallest].distance { smallest = r }
        if smallest == i { break }
        heap.swapAt(i, smallest)
        i = smallest
      }
    }
    return (top.distance, top.node)
  }
}
