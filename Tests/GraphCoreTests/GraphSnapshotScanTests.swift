import Foundation
import Testing

@testable import GraphCore

/// The single pass that reads, hashes and checks a snapshot's targets, on graphs large
/// enough for several 4 MiB checksum blocks (1,048,576 entries each) and many 256 KiB
/// pieces, with damage placed at block and piece boundaries, where the pass has to join
/// what two workers or two reads saw.
@Suite struct GraphSnapshotScanTests {
  static let n = 1500
  static let degree = 1000
  static let blockEntries = 1 << 20
  static let pieceEntries = 1 << 16

  /// A circulant graph: row `u` holds `u ± d (mod n)` for d in 1...500, sorted, so
  /// 1,500,000 entries, symmetric and loop-free. Returns (offsets, targets).
  static func circulant() -> ([Int], [UInt32]) {
    var targets: [UInt32] = []
    targets.reserveCapacity(n * degree)
    var offsets = [0]
    for u in 0..<n {
      var row: [UInt32] = []
      for d in 1...(degree / 2) {
        row.append(UInt32((u + d) % n))
        row.append(UInt32((u - d + n) % n))
      }
      targets.append(contentsOf: row.sorted())
      offsets.append(targets.count)
    }
    return (offsets, targets)
  }

  /// Writes `graph` and reads it back with `threads` threads, or returns the error.
  func reread(_ graph: CSRGraph, threads: Int) throws -> Result<LabeledGraph, InputError> {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("g.bin")
      try GraphSnapshot.write(LabeledGraph(graph: graph), to: path, threads: 1)
      do { return .success(try GraphSnapshot.read(path: path, threads: threads)) } catch let error as InputError {
        #expect(error.file == path)
        return .failure(error)
      }
    }
  }

  /// The errors from reading `graph` back with 1 and with 3 threads. Both must fail; which
  /// edge a symmetry error names may depend on the thread count (each part reports the
  /// first problem it meets), so callers check the field and the kind of message.
  func errors(_ graph: CSRGraph) throws -> [InputError] {
    var found: [InputError] = []
    for threads in [1, 3] {
      if case .failure(let error) = try reread(graph, threads: threads) {
        found.append(error)
      } else {
        Issue.record("a damaged graph loaded with \(threads) thread(s)")
      }
    }
    return found
  }

  /// Expects every error of ``errors(_:)`` in `field` with a message containing `phrase`.
  func expectRefused(_ graph: CSRGraph, field: String, saying phrase: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let found = try errors(graph)
    #expect(found.count == 2, sourceLocation: sourceLocation)
    for error in found {
      #expect(error.field == field, sourceLocation: sourceLocation)
      #expect(error.message.contains(phrase), "\(error.message)", sourceLocation: sourceLocation)
    }
  }

  @Test func validGraphsRoundTripWhateverTheThreads() throws {
    let (offsets, targets) = Self.circulant()
    #expect(targets.count > Self.blockEntries)
    for directed in [false, true] {
      let g = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: directed)
      for threads in [1, 2, 3] {
        let back = try reread(g, threads: threads).get()
        #expect(back.graph == g, "directed \(directed), \(threads) threads")
      }
    }
  }

  @Test func descentsAtBlockAndPieceBoundaries() throws {
    let (offsets, base) = Self.circulant()
    // Entry k and k - 1 in the same row (k is not a multiple of the degree) swapped.
    for k in [Self.blockEntries, Self.pieceEntries, 3 * Self.pieceEntries, Self.blockEntries + 1] {
      #expect(k % Self.degree != 0)
      var targets = base
      targets.swapAt(k - 1, k)
      let broken = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: true)
      try expectRefused(broken, field: "payload.csr", saying: "not sorted")
    }
  }

  @Test func descentAcrossARowEndIsFine() throws {
    // Row 1048 ends at entry 1,049,000; a row start below the previous row's end is sorted.
    let (offsets, targets) = Self.circulant()
    let k = 1_049_000
    #expect(offsets.contains(k) && targets[k] < targets[k - 1])
    let g = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: true)
    #expect(try reread(g, threads: 2).get().graph == g)
  }

  @Test func targetOutOfRangeInALaterBlock() throws {
    let (offsets, base) = Self.circulant()
    var targets = base
    // The last entry of the last row: raising it keeps the row sorted.
    targets[targets.count - 1] = UInt32(Self.n + 5)
    try expectRefused(
      CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: true), field: "payload.csr", saying: "\(Self.n + 5)")
  }

  @Test func selfLoopInALaterBlockAndAsymmetry() throws {
    let (offsets, base) = Self.circulant()
    var targets = base
    // Row 1400 (entries from 1,400,000): its 1401 becomes 1400, still sorted; a loop.
    let row = 1400
    let slice = offsets[row]..<offsets[row + 1]
    let k = try #require(slice.first { targets[$0] == UInt32(row + 1) })
    targets[k] = UInt32(row)
    let directed = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: true)
    #expect(directed.selfLoopCount == 1)
    let back = try reread(directed, threads: 3).get()
    #expect(back.graph == directed && back.graph.selfLoopCount == 1)
    // Undirected (an odd loop count would fail the header's count first): row 1400 holds
    // 0…400, 900…1399, 1401…1499; its 400 becomes 500, still sorted and loop-free, so
    // 1400 → 500 has no mirror and 400 → 1400 has lost its own.
    var asymmetric = base
    let j = try #require(slice.first { asymmetric[$0] == 400 })
    #expect(asymmetric[j + 1] == 900)
    asymmetric[j] = 500
    let undirected = CSRGraph(uncheckedOffsets: offsets, targets: asymmetric, isDirected: false)
    try expectRefused(undirected, field: "payload.csr", saying: "not symmetric")
  }

  @Test func sectionsOfAnyLengthLoadSoTheScanHashesAsTheWriter() throws {
    // The writer hashes the whole array, the reader piece by piece: a mismatch would be a
    // checksum error on a valid file.
    let (_, targets) = Self.circulant()
    for count in [0, 1, 7, 8, 9, Self.pieceEntries + 3, Self.blockEntries, Self.blockEntries + 5] {
      let row = Array(targets[0..<count]).sorted()
      let offsets = [0, count] + [Int](repeating: count, count: Self.n - 1)
      let g = CSRGraph(uncheckedOffsets: offsets, targets: row, isDirected: true)
      #expect(try reread(g, threads: 2).get().graph == g, "\(count) entries")
    }
  }

  /// Hashes of the block hash before it could be taken in pieces (the format's checksum:
  /// snapshots written then must keep loading).
  static let pinnedBlockHashes: [Int: UInt64] = [
    0: 0x79fa_5193_fad2_79db, 5: 0xaa96_feea_eb0e_9b9a, 31: 0x419f_8e28_2a97_c473, 32: 0x304e_75cc_a1a8_ee68,
    33: 0x87ab_2c8d_da93_94c3, 64: 0xb6e2_39fa_dc5c_7754, 100: 0xa247_6fc4_9728_20f3, 999: 0x299f_d641_33cb_831c,
    1000: 0xf5d1_99d2_aa39_2f75,
  ]

  @Test func checksumsAreThoseOfTheFormat() {
    let big = (0..<(9 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ ($0 >> 9)) }
    #expect(Checksum.of(big, threads: 2) == 0x929c_a492_f5fa_5a4d)
    #expect(Checksum.of(big, threads: 1) == 0x929c_a492_f5fa_5a4d)
  }

  @Test func blockHasherInPiecesEqualsOneCall() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    bytes.withUnsafeBytes { all in
      for (length, pinned) in Self.pinnedBlockHashes {
        #expect(Checksum.hashBlock(UnsafeRawBufferPointer(rebasing: all[0..<length]), seed: 9) == pinned, "\(length)")
        for piece in [32, 64, 96] {
          var hasher = Checksum.BlockHasher(seed: 9)
          let stripes = length & ~31
          var start = 0
          while start < stripes {
            let end = min(start + piece, stripes)
            hasher.absorb(UnsafeRawBufferPointer(rebasing: all[start..<end]))
            start = end
          }
          let pieces = hasher.finish(tail: UnsafeRawBufferPointer(rebasing: all[stripes..<length]))
          #expect(pieces == Checksum.hashBlock(UnsafeRawBufferPointer(rebasing: all[0..<length]), seed: 9), "\(length), \(piece)")
        }
      }
    }
  }
}
