import GraphCore

extension PageRank {
  /// PageRank by deterministic propagation blocking (Beamer, Asanović and Patterson,
  /// "Reducing PageRank Communication via Propagation Blocking", IPDPS 2017): a Jacobi
  /// iteration that never reads a score at random from memory. Each iteration has two phases.
  /// *Binning* walks the out-edges in order and appends the source's contribution
  /// `y[u] / outDegree(u)` to the bin of the destination (destinations in blocks of
  /// `binWidth` nodes). *Accumulation* takes one bin at a time, adds its contributions into
  /// `binWidth` sums that stay in cache, and writes the bin's new scores. Where the edges of
  /// each (source part, bin) pair go never changes, so the destinations are binned once
  /// before the first iteration (2 bytes each, the offset inside the bin) and an iteration
  /// moves only the 4-byte contributions through the bins.
  ///
  /// It solves the same equation as ``gaussSeidel(_:alpha:tolerance:maxIterations:threads:)``,
  /// `y = (1 − α)/n + α Sᵀ y` with dangling rank dropped, stops on the same rule (L1 change of
  /// an iteration below `tolerance`) and returns `y / Σy`. Being a Jacobi iteration it needs
  /// more iterations than Gauss–Seidel for the same rule. The sources are cut into at most 64
  /// parts by node count alone and every sum is taken in a fixed order, so the scores are the
  /// same for every thread count.
  ///
  /// Bytes moved per iteration, m entries and n nodes (the model the bench note uses):
  /// binning reads the targets (4m) and writes the contributions (4m, plus 4m read for
  /// ownership unless the CPU streams them), accumulation reads the contributions and the
  /// binned destinations (4m + 2m): 14–18 bytes per entry, all sequential, plus O(n). A pull
  /// sweep reads 4 bytes of targets per entry sequentially, and one contribution per entry at
  /// random, which costs a whole cache line from wherever it lives once the 4n bytes of
  /// contributions outgrow the cache. Blocking wins only when those random reads miss: on
  /// the reference machine (2 cores, 1 MiB L2 each, a 32 MiB L3 shared with other VMs) the
  /// Gauss–Seidel pull sweep is 2.5× faster on Kronecker scale 20 (4 MiB of contributions)
  /// and 2× on scale 21 (8 MiB), blocking 1.35–1.65× faster on scale 22 (16 MiB) and 1.8× on
  /// scale 23 (32 MiB), in total time to the same stop rule (the README has the figures).
  /// - Parameters:
  ///   - binWidth: destinations per bin, a power of two up to 65,536 (the default: its
  ///     double sums take 512 KiB, inside a 1 MiB L2).
  /// - Complexity: O(n + m) per iteration and O(m) once to bin the destinations, on
  ///   `threads` threads; memory 6 bytes per entry plus 12 bytes per node.
  public static func propagationBlocking(
    _ graph: CSRGraph, alpha: Double = 0.85, tolerance: Double = 1e-4, maxIterations: Int = 20,
    binWidth: Int = 1 << 16, threads: Int = Parallel.availableCores
  ) -> PageRankResult {
    precondition(binWidth > 0 && binWidth <= 1 << 16 && binWidth & (binWidth - 1) == 0, "binWidth must be a power of two ≤ 65536")
    let n = graph.nodeCount
    if n == 0 { return PageRankResult(scores: [], iterations: 0) }
    var scores = LargeArrays.make(repeating: 1 / Double(n), count: n)
    var contributions: [Float] = LargeArrays.uninitialized(count: n)
    var values: [Float] = LargeArrays.uninitialized(count: graph.entryCount)
    // Binning the destinations also bins the first iteration's contributions.
    let layout = graph.withUnsafeView { out in
      contributions.withUnsafeMutableBufferPointer { c in
        values.withUnsafeMutableBufferPointer { values in
          BinLayout(out: out, binWidth: binWidth, threads: threads, start: 1 / Double(n), contributions: c, values: values)
        }
      }
    }
    let teleport = (1 - alpha) / Double(n)
    var iterations = 0
    var converged = false
    graph.withUnsafeView { out in
      scores.withUnsafeMutableBufferPointer { y in
        contributions.withUnsafeMutableBufferPointer { c in
          values.withUnsafeMutableBufferPointer { values in
            layout.destinations.withUnsafeBufferPointer { destinations in
              layout.segmentStarts.withUnsafeBufferPointer { starts in
                let shared = UncheckedSendable((out, y, c, values, destinations, starts))
                let bins = layout.bins
                let parts = layout.parts
                // Worker w adds bins w, w + workers, … (as Parallel.forEach deals parts) into
                // one scratch of sums it allocates per iteration.
                let workers = max(1, min(threads, bins))
                while iterations < max(maxIterations, 1) {
                  if iterations > 0 {
                    Parallel.forEach(parts: parts, threads: threads) { part in
                      let (out, _, c, values, _, starts) = shared.value
                      binContributions(
                        part: part, of: parts, bins: bins, shift: layout.shift, out: out, contributions: c,
                        values: values, segmentStarts: starts)
                    }
                  }
                  let changes = PartResults<Double>(count: bins)
                  Parallel.forEach(parts: workers, threads: threads) { worker in
                    let (out, y, c, values, destinations, starts) = shared.value
                    accumulate(
                      bins: stride(from: worker, to: bins, by: workers), parts: parts, binWidth: binWidth,
                      out: out, scores: y, contributions: c, values: values, destinations: destinations,
                      segmentStarts: starts, teleport: teleport, alpha: alpha, changes: changes)
                  }
                  iterations += 1
                  let change = (0..<bins).reduce(0.0) { $0 + changes[$1]! }
                  if change < tolerance {
                    converged = true
                    break
                  }
                }
              }
            }
          }
        }
      }
    }
    normalize(&scores, threads: threads)
    return PageRankResult(scores: scores, iterations: iterations, converged: converged)
  }

