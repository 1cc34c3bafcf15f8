import GraphCore

/// Articulation points and bridges of undirected graphs (Hopcroft and Tarjan 1973).
public enum CutVertices {
  /// The articulation points (nodes whose removal disconnects their component), sorted,
  /// and the bridges (edges whose removal does), as pairs `(u, v)` with `u < v`, sorted.
  /// Self-loops are ignored; an edge stored twice (a multigraph) is never a bridge.
  /// Discovery times are `Int32`: they stay below the node count, at most `Int32.max`.
  /// - Throws: ``AlgorithmError`` for directed graphs.
  /// - Complexity: O(n + m), iterative depth-first search.
  public static func compute(_ graph: CSRGraph) throws -> (articulationPoints: [UInt32], bridges: [(UInt32, UInt32)]) {
    guard !graph.isDirected else { throw AlgorithmError("articulation", "defined for undirected graphs only") }
    let n = graph.nodeCount
    var discovery = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var isCut = [Bool](repeating: false, count: n)
    var bridges: [(UInt32, UInt32)] = []
    var time: Int32 = 0
    // Frame: node, next entry to scan, DFS parent (-1 at a root), and whether one copy of
    // the edge back to the parent was already skipped (further copies are back edges).
    var stack: [(node: UInt32, next: Int, parent: Int64, skipped: Bool)] = []
    graph.withUnsafeView { view in
      for root in 0..<UInt32(n) where discovery[Int(root)] < 0 {
        discovery[Int(root)] = time
        low[Int(root)] = time
        time += 1
        stack.append((root, view.offsets[Int(root)], -1, false))
        var rootChildren = 0
        while let frame = stack.last {
          let v = frame.node
          if frame.next < view.offsets[Int(v) + 1] {
            stack[stack.count - 1].next += 1
            let k = frame.next
            let w = view.targets[k]
            if w == v { continue }
            if discovery[Int(w)] < 0 {
              discovery[Int(w)] = time
              low[Int(w)] = time
              time += 1
              if v == root { rootChildren += 1 }
              stack.append((w, view.offsets[Int(w)], Int64(v), false))
            } else if Int64(w) == frame.parent && !frame.skipped {
              stack[stack.count - 1].skipped = true
            } else {
              low[Int(v)] = min(low[Int(v)], discovery[Int(w)])
            }
            continue
          }
          stack.removeLast()
          guard let parentFrame = stack.last else { continue }
          let p = parentFrame.node
          low[Int(p)] = min(low[Int(p)], low[Int(v)])
          if low[Int(v)] > discovery[Int(p)] { bridges.append((min(p, v), max(p, v))) }
          if p != root && low[Int(v)] >= discovery[Int(p)] { isCut[Int(p)] = true }
        }
        if rootChildren > 1 { isCut[Int(root)] = true }
      }
    }
    let points = (0..<UInt32(n)).filter { isCut[Int($0)] }
    bridges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return (points, bridges)
  }
}
