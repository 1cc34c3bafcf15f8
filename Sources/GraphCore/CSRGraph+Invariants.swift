extension CSRGraph {
  /// Checks every invariant documented on ``CSRGraph``.
  /// - Throws: ``CSRInvariantError`` naming the first violation found.
  /// - Complexity: O(n + m) for directed graphs; O(n + m log d) for undirected ones
  ///   (symmetry is checked by binary search in the sorted rows).
  public func checkInvariants() throws(CSRInvariantError) {
    let n = nodeCount
    guard n >= 0, n <= Int(UInt32.max) else {
      throw CSRInvariantError("node count \(n) is outside 0...\(UInt32.max)")
    }
    guard offsets[0] == 0 else { throw CSRInvariantError("offsets[0] is \(offsets[0]), expected 0") }
    guard offsets[n] == targets.count else {
      throw CSRInvariantError("offsets[\(n)] is \(offsets[n]) but there are \(targets.count) targets")
    }
    if let weights, weights.count != targets.count {
      throw CSRInvariantError("weights has \(weights.count) elements, expected \(targets.count)")
    }
    if let edgeTypes, edgeTypes.count != targets.count {
      throw CSRInvariantError("edgeTypes has \(edgeTypes.count) elements, expected \(targets.count)")
    }
    for v in 0...n where offsets[v] < 0 {
      throw CSRInvariantError("offsets[\(v)] is \(offsets[v]), which is negative")
    }
    for v in 0..<n where offsets[v] > offsets[v + 1] {
      throw CSRInvariantError("offsets[\(v + 1)] = \(offsets[v + 1]) is smaller than offsets[\(v)] = \(offsets[v])")
    }
    let problem: String? = withUnsafeView { view -> String? in
      for v in 0..<n {
        let row = view.neighbors(of: UInt32(v))
        var previous: UInt32 = 0
        for (i, t) in row.enumerated() {
          if Int(t) >= n { return "target \(t) in row \(v) is not a node id (nodeCount is \(n))" }
          if i > 0 && t < previous { return "row \(v) is not sorted: \(t) follows \(previous)" }
          previous = t
        }
      }
      return nil
    }
    if let problem { throw CSRInvariantError(problem) }
    if !isDirected { try checkSymmetry() }
  }

  private func checkSymmetry() throws(CSRInvariantError) {
    let problem: String? = withUnsafeView { view -> String? in
      for u in 0..<UInt32(nodeCount) {
        let row = view.neighbors(of: u)
        var k = 0
        while k < row.count {
          let v = row[k]
          var run = 1
          while k + run < row.count && row[k + run] == v { run += 1 }
          if v != u {
            let back = view.neighbors(of: v)
            let lo = lowerBound(back, u)
            var backRun = 0
            while lo + backRun < back.count && back[lo + backRun] == u { backRun += 1 }
            if backRun != run {
              return "undirected graph is not symmetric: \(u)→\(v) stored \(run) time(s), \(v)→\(u) \(backRun)"
            }
            let base = view.offsets[Int(u)] + k
            let backBase = view.offsets[Int(v)] + lo
            if let w = view.weights {
              for i in 0..<run where w[base + i] != w[backBase + i] {
                return "undirected graph has different weights on \(u)→\(v) and \(v)→\(u)"
              }
            }
            if let types = view.edgeTypes {
              for i in 0..<run where types[base + i] != types[backBase + i] {
                return "undirected graph has different edge types on \(u)→\(v) and \(v)→\(u)"
              }
            }
          }
          k += run
        }
      }
      return nil
    }
    if let problem { throw CSRInvariantError(problem) }
  }

  private func lowerBound(_ row: UnsafeBufferPointer<UInt32>, _ value: UInt32) -> Int {
    var lo = 0
    var hi = row.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if row[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