  /// Binning: appends each out-edge's contribution of the sources in `part` to its
  /// destination's bin, in edge order.
  /// Invariant: ids < n and offsets ≤ entryCount (checked when the graph was built), and the
  /// segment of (bin, part) holds exactly the part's edges into the bin (counted by
  /// ``BinLayout``), so every cursor stays inside its segment.
  @inline(never)
  static func binContributions(
    part: Int, of parts: Int, bins: Int, shift: Int, out: UnsafeCSRView,
    contributions c: UnsafeMutableBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    segmentStarts: UnsafeBufferPointer<Int>
  ) {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: bins) { cursor in
      for bin in 0..<bins { cursor[bin] = segmentStarts[bin &* parts &+ part] }
      for u in Parallel.range(part, of: parts, count: c.count) {
        let contribution = c[u]
        var k = out.offsets[u]
        let end = out.offsets[u &+ 1]
        // A row's targets are sorted, so its edges into one bin are a run: the cursor stays
        // in a register along the run instead of a load and store through memory per edge
        // (a chain of store-to-load forwards: 4 ns per edge on K18).
        while k < end {
          let bin = out.targets[k] &>> UInt32(shift)
          var position = cursor[Int(bin)]
          repeat {
            values[position] = contribution
            position &+= 1
            k &+= 1
          } while k < end && out.targets[k] &>> UInt32(shift) == bin
          cursor[Int(bin)] = position
        }
      }
    }
  }

  /// Accumulation, for each of `bins`: adds the contributions binned for the bin (every
  /// part's segment in part order) into one sum per destination, then writes the bin's new
  /// scores and their contributions for the next iteration, and its L1 change into `changes`.
  /// The sums are allocated here, once for all the bins (512 KiB at the default width).
  /// Passed in as a pointer from one allocation made by the caller, K20 ran 0.68–0.71 s
  /// against 0.50–0.63 s; likely because a fresh allocation tells the compiler the sums
  /// alias nothing else.
  /// Invariant: binned destinations are < `binWidth` and every bin's last node is < n.
  @inline(never)
  static func accumulate(
    bins: StrideTo<Int>, parts: Int, binWidth: Int, out: UnsafeCSRView, scores y: UnsafeMutableBufferPointer<Double>,
    contributions c: UnsafeMutableBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    destinations: UnsafeBufferPointer<UInt16>, segmentStarts: UnsafeBufferPointer<Int>,
    teleport: Double, alpha: Double, changes: PartResults<Double>
  ) {
    let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: binWidth)
    defer { sums.deallocate() }
    for bin in bins {
      let first = bin &* binWidth
      let width = min(binWidth, c.count &- first)
      sums.initialize(repeating: 0)
      for k in segmentStarts[bin &* parts]..<segmentStarts[(bin &+ 1) &* parts] {
        sums[Int(destinations[k])] += Double(values[k])
      }
      var change = 0.0
      for i in 0..<width {
        let v = first &+ i
        let value = teleport + alpha * sums[i]
        change += abs(value - y[v])
        y[v] = value
        let degree = out.offsets[v &+ 1] &- out.offsets[v]
        c[v] = degree > 0 ? Float(value / Double(degree)) : 0
      }
      changes.set(bin, change)
    }
  }
}

