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
  /// Weakly connected components (connected components for undirected graphs).
  ///
  /// Large undirected graphs use Afforest (Sutton, Ben-Nun and Barak 2018): every node is
  /// first linked to its first two neighbours, the largest component is found by sampling,
  /// and only nodes outside it link their remaining neighbours; links go from higher to
  /// lower ids with atomic compare-and-swap, so every tree's root is its smallest node and
  /// the numbering is the same for every thread count. Small or directed graphs, and
  /// graphs above 2³¹ nodes, use sequential union–find.
  /// - Complexity: O(m) expected work, parallel on `threads` threads.
  public static func weak(_ graph: CSRGraph, threads: Int = Parallel.availableCores) -> Components {
    if !graph.isDirected && graph.nodeCount > 0 && graph.nodeCount <= 1 << 31
      && Parallel.worthSplitting(graph.nodeCount, threshold: 1 << 16) && threads > 1
    {
      return afforest(graph, threads: threads)
    }
    return unionFind(graph)
  }

  /// Sequential union–find with path halving over every edge, linking the larger root under
  /// the smaller. O(m α(n)).
  static func unionFind(_ graph: CSRGraph) -> Components {
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
  /// undirected graph the connected components (``weak(_:threads:)`` on `threads` threads).
  /// Discovery indices are `Int32`: they stay below the node count, at most `Int32.max`.
  /// - Complexity: O(n + m) time, O(n) space.
  public static func strong(_ graph: CSRGraph, threads: Int = Parallel.availableCores) -> Components {
    guard graph.isDirected else { return weak(graph, threads: threads) }
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

  /// Afforest on an undirected graph, numbered in order of smallest member.
  ///
  /// Work is handed out in chunks of 16,384 nodes from a shared counter (GAPBS's
  /// `schedule(dynamic, 16384)`); the result does not depend on the schedule because every
  /// link hooks the higher root under the lower, so each tree's root is its smallest node.
  /// The forest lives in the result's own array, numbered in place at the end, so the
  /// kernel allocates and faults in one array of n entries, as GAPBS's `cc`.
  /// Precondition: `n ≤ 2³¹` (the numbering marks roots with the top bit).
  static func afforest(_ graph: CSRGraph, threads: Int, neighborRounds: Int = 2) -> Components {
    let n = graph.nodeCount
    precondition(n <= 1 << 31, "afforest numbers components in place below 2^31 nodes")
    var component: [UInt32] = LargeArrays.uninitialized(count: n)
    let count = component.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: AtomicUInt32Array.Storage.self) { storage in
        let comp = AtomicUInt32Elements(base: storage.baseAddress!)
        forest(graph, comp, threads: threads, neighborRounds: neighborRounds)
        return numberInPlace(minimalRoots: comp, count: n, threads: threads)
      }
    }
    return Components(component: component, count: count)
  }

  /// Afforest's forest in `comp` (n entries, any contents on entry): afterwards every tree
  /// is a component and its root is its smallest node (`comp[v] ≤ v`).
  /// - Complexity: O(m) expected work, on `threads` threads.
  static func forest(_ graph: CSRGraph, _ comp: AtomicUInt32Elements, threads: Int, neighborRounds: Int) {
    let n = graph.nodeCount
    let chunk = 16_384
    let parts = Parallel.worthSplitting(n, threshold: 1 << 16) ? max(1, threads) * 4 : 1
    Parallel.forEach(parts: parts, threads: threads) { part in
      for v in Parallel.range(part, of: parts, count: n) { comp[v] = UInt32(truncatingIfNeeded: v) }
    }
    graph.withUnsafeView { view in
      let shared = UncheckedSendable(view)
      // Link each node to its first neighbours, a round at a time.
      for round in 0..<neighborRounds {
        DynamicChunks.forEach(count: n, chunk: chunk, threads: threads) { _, nodes in
          let view = shared.value
          // Invariant: v < n and offsets ≤ entryCount (checked when the graph was built), so
          // v + 1 and the first-neighbour position cannot overflow.
          for v in nodes {
            let k = view.offsets[v] &+ round
            if k < view.offsets[v &+ 1] { link(UInt32(truncatingIfNeeded: v), view.targets[k], comp) }
          }
        }
        compress(comp, count: n, threads: threads)
      }
      // The most frequent root among sampled nodes is (very likely) the giant component.
      var random = RandomStream(seed: 0x5EED)
      var counts: [UInt32: Int] = [:]
      for _ in 0..<1024 { counts[comp[Int(random.below(UInt64(n)))], default: 0] += 1 }
      let giant = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
      DynamicChunks.forEach(count: n, chunk: chunk, threads: threads) { _, nodes in
        let view = shared.value
        for v in nodes where comp[v] != giant {
          // Remaining neighbours; both directions are stored, so linking from every node
          // outside the giant component covers every edge that leaves it.
          let node = UInt32(truncatingIfNeeded: v)
          var k = view.offsets[v] &+ neighborRounds
          let end = view.offsets[v &+ 1]
          while k < end {
            link(node, view.targets[k], comp)
            k &+= 1
          }
        }
      }
    }
  }

  /// Replaces a forest whose roots are their trees' smallest nodes (`comp[v] ≤ v`, links
  /// only towards roots) by component numbers, the roots in id order being components 0, 1,
  /// 2, …, and returns the count; the same numbering as ``numbered(roots:)``. Three
  /// parallel passes over parts: point every node at its root and count roots (compressing
  /// while other parts compress is safe: roots never change, and a node's entry only moves
  /// up its tree); give each root its number with the top bit set (a number is at most its
  /// root's id, below 2³¹, so marked entries are told from node ids); give every node its
  /// root's number, marked or already unmarked by the root's own part.
  /// - Complexity: O(n) work, on `threads` threads.
  static func numberInPlace(minimalRoots comp: AtomicUInt32Elements, count n: Int, threads: Int) -> Int {
    let mark: UInt32 = 1 << 31
    let parts = max(1, min(threads * 4, (n + 65_535) / 65_536))
    let rootCounts = PartResults<Int>(count: parts)
    Parallel.forEach(parts: parts, threads: threads) { part in
      var roots = 0
      for v in Parallel.range(part, of: parts, count: n) {
        while comp[v] != comp[Int(comp[v])] { comp[v] = comp[Int(comp[v])] }
        if comp[v] == UInt32(truncatingIfNeeded: v) { roots += 1 }
      }
      rootCounts.set(part, roots)
    }
    var firstNumber = [Int](repeating: 0, count: parts + 1)
    for part in 0..<parts { firstNumber[part + 1] = firstNumber[part] + rootCounts[part]! }
    let numbers = firstNumber
    Parallel.forEach(parts: parts, threads: threads) { part in
      var number = UInt32(truncatingIfNeeded: numbers[part])
      for v in Parallel.range(part, of: parts, count: n) where comp[v] == UInt32(truncatingIfNeeded: v) {
        comp[v] = number | mark
        number &+= 1
      }
    }
    Parallel.forEach(parts: parts, threads: threads) { part in
      for v in Parallel.range(part, of: parts, count: n) {
        let entry = comp[v]
        comp[v] = (entry & mark != 0 ? entry : comp[Int(entry)]) & ~mark
      }
    }
    return firstNumber[parts]
  }

  /// Joins the trees of `u` and `v`, hooking the higher root under the lower.
  @inline(__always)
  static func link(_ u: UInt32, _ v: UInt32, _ comp: AtomicUInt32Elements) {
    var p1 = comp[Int(u)]
    var p2 = comp[Int(v)]
    while p1 != p2 {
      let high = max(p1, p2)
      let low = min(p1, p2)
      let parentOfHigh = comp[Int(high)]
      if parentOfHigh == low { break }
      if parentOfHigh == high && comp.compareExchange(Int(high), expected: high, desired: low) { break }
      p1 = comp[Int(comp[Int(high)])]
      p2 = comp[Int(low)]
    }
  }

  /// Points every node straight at its root.
  static func compress(_ comp: AtomicUInt32Elements, count: Int, threads: Int) {
    DynamicChunks.forEach(count: count, chunk: 16_384, threads: threads) { _, nodes in
      for v in nodes {
        while comp[v] != comp[Int(comp[v])] { comp[v] = comp[Int(comp[v])] }
      }
    }
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
