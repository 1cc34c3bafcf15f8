/// Pieces the Monte Carlo of reliability and of the thesis share.
@usableFromInline enum DrawSupport {
  /// SplitMix64's finaliser: a well-mixed 64-bit hash of `x`.
  @usableFromInline @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Undirected ties `pairs[t] = (u, v)` as adjacency arrays over `n` nodes: the neighbours of
  /// u are `neighbor[offsets[u]..<offsets[u + 1]]`, with the tie index of each in `tieOf`.
  /// O(n + ties).
  static func adjacency(nodes n: Int, pairs: [(Int, Int)]) -> (offsets: [Int], neighbor: [Int32], tieOf: [Int32]) {
    var offsets = [Int](repeating: 0, count: n + 1)
    for (u, v) in pairs {
      offsets[u + 1] += 1
      offsets[v + 1] += 1
    }
    for u in 0..<n { offsets[u + 1] += offsets[u] }
    var fill = offsets
    var neighbor = [Int32](repeating: 0, count: 2 * pairs.count), tieOf = neighbor
    for (t, (u, v)) in pairs.enumerated() {
      neighbor[fill[u]] = Int32(v)
      tieOf[fill[u]] = Int32(t)
      fill[u] += 1
      neighbor[fill[v]] = Int32(u)
      tieOf[fill[v]] = Int32(t)
      fill[v] += 1
    }
    return (offsets, neighbor, tieOf)
  }

  /// Runs draws `0..<draws` in chunks over `threads`, each thread with its own worker from
  /// `make`; `run(&worker, draw, &values)` writes the draw's `columns` values. Returns one
  /// array per column in draw order, whatever the thread count.
  static func collect<Worker>(
    draws: Int, threads: Int, columns: Int, make: @Sendable () -> Worker, run: @Sendable (inout Worker, Int, inout [Double]) -> Void
  ) -> [[Double]] {
    var result = [[Double]](repeating: [], count: columns)
    for c in 0..<columns { result[c].reserveCapacity(draws) }
    let chunk = max(1, draws / max(1, threads * 8))
    let chunks = (draws + chunk - 1) / chunk
    ParallelLoop.run(count: chunks, threads: threads) { range in
      var worker = make()
      var part = [[Double]](repeating: [], count: columns)
      var values = [Double](repeating: 0, count: columns)
      for c in range {
        for draw in (c * chunk)..<min(draws, (c + 1) * chunk) {
          run(&worker, draw, &values)
          for k in 0..<columns { part[k].append(values[k]) }
        }
      }
      return part
    } merge: { part in
      for k in 0..<columns { result[k].append(contentsOf: part[k]) }
    }
    return result
  }
}