/// Where propagation blocking puts each edge: the sources cut into `parts` ranges, the
/// destinations into bins of `binWidth` nodes, one segment per (bin, part) in bin-major
/// order (a bin's segments are adjacent), and each entry's destination as its offset
/// inside the bin, in the order binning writes the contributions.
private struct BinLayout {
  let parts: Int
  let bins: Int
  let shift: Int
  /// `bins · parts + 1` entry indices: segment (bin, part) is
  /// `segmentStarts[bin · parts + part] ..< segmentStarts[bin · parts + part + 1]`.
  let segmentStarts: [Int]
  /// The destination of every binned entry, minus its bin's first node.
  let destinations: [UInt16]

  /// Counts each part's edges per bin, then writes the destinations, both in parallel by
  /// part. The second pass also sets the first contributions, `start / outDegree(u)`, and
  /// bins them into `values`, so the first iteration needs no binning pass of its own.
  /// - Complexity: two passes over the targets, O(n + m) time; O(bins · parts) scratch.
  init(
    out: UnsafeCSRView, binWidth: Int, threads: Int, start: Double,
    contributions: UnsafeMutableBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>
  ) {
    let n = out.offsets.count - 1
    let parts = max(1, min(64, n / 1024))
    let shift = binWidth.trailingZeroBitCount
    let bins = (n + binWidth - 1) >> shift
    self.parts = parts
    self.bins = bins
    self.shift = shift
    var starts = [Int](repeating: 0, count: bins * parts + 1)
    let view = UncheckedSendable(out)
    starts.withUnsafeMutableBufferPointer { starts in
      let shared = UncheckedSendable(starts)
      // Segment (bin, part)'s size goes one slot after its start, then a prefix sum.
      // Each part counts into its own array first: neighbouring slots belong to other parts.
      Parallel.forEach(parts: parts, threads: threads) { part in
        let out = view.value
        var counts = [Int](repeating: 0, count: bins)
        for u in Parallel.range(part, of: parts, count: n) {
          for k in out.offsets[u]..<out.offsets[u + 1] { counts[Int(out.targets[k]) >> shift] += 1 }
        }
        for bin in 0..<bins { shared.value[bin * parts + part + 1] = counts[bin] }
      }
      for i in 1..<starts.count { starts[i] += starts[i - 1] }
    }
    var destinations: [UInt16] = LargeArrays.uninitialized(count: out.targets.count)
    let mask = UInt32(binWidth - 1)
    destinations.withUnsafeMutableBufferPointer { destinations in
      starts.withUnsafeBufferPointer { starts in
        let shared = UncheckedSendable((destinations, starts, contributions, values))
        Parallel.forEach(parts: parts, threads: threads) { part in
          let (destinations, starts, contributions, values) = shared.value
          let out = view.value
          var cursor = (0..<bins).map { starts[$0 * parts + part] }
          for u in Parallel.range(part, of: parts, count: n) {
            let degree = out.offsets[u + 1] - out.offsets[u]
            let contribution = degree > 0 ? Float(start / Double(degree)) : 0
            contributions[u] = contribution
            for k in out.offsets[u]..<out.offsets[u + 1] {
              let v = out.targets[k]
              let bin = Int(v >> UInt32(shift))
              destinations[cursor[bin]] = UInt16(v & mask)
              values[cursor[bin]] = contribution
              cursor[bin] += 1
            }
          }
        }
      }
    }
    segmentStarts = starts
    self.destinations = destinations
  }
}
