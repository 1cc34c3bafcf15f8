extension CSRGraph {
  /// Checks every invariant documented on ``CSRGraph``.
  /// - Parameter threads: threads for the symmetry check of undirected graphs.
  /// - Throws: ``CSRInvariantError`` naming the first violation found.
  /// - Complexity: O(n + m) (symmetry by one merge-like pass over the rows, see
  ///   ``symmetryProblem(threads:)``).
  public func checkInvariants(threads: Int = 1) throws(CSRInvariantError) {
    try checkInvariants(threads: threads, selfLoopCount: true)
  }

  /// ``checkInvariants(threads:)``, optionally without comparing ``selfLoopCount`` with the
  /// rows (``init(validating:targets:weights:edgeTypes:isDirected:)`` counts them afterwards).
  func checkInvariants(threads: Int, selfLoopCount checkLoops: Bool) throws(CSRInvariantError) {
    let n = nodeCount
    guard n >= 0, n <= CSRGraph.maximumNodeCount else {
      throw CSRInvariantError("node count \(n) is outside 0...\(CSRGraph.maximumNodeCount)")
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
      let targets = view.targets
      for v in 0..<n {
        var k = view.offsets[v]
        let end = view.offsets[v + 1]
        while k < end {
          let t = targets[k]
          if Int(t) >= n { return "target \(t) in row \(v) is not a node id (nodeCount is \(n))" }
          if k > view.offsets[v] && t < targets[k - 1] { return "row \(v) is not sorted: \(t) follows \(targets[k - 1])" }
          k += 1
        }
      }
      return nil
    }
    if let problem { throw CSRInvariantError(problem) }
    if checkLoops {
      let selfLoops = CSRGraph.countSelfLoops(offsets: offsets, targets: targets)
      guard selfLoops == selfLoopCount else {
        throw CSRInvariantError("the graph records \(selfLoopCount) self-loops, its rows hold \(selfLoops)")
      }
    }
    if !isDirected, let problem = symmetryProblem(threads: threads) { throw CSRInvariantError(problem) }
  }

  /// Runs ``checkInvariants()`` in debug builds, and in release builds compiled with
  /// `-Xswiftc -DGRAPH_INVARIANT_CHECKS`; traps naming the violation, which is a bug in the
  /// code that produced the graph (`producer`), never bad input. A no-op otherwise.
  package func assertInvariants(_ producer: StaticString) {
    #if DEBUG || GRAPH_INVARIANT_CHECKS
      do { try checkInvariants() } catch { preconditionFailure("\(producer) produced an invalid graph: \(error)") }
    #endif
  }

  /// A keyed fingerprint of an undirected graph's asymmetry, exactly 0 for a symmetric graph.
  ///
  /// Without weights or types it is `fᵀ(A − Aᵀ)g` (wrapping), where `A[u][v]` counts the
  /// entries `u → v` and `f`, `g` are keyed per-node values (``AsymmetryKeys``): Freivalds'
  /// test of `A = Aᵀ`, summed row by row as `f(u)·Σg(v) − g(u)·Σf(v)`, with
  /// 32 × 32-bit products that vectorise (a fifth of the cost of hashing each entry on K20).
  /// With weights or types it is the wrapping sum, over every entry `u → v` with its weight,
  /// type and rank `j` among the parallel entries `u → v` before it, of
  /// `H(u, v, j) − H(v, u, j)` for a 64-bit mixing hash `H` seeded with `key` (parallel
  /// edges pair by position, as ``symmetryProblem(threads:)`` checks them: without the rank,
  /// `u → v` weighing 1 then 2 against `v → u` weighing 2 then 1 gave 0, found by the
  /// snapshot fuzzer).
  /// Either way a symmetric graph gives exactly 0, since its entries pair up, and any
  /// asymmetry gives 0 only by chance for a random key (the loaders draw one per load, so a
  /// file cannot be crafted to pass). One streaming pass with no random access: about 30×
  /// faster than ``symmetryProblem(threads:)`` on K20, which then names the offending edge
  /// when the fingerprint is not 0.
  /// - Complexity: O(m) time on `threads` threads, O(1) extra space.
  package func asymmetryFingerprint(threads: Int, key: UInt64) -> UInt64 {
    let m = targets.count
    guard m > 0 else { return 0 }
    let parts = max(1, min(threads, m / (1 << 20) + 1))
    let sums = PartResults<UInt64>(count: parts)
    let keys = AsymmetryKeys(key)
    withUnsafeView { view in
      let shared = UncheckedSendable(view)
      Parallel.forEach(parts: parts, threads: threads) { part in
        let view = shared.value
        let range = Parallel.range(part, of: parts, count: m)
        guard !range.isEmpty else { return sums.set(part, 0) }
        var u = RowSearch.row(holding: range.lowerBound, offsets: view.offsets)
        var k = range.lowerBound
        var sum: UInt64 = 0
        let t = view.targets
        while k < range.upperBound {
          while view.offsets[u + 1] <= k { u += 1 }
          let end = min(view.offsets[u + 1], range.upperBound)
          let a = UInt64(u)
          if view.weights == nil && view.edgeTypes == nil {
            var sumF: UInt64 = 0
            var sumG: UInt64 = 0
            while k < end {
              sumF &+= keys.f(t[k])
              sumG &+= keys.g(t[k])
              k += 1
            }
            sum &+= keys.rowTerm(UInt32(truncatingIfNeeded: u), sumF: sumF, sumG: sumG)
          } else {
            // Parallel edges pair by position (the j-th u → v with the j-th v → u, as
            // symmetryProblem checks), so each entry's rank among the entries u → v before it
            // goes into its hash; a part that starts inside a run counts the run's start.
            var rank: UInt64 = 0
            var back = k
            while back > view.offsets[u] && t[back - 1] == t[k] {
              back -= 1
              rank += 1
            }
            let first = k
            while k < end {
              if k > first { rank = t[k] == t[k - 1] ? rank + 1 : 0 }
              let b = UInt64(t[k])
              var extra: UInt64 = 0
              if let w = view.weights { extra = w[k] == 0 ? 0 : w[k].bitPattern }  // -0 and 0 agree
              if let types = view.edgeTypes {
                extra = view.weights == nil ? UInt64(types[k]) : mixHash(extra ^ key) ^ UInt64(types[k])
              }
              sum &+=
                mixHash((mixHash((a << 32 | b) ^ key) &+ rank) ^ extra)
                &- mixHash((mixHash((b << 32 | a) ^ key) &+ rank) ^ extra)
              k += 1
            }
          }
        }
        sums.set(part, sum)
      }
    }
    return sums.values.reduce(0, &+)
  }

  /// Why an undirected graph with valid, sorted rows is not symmetric, or `nil` when it is:
  /// `v` must be in row `u` as often as `u` in row `v`, with the same weights and types.
  ///
  /// One pass over the rows in increasing `u`, with a cursor into every row `v`: each entry
  /// `u → v` must be the next unmatched entry of row `v`, and every row must be used up at
  /// the end (rows are sorted, so row `v` lists its `u`s in the order they are met). The
  /// targets are split into ranges of about equal entry count, one per part; a part
  /// reads, in every row, only the slice of targets in its range and moves only the
  /// cursors of its range. The offsets and targets must already be valid (structure checked).
  /// - Complexity: O(n · parts + m) time (one binary search per non-empty row and part),
  ///   O(n) extra space; `threads` threads.
  package func symmetryProblem(threads: Int) -> String? {
    let n = nodeCount
    guard n > 0, !targets.isEmpty else { return nil }
    let parts = max(1, min(threads, targets.count / (1 << 20) + 1))
    // Target ranges of about equal entry count.
    let ranges = offsets.withUnsafeBufferPointer { RowSearch.balancedBounds(offsets: $0, parts: parts) }
    var cursors: [Int] = LargeArrays.uninitialized(count: n)
    let problems = PartResults<String>(count: parts)
    cursors.withUnsafeMutableBufferPointer { cursor in
      withUnsafeView { view in
        let shared = UncheckedSendable((view, cursor))
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (view, cursor) = shared.value
          let low = ranges[part]
          let high = ranges[part + 1]
          if low == high { return }
          for v in low..<high { cursor[v] = view.offsets[v] }
          let t = view.targets
          for u in 0..<n {
            var k = view.offsets[u]
            let end = view.offsets[u + 1]
            if k == end || Int(t[end - 1]) < low || Int(t[k]) >= high { continue }
            if Int(t[k]) < low {
              var hi = end
              while k < hi {
                let mid = (k + hi) >> 1
                if Int(t[mid]) < low { k = mid + 1 } else { hi = mid }
              }
            }
            let key = UInt32(truncatingIfNeeded: u)
            while k < end {
              let v = Int(t[k])
              if v >= high { break }
              let c = cursor[v]
              if c >= view.offsets[v + 1] || t[c] > key {
                problems.set(part, "undirected graph is not symmetric: \(u)→\(v) has no matching \(v)→\(u)")
                return
              }
              if t[c] < key {
                problems.set(part, "undirected graph is not symmetric: \(v)→\(t[c]) has no matching \(t[c])→\(v)")
                return
              }
              if let w = view.weights, w[k] != w[c] && !(w[k].isNaN && w[c].isNaN) {
                problems.set(part, "undirected graph has different weights on \(u)→\(v) and \(v)→\(u)")
                return
              }
              if let types = view.edgeTypes, types[k] != types[c] {
                problems.set(part, "undirected graph has different edge types on \(u)→\(v) and \(v)→\(u)")
                return
              }
              cursor[v] = c + 1
              k += 1
            }
          }
          for v in low..<high where cursor[v] != view.offsets[v + 1] {
            let x = t[cursor[v]]
            problems.set(part, "undirected graph is not symmetric: \(v)→\(x) has no matching \(x)→\(v)")
            return
          }
        }
      }
    }
    return problems.values.first
  }
}

/// SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mix.
@inline(__always)
func mixHash(_ x: UInt64) -> UInt64 {
  var z = x &+ 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// The keyed per-node values of the unweighted asymmetry fingerprint
/// (``CSRGraph/asymmetryFingerprint(threads:key:)``): with `x = h(v ⊕ k₁)`, MurmurHash3's
/// 32-bit finaliser, `f(v) = (x ⊕ k₂)(x ⊕ k₃)` and `g(v) = (x ⊕ k₄)(x ⊕ k₂ ⊕ k₃)`, 32 × 32 →
/// 64-bit products, with the four 32-bit keys taken from the 64-bit key and its mix (one
/// hash per entry serves both values). Without `h` the values of ids that share their high
/// bits are low-degree polynomials in the low bits, and asymmetric patterns cancelled for
/// many keys (the 4-cycle 1→6→2→5→1 on 15 nodes: a zero fingerprint for 6% of keys, found
/// by the snapshot fuzzer); with it, none of 120,000 trials over 400 random asymmetric
/// patterns gave a zero.
struct AsymmetryKeys {
  let k1: UInt32
  let k2: UInt32
  let k3: UInt32
  let k4: UInt32

  init(_ key: UInt64) {
    let mixed = mixHash(key)
    k1 = UInt32(truncatingIfNeeded: key)
    k2 = UInt32(truncatingIfNeeded: key >> 32)
    k3 = UInt32(truncatingIfNeeded: mixed)
    k4 = UInt32(truncatingIfNeeded: mixed >> 32)
  }

  @inline(__always) func f(_ v: UInt32) -> UInt64 {
    let x = Self.h(v ^ k1)
    return UInt64(x ^ k2) &* UInt64(x ^ k3)
  }
  @inline(__always) func g(_ v: UInt32) -> UInt64 {
    let x = Self.h(v ^ k1)
    return UInt64(x ^ k4) &* UInt64(x ^ k2 ^ k3)
  }

  /// MurmurHash3's 32-bit finaliser (a bijection that spreads every input bit).
  @inline(__always) static func h(_ x: UInt32) -> UInt32 {
    var x = x
    x ^= x >> 16
    x &*= 0x85EB_CA6B
    x ^= x >> 13
    x &*= 0xC2B2_AE35
    return x ^ (x >> 16)
  }

  /// The share of row `u`'s entries (or a run of them) with `Σf(v)` and `Σg(v)` over the
  /// run: `f(u)·Σg(v) − g(u)·Σf(v)`.
  @inline(__always) func rowTerm(_ u: UInt32, sumF: UInt64, sumG: UInt64) -> UInt64 {
    f(u) &* sumG &- g(u) &* sumF
  }
}
