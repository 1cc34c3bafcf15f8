import GraphCore

/// Components, numbered in order of their smallest node id (the component of node 0 is 0).
public struct Components: Sendable, Equatable {
  /// `component[v]` is the number of `v`'s component.
  public var component: [UInt32]
  /// The number of components (isolated nodes count, one each).
  public var count: Int

  /// The size of each component.
  public var sizes: [Int] {
    var sizes = [Int](repeating: 0, count: count)
    for c in component { sizes[Int(c)] += 1 }
    return sizes
  }
}

/// Connected components.
public enum ConnectedComponents {
  /// Weakly connected components (connected components for undirected graphs), by
  /// union–find with path halving over every edge, linking the larger root under the smaller.
  /// - Complexity: O(m α(n)) time, O(n) space.
  public static func weak(_ graph: CSRGraph) -> Components {
    let n = graph.nodeCount
    var parent = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
      for v in 0..<n { buffer[v] = UInt32(v) }
      count = n
    }
    parent.withUnsafeMutableBufferPointer { p in
      @inline(__always) func find(_ x: UInt32) -> UInt32 {
        var x = x
        while p[Int(x)] != x {
          p[Int(x)] = p[Int(p[Int(x)])]
          x = p[Int(x)]
        }
        return x
      }
      graph.withUnsafeView { view in
        for u in 0..<UInt32(n) {
          for v in view.neighbors(of: u) where graph.isDirected || v > u {
            let a = find(u)
            let b = find(v)
            if a < b { p[Int(b)] = a } else if b < a { p[Int(a)] = b }
          }
        }
      }
      for v in 0..<n { p[v] = p[Int(p[v])] }
    }
    return numbered(roots: parent)
  }

  /// Strongly connected components of a directed graph (Tarjan 1972, iterative); for an
  /// undirected graph the connected components.
  /// - Complexity: O(n + m) time, O(n) space.
  public static func strong(_ graph: CSRGraph) -> Components {
    guard graph.isDirected else { return weak(graph) }
    let n = graph.nodeCount
    var index = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [UInt32] = []
    var root = [UInt32](repeating: 0, count: n)
    var counter: Int32 = 0
    var call: [(node: UInt32, edge: Int)] = []
    graph.withUnsafeView { view in
      for start in 0..<UInt32(n) where index[Int(start)] < 0 {
        call.append((start, view.offsets[Int(start)]))
        index[Int(start)] = counter
        low[Int(start)] = counter
        counter += 1
        stack.append(start)
        onStack[Int(start)] = true
        while let (v, edge) = call.last {
          let end = view.offsets[Int(v) + 1]
          if edge < end {
            call[call.count - 1].edge = edge + 1
            let w = view.targets[edge]
            if index[Int(w)] < 0 {
              index[Int(w)] = counter
              low[Int(w)] = counter
              counter += 1
              stack.append(w)
              onStack[Int(w)] = true
              call.append((w, view.offsets[Int(w)]))
            } else if onStack[Int(w)] {
              low[Int(v)] = min(low[Int(v)], index[Int(w)])
            }
            continue
          }
          call.removeLast()
          if let (caller, _) = call.last { low[Int(caller)] = min(low[Int(caller)], low[Int(v)]) }
          if low[Int(v)] == index[Int(v)] {
            // Pop the component; label it by its smallest member.
            var members: [UInt32] = []
            while true {
              let w = stack.removeLast()
              onStack[Int(w)] = false
              members.append(w)
              if w == v { break }
            }
            let smallest = members.min()!
            for w in members { root[Int(w)] = smallest }
          }
        }
      }
    }
    return numbered(roots: root)
  }

  /// Renumbers components given by a representative per node, in order of smallest member.
  static func numbered(roots: [UInt32]) -> Components {
    var number = [UInt32](repeating: UInt32.max, count: roots.count)
    var component = [UInt32](repeating: 0, count: roots.count)
    var count: UInt32 = 0
    for v in 0..<roots.count {
      let r = Int(roots[v])
      if number[r] == UInt32.max {
        number[r] = count
        count += 1
      }
      component[v] = number[r]
    }
    return Components(component: component, count: Int(count))
  }
}
