extension CSRGraph {
  /// Builds a CSR graph from an edge list by two stable counting sorts, consuming the list.
  ///
  /// Pass 1 buckets the edges by head (for undirected graphs, both directions of each
  /// edge), pass 2 re-buckets by tail; both passes are stable, so each row comes out
  /// sorted by target with copies of an edge in input order, and the duplicate policy can
  /// keep the last copy. No comparison sort is used. The edge list is emptied as soon as
  /// pass 1 no longer needs it, so the peak memory is about the list plus one CSR.
  ///
  /// The passes run in P parts (see ``builderParts(nodeCount:edgeCount:threads:cursorBudget:)``:
  /// one per thread, fewer when the per-part cursors would exceed their memory budget). The
  /// result depends neither on `options.threads` nor on P. In debug builds the graph is
  /// checked with ``checkInvariants()`` before it is returned.
  ///
  /// - Parameters:
  ///   - edges: the edges; every endpoint must be `< edges.nodeCount`. Emptied on return
  ///     (left as it was when the size check throws).
  ///   - options: directedness, self-loop and duplicate policies, threads.
  /// - Returns: the graph and what was removed.
  /// - Throws: ``GraphSizeError`` when `edges.nodeCount` is above ``maximumNodeCount``,
  ///   before anything is allocated.
  /// - Complexity: O(n·P + m) time and extra space.
  public static func build(consuming edges: inout EdgeList, options: BuildOptions = BuildOptions()) throws(GraphSizeError)
    -> (graph: CSRGraph, report: BuildReport)
  {
    try checkNodeCount(edges.nodeCount)
    return buildWithinLimit(consuming: &edges, options: options)
  }

  /// ``build(consuming:options:)`` for callers that have checked the node count (generators
  /// state the limit as a precondition; graphs derived from a graph have its node count).
  static func buildWithinLimit(consuming edges: inout EdgeList, options: BuildOptions)
    -> (graph: CSRGraph, report: BuildReport)
  {
    let n = edges.nodeCount
    precondition(n >= 0 && n <= maximumNodeCount, "node count \(n) is outside 0...\(maximumNodeCount)")
    if options.duplicates == .sumWeights && edges.weights == nil {
      edges.weights = [Double](repeating: 1, count: edges.count)
    }
    let directed = options.directed
    let dropLoops = options.selfLoops == .drop
    let parts = max(1, options.parts ?? builderParts(
      nodeCount: n, edgeCount: edges.count, threads: options.threads, cursorBudget: options.cursorBudget))
    var report = BuildReport()

    // Pass 1: bucket by head.
    var cursors = LargeArrays.make(repeating: 0, count: parts * n)
    var bucketOffsets = [Int](repeating: 0, count: n + 1)
    let loopsPerPart = PartResults<Int>(count: parts)
    let m = edges.count
    edges.sources.withUnsafeBufferPointer { src in
      edges.targets.withUnsafeBufferPointer { dst in
        let src = UncheckedSendable(src)
        let dst = UncheckedSendable(dst)
        cursors.withUnsafeMutableBufferPointer { counts in
          let counts = UncheckedSendable(counts)
          Parallel.forEach(parts: parts, threads: options.threads) { part in
            let base = part * n
            var loops = 0
            for e in Parallel.range(part, of: parts, count: m) {
              let s = src.value[e]
              let d = dst.value[e]
              precondition(Int(s) < n && Int(d) < n, "edge \(e) has an endpoint outside 0..<\(n)")
              if s == d {
                loops += 1
                if dropLoops { continue }
              }
              counts.value[base + Int(d)] += 1
              if !directed && s != d { counts.value[base + Int(s)] += 1 }
            }
            loopsPerPart.set(part, loops)
          }
        }
      }
    }
    let totalLoops = loopsPerPart.values.reduce(0, +)
    if dropLoops { report.selfLoopsRemoved = totalLoops }
    let bucketEntries = countsToCursors(&cursors, offsets: &bucketOffsets, parts: parts, n: n)

    var bucketSources: [UInt32] = uninitializedArray(count: bucketEntries)
    var bucketWeights: [Double]? = edges.weights.map { _ in uninitializedArray(count: bucketEntries) }
    var bucketTypes: [UInt8]? = edges.edgeTypes.map { _ in uninitializedArray(count: bucketEntries) }
    scatterPass1(
      edges: edges, cursors: &cursors, parts: parts, threads: options.threads, directed: directed,
      dropLoops: dropLoops, into: &bucketSources, weights: &bucketWeights, types: &bucketTypes)
    edges = EdgeList(
      nodeCount: n, weights: edges.weights == nil ? nil : [], edgeTypes: edges.edgeTypes == nil ? nil : [])

    var rowOffsets: [Int]
    var targets: [UInt32]
    var weights: [Double]?
    var types: [UInt8]?
    if !directed && rowsAreSorted(offsets: bucketOffsets, targets: bucketSources, parts: parts, threads: options.threads) {
      // Undirected buckets are the rows themselves; when the input listed edges in order
      // (as most edge-list files do), every row is already sorted and pass 2 is not needed.
      rowOffsets = bucketOffsets
      targets = bucketSources
      weights = bucketWeights
      types = bucketTypes
      bucketSources = []
      bucketWeights = nil
      bucketTypes = nil
      cursors = []
    } else {
      // Pass 2: re-bucket by tail, walking heads in increasing order.
      rowOffsets = [Int](repeating: 0, count: n + 1)
      targets = uninitializedArray(count: bucketEntries)
      weights = bucketWeights.map { _ in uninitializedArray(count: bucketEntries) }
      types = bucketTypes.map { _ in uninitializedArray(count: bucketEntries) }
      scatterPass2(
        bucketOffsets: bucketOffsets, bucketSources: bucketSources, bucketWeights: bucketWeights,
        bucketTypes: bucketTypes, cursors: &cursors, rowOffsets: &rowOffsets, parts: parts,
        threads: options.threads, into: &targets, weights: &weights, types: &types)
      bucketSources = []
      bucketWeights = nil
      bucketTypes = nil
      cursors = []
    }

    var keptLoops = dropLoops ? 0 : totalLoops
    if options.duplicates != .keepAll {
      (report.duplicatesRemoved, keptLoops) = mergeDuplicates(
        offsets: &rowOffsets, targets: &targets, weights: &weights, types: &types,
        sum: options.duplicates == .sumWeights, directed: directed, parts: parts,
        threads: options.threads, loops: keptLoops)
    }
    let graph = CSRGraph(
      uncheckedOffsets: rowOffsets, targets: targets, weights: weights, edgeTypes: types,
      isDirected: directed, selfLoopCount: keptLoops)
    graph.assertInvariants("the CSR builder")
    return (graph, report)
  }

