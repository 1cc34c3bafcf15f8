extension GraphSnapshot {
  /// What the single pass over a snapshot's targets section found while reading it.
  struct TargetsScan {
    /// The section's ``Checksum`` (the same value as `Checksum.of(targets)`).
    var checksum: UInt64
    /// The largest target, 0 for an empty section.
    var maximum: UInt32
    /// Entries smaller than the entry before them in the same row (0 for sorted rows).
    var descents: Int
    /// Entries `v` in row `v`.
    var selfLoops: Int
    /// ``CSRGraph/asymmetryFingerprint(threads:key:)`` of the unweighted, untyped entries,
    /// when the pass was asked for it.
    var fingerprint: UInt64?

    /// The first broken invariant of the targets that memory safety depends on, or `nil`.
    func problem(nodeCount n: Int, entryCount m: Int) -> String? {
      if m > 0 && Int(maximum) >= n { return "a target is \(maximum), but there are \(n) nodes" }
      if descents > 0 { return "a row is not sorted" }
      return nil
    }
  }

  /// Entries read, hashed and checked at a time by one worker: small enough to stay in its
  /// cache between the read and the checks.
  static let scanPieceBytes = 256 << 10

  /// Reads the targets section (`m` entries at byte `offset`) and, in the same pass while
  /// each piece is in cache, computes its checksum, largest target, row-order descents,
  /// self-loops and, with `fingerprintKey`, the asymmetry fingerprint. Loading K18 this
  /// way reads the targets once instead of four times (read, checksum, structure and
  /// self-loops, fingerprint).
  ///
  /// Work is split by checksum block (``Checksum`` hashes 4 MiB blocks independently), so
  /// every value is the same whatever the thread count.
  /// - Precondition: `offsets` are valid for `m` entries: `offsets[0] == 0`, never
  ///   decreasing, `offsets[n] == m` (``offsetsProblem(_:entryCount:)`` is `nil`).
  /// - Complexity: O(m) time on `threads` threads, one binary search over `offsets` per
  ///   4 MiB block; O(m) memory for the result.
  static func readTargets(
    _ file: InputFile, at offset: Int, count m: Int, offsets: [Int], fingerprintKey: UInt64?, threads: Int
  ) throws -> ([UInt32], TargetsScan) {
    let length = m * MemoryLayout<UInt32>.stride
    let blockEntries = Checksum.blockBytes / MemoryLayout<UInt32>.stride
    let blocks = max(1, (m + blockEntries - 1) / blockEntries)
    let found = PartResults<BlockScan>(count: blocks)
    let failures = PartResults<InputError>(count: blocks)
    let targets = try [UInt32](unsafeUninitializedCapacity: m) { buffer, initialized in
      LargeArrays.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      try offsets.withUnsafeBufferPointer { off in
        let shared = UncheckedSendable((file, buffer, off))
        Parallel.forEach(parts: blocks, threads: threads) { block in
          let (file, t, off) = shared.value
          let entries = min(block * blockEntries, m)..<min((block + 1) * blockEntries, m)
          do {
            found.set(
              block,
              try scanBlock(
                file, at: offset, entries: entries, seed: UInt64(block), targets: t, offsets: off,
                fingerprintKey: fingerprintKey))
          } catch {
            failures.set(block, error as? InputError ?? InputError(file: file.path, "\(error)"))
          }
        }
        if let failure = failures.values.first { throw failure }
        initialized = m
      }
    }
    let results = found.values
    var scan = TargetsScan(
      checksum: Checksum.fold(results.map(\.hash), length: length),
      maximum: results.map(\.maximum).max() ?? 0,
      descents: results.reduce(0) { $0 + $1.descents },
      selfLoops: results.reduce(0) { $0 + $1.selfLoops },
      fingerprint: fingerprintKey.map { _ in results.reduce(0) { $0 &+ $1.fingerprint } })
    // A block's first entry was not compared with the entry before it (another block's).
    for block in 1..<blocks {
      let k = block * blockEntries
      if k < m && rowStart(of: k, offsets: offsets) < k && targets[k] < targets[k - 1] { scan.descents += 1 }
    }
    return (targets, scan)
  }

  /// One checksum block's share of ``TargetsScan``.
  struct BlockScan {
    var hash: UInt64
    var maximum: UInt32 = 0
    var descents = 0
    var selfLoops = 0
    var fingerprint: UInt64 = 0
  }

  /// Reads the block `entries` piece by piece into `targets` and scans each piece at once.
  /// Invariant: the offsets are valid (precondition of ``readTargets``), so the row walk
  /// stays within `offsets` and every row it visits ends at or after the entry it is at.
  private static func scanBlock(
    _ file: InputFile, at offset: Int, entries: Range<Int>, seed: UInt64, targets t: UnsafeMutableBufferPointer<UInt32>,
    offsets off: UnsafeBufferPointer<Int>, fingerprintKey: UInt64?
  ) throws -> BlockScan {
    let stride = MemoryLayout<UInt32>.stride
    var hasher = Checksum.BlockHasher(seed: seed)
    var scan = BlockScan(hash: 0)
    let pieceEntries = scanPieceBytes / stride
    let keys = fingerprintKey.map(AsymmetryKeys.init)
    var u = entries.isEmpty ? 0 : RowSearch.row(holding: entries.lowerBound, offsets: off)
    var k = entries.lowerBound
    while k < entries.upperBound {
      let pieceEnd = min(k + pieceEntries, entries.upperBound)
      let bytes = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(t)[(k * stride)..<(pieceEnd * stride)])
      try file.read(into: bytes.baseAddress!, count: bytes.count, at: offset + k * stride)
      let stripes = bytes.count & ~31
      hasher.absorb(UnsafeRawBufferPointer(rebasing: bytes[0..<stripes]))
      if pieceEnd == entries.upperBound {
        scan.hash = hasher.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[stripes...]))
      } else {
        precondition(stripes == bytes.count, "pieces inside a block are whole stripes")
      }
      while k < pieceEnd {
        while off[u &+ 1] <= k { u &+= 1 }
        let end = min(off[u &+ 1], pieceEnd)
        // The first entry of a row, or of the block, has nothing before it to compare with.
        var previous = k > off[u] && k > entries.lowerBound ? t[k &- 1] : 0
        let row = UInt32(truncatingIfNeeded: u)
        var maximum = scan.maximum
        var descents = 0
        var loops = 0
        if let keys {
          var sumF: UInt64 = 0
          var sumG: UInt64 = 0
          while k < end {
            let b = t[k]
            maximum = max(maximum, b)
            descents &+= b < previous ? 1 : 0
            loops &+= b == row ? 1 : 0
            sumF &+= keys.f(b)
            sumG &+= keys.g(b)
            previous = b
            k &+= 1
          }
          scan.fingerprint &+= keys.rowTerm(row, sumF: sumF, sumG: sumG)
        } else {
          while k < end {
            let b = t[k]
            maximum = max(maximum, b)
            descents &+= b < previous ? 1 : 0
            loops &+= b == row ? 1 : 0
            previous = b
            k &+= 1
          }
        }
        scan.maximum = maximum
        scan.descents &+= descents
        scan.selfLoops &+= loops
      }
    }
    if entries.isEmpty { scan.hash = hasher.finish(tail: UnsafeRawBufferPointer(start: nil, count: 0)) }
    return scan
  }

  /// Where the row holding entry `k` starts.
  private static func rowStart(of k: Int, offsets: [Int]) -> Int {
    offsets.withUnsafeBufferPointer { $0[RowSearch.row(holding: k, offsets: $0)] }
  }

  /// The first broken invariant of the offsets, or `nil`: they start at 0, never decrease
  /// and end at the entry count `m`.
  /// - Complexity: O(n), one vectorised pass.
  static func offsetsProblem(_ offsets: [Int], entryCount m: Int) -> String? {
    let n = offsets.count - 1
    guard offsets[0] == 0 else { return "offsets[0] is \(offsets[0]), expected 0" }
    guard offsets[n] == m else { return "offsets[\(n)] is \(offsets[n]), expected \(m)" }
    var decreasing = 0
    offsets.withUnsafeBufferPointer { off in
      for v in 0..<n { decreasing &+= off[v + 1] < off[v] ? 1 : 0 }
    }
    return decreasing == 0 ? nil : "offsets decrease \(decreasing) time(s)"
  }
}