  /// Builds a CSR graph from a copy of `edges`, for graphs built by code (datasets, tests).
  /// See ``build(consuming:options:)``, which throws for input-sized graphs instead.
  /// - Precondition: `edges.nodeCount` ≤ ``maximumNodeCount``.
  public init(edges: EdgeList, options: BuildOptions = BuildOptions()) {
    var copy = edges
    self = CSRGraph.buildWithinLimit(consuming: &copy, options: options).graph
  }

  /// Turns per-part counts (`counts[part·n + v]`) into per-part write cursors and fills
  /// `offsets` with the row starts. Returns the total.
  private static func countsToCursors(_ counts: inout [Int], offsets: inout [Int], parts: Int, n: Int) -> Int {
    var running = 0
    counts.withUnsafeMutableBufferPointer { c in
      offsets.withUnsafeMutableBufferPointer { off in
        for v in 0..<n {
          off[v] = running
          var k = v
          for _ in 0..<parts {
            let count = c[k]
            c[k] = running
            running += count
            k += n
          }
        }
        off[n] = running
      }
    }
    return running
  }

  private static func scatterPass1(
    edges: EdgeList, cursors: inout [Int], parts: Int, threads: Int, directed: Bool, dropLoops: Bool,
    into out: inout [UInt32], weights outWeights: inout [Double]?, types outTypes: inout [UInt8]?
  ) {
    let n = edges.nodeCount
    let m = edges.count
    edges.sources.withUnsafeBufferPointer { src in
      edges.targets.withUnsafeBufferPointer { dst in
        withOptionalBuffer(edges.weights) { w in
          withOptionalBuffer(edges.edgeTypes) { ty in
            withOptionalMutableBuffer(&outWeights) { ow in
              withOptionalMutableBuffer(&outTypes) { ot in
                out.withUnsafeMutableBufferPointer { o in
                  cursors.withUnsafeMutableBufferPointer { cur in
                    let shared = UncheckedSendable((src, dst, w, ty, ow, ot, o, cur))
                    Parallel.forEach(parts: parts, threads: threads) { part in
                      let (src, dst, w, ty, ow, ot, o, cur) = shared.value
                      let base = part * n
                      for e in Parallel.range(part, of: parts, count: m) {
                        let s = src[e]
                        let d = dst[e]
                        if s == d && dropLoops { continue }
                        var pos = cur[base + Int(d)]
                        cur[base + Int(d)] = pos + 1
                        o[pos] = s
                        if let w, let ow { ow[pos] = w[e] }
                        if let ty, let ot { ot[pos] = ty[e] }
                        if !directed && s != d {
                          pos = cur[base + Int(s)]
                          cur[base + Int(s)] = pos + 1
                          o[pos] = d
                          if let w, let ow { ow[pos] = w[e] }
                          if let ty, let ot { ot[pos] = ty[e] }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private static func scatterPass2(
    bucketOffsets: [Int], bucketSources: [UInt32], bucketWeights: [Double]?, bucketTypes: [UInt8]?,
    cursors: inout [Int], rowOffsets: inout [Int], parts: Int, threads: Int,
    into out: inout [UInt32], weights outWeights: inout [Double]?, types outTypes: inout [UInt8]?
  ) {
    let n = bucketOffsets.count - 1
    // Split the heads so that each part has about the same number of entries.
    let headBounds = bucketOffsets.withUnsafeBufferPointer { RowSearch.balancedBounds(offsets: $0, parts: parts) }
    cursors.withUnsafeMutableBufferPointer { c in c.update(repeating: 0) }
    bucketOffsets.withUnsafeBufferPointer { boff in
      bucketSources.withUnsafeBufferPointer { bsrc in
        cursors.withUnsafeMutableBufferPointer { cur in
          let shared = UncheckedSendable((boff, bsrc, cur))
          Parallel.forEach(parts: parts, threads: threads) { part in
            let (boff, bsrc, cur) = shared.value
            let base = part * n
            for k in boff[headBounds[part]]..<boff[headBounds[part + 1]] {
              cur[base + Int(bsrc[k])] += 1
            }
          }
        }
      }
    }
    _ = countsToCursors(&cursors, offsets: &rowOffsets, parts: parts, n: n)
    bucketOffsets.withUnsafeBufferPointer { boff in
      bucketSources.withUnsafeBufferPointer { bsrc in
        withOptionalBuffer(bucketWeights) { w in
          withOptionalBuffer(bucketTypes) { ty in
            withOptionalMutableBuffer(&outWeights) { ow in
              withOptionalMutableBuffer(&outTypes) { ot in
                out.withUnsafeMutableBufferPointer { o in
                  cursors.withUnsafeMutableBufferPointer { cur in
                    let shared = UncheckedSendable((boff, bsrc, w, ty, ow, ot, o, cur))
                    Parallel.forEach(parts: parts, threads: threads) { part in
                      let (boff, bsrc, w, ty, ow, ot, o, cur) = shared.value
                      let base = part * n
                      for d in headBounds[part]..<headBounds[part + 1] {
                        let head = UInt32(truncatingIfNeeded: d)
                        for k in boff[d]..<boff[d + 1] {
                          let s = Int(bsrc[k])
                          let pos = cur[base + s]
                          cur[base + s] = pos + 1
                          o[pos] = head
                          if let w, let ow { ow[pos] = w[k] }
                          if let ty, let ot { ot[pos] = ty[k] }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Collapses runs of equal targets within each row (rows are sorted, copies in input
  /// order), then closes the gaps. Returns the number of edges removed and of self-loops left.
  private static func mergeDuplicates(
    offsets: inout [Int], targets: inout [UInt32], weights: inout [Double]?, types: inout [UInt8]?,
    sum: Bool, directed: Bool, parts: Int, threads: Int, loops: Int
  ) -> (removed: Int, loops: Int) {
    let n = offsets.count - 1
    var newEnds = [Int](repeating: 0, count: n)
    let removedPerPart = PartResults<(entries: Int, loops: Int)>(count: parts)
    offsets.withUnsafeBufferPointer { off in
      targets.withUnsafeMutableBufferPointer { t in
        withOptionalMutableBuffer(&weights) { w in
          withOptionalMutableBuffer(&types) { ty in
            newEnds.withUnsafeMutableBufferPointer { ends in
              let shared = UncheckedSendable((off, t, w, ty, ends))
              Parallel.forEach(parts: parts, threads: threads) { part in
                let (off, t, w, ty, ends) = shared.value
                var removed = 0
                var removedLoops = 0
                for v in Parallel.range(part, of: parts, count: n) {
                  let start = off[v]
                  let end = off[v + 1]
                  var write = start
                  var k = start
                  while k < end {
                    let target = t[k]
                    if write > start && t[write - 1] == target {
                      if let w { w[write - 1] = sum ? w[write - 1] + w[k] : w[k] }
                      if let ty { ty[write - 1] = ty[k] }
                      removed += 1
                      if Int(target) == v { removedLoops += 1 }
                    } else {
                      t[write] = target
                      if let w { w[write] = w[k] }
                      if let ty { ty[write] = ty[k] }
                      write += 1
                    }
                    k += 1
                  }
                  ends[v] = write
                }
                removedPerPart.set(part, (removed, removedLoops))
              }
            }
          }
        }
      }
    }
    let removedEntries = removedPerPart.values.reduce(0) { $0 + $1.entries }
    let removedLoops = removedPerPart.values.reduce(0) { $0 + $1.loops }
    guard removedEntries > 0 else { return (0, loops) }
    // Close the gaps left by merged entries, moving rows left in order.
    offsets.withUnsafeMutableBufferPointer { off in
      targets.withUnsafeMutableBufferPointer { t in
        withOptionalMutableBuffer(&weights) { w in
          withOptionalMutableBuffer(&types) { ty in
            var write = 0
            for v in 0..<n {
              let start = off[v]
              let length = newEnds[v] - start
              off[v] = write
              if write != start {
                for i in 0..<length {
                  t[write + i] = t[start + i]
                  if let w { w[write + i] = w[start + i] }
                  if let ty { ty[write + i] = ty[start + i] }
                }
              }
              write += length
            }
            off[n] = write
          }
        }
      }
    }
    let kept = offsets[n]
    shrink(&targets, to: kept)
    if weights != nil { shrink(&weights!, to: kept) }
    if types != nil { shrink(&types!, to: kept) }
    let removed = directed ? removedEntries : (removedEntries - removedLoops) / 2 + removedLoops
    return (removed, loops - removedLoops)
  }

  /// Whether every row is in non-decreasing order.
  private static func rowsAreSorted(offsets: [Int], targets: [UInt32], parts: Int, threads: Int) -> Bool {
    let n = offsets.count - 1
    let unsorted = PartResults<Bool>(count: parts)
    offsets.withUnsafeBufferPointer { off in
      targets.withUnsafeBufferPointer { t in
        let shared = UncheckedSendable((off, t))
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (off, t) = shared.value
          for v in Parallel.range(part, of: parts, count: n) {
            let end = off[v + 1]
            var k = off[v] + 1
            while k < end {
              if t[k] < t[k - 1] {
                unsorted.set(part, true)
                return
              }
              k += 1
            }
          }
        }
      }
    }
    return unsorted.values.isEmpty
  }

  /// Truncates `array` to `count` elements, copying it when that frees much memory.
  private static func shrink<T>(_ array: inout [T], to count: Int) {
    if array.count - count > array.count / 16 {
      array = Array(array[0..<count])
    } else {
      array.removeLast(array.count - count)
    }
  }
}

@inlinable
func withOptionalMutableBuffer<T, R>(
  _ array: inout [T]?, _ body: (UnsafeMutableBufferPointer<T>?) throws -> R
) rethrows -> R {
  if array != nil { return try array!.withUnsafeMutableBufferPointer { try body($0) } }
  return try body(nil)
}

/// An array of `count` elements whose memory the caller fills completely before reading it.
/// Skips the zero-fill; the elements are trivial types only.
@usableFromInline
func uninitializedArray<T: BitwiseCopyable>(count: Int) -> [T] {
  LargeArrays.uninitialized(count: count)
}
