import Testing

@testable import GraphCore

@Suite struct ChecksumTests {
  /// `count` pseudo-random bytes.
  static func randomBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var random = RandomStream(seed: seed)
    var words = [UInt64](repeating: 0, count: (count + 7) / 8)
    for k in words.indices { words[k] = random.next() }
    return words.withUnsafeBytes { Array($0.prefix(count)) }
  }

  @Test func deterministic() {
    let bytes = Self.randomBytes(10_000)
    #expect(Checksum.of(bytes, threads: 1) == Checksum.of(bytes, threads: 1))
    #expect(Checksum.of(bytes, threads: 1) == Checksum.of(Array(bytes), threads: 3))
  }

  @Test(arguments: [0, 1, 31, 32, 33, 100, 9_999])
  func oneBitChangeChangesTheChecksum(position: Int) {
    let bytes = Self.randomBytes(10_000)
    let reference = Checksum.of(bytes, threads: 1)
    for bit in [0, 3, 7] {
      var changed = bytes
      changed[position] ^= UInt8(1 << bit)
      #expect(Checksum.of(changed, threads: 1) != reference, "byte \(position) bit \(bit)")
    }
  }

  @Test func smallInputsAllDiffer() {
    // Every length 0...64 of zeros and every single-byte value give distinct checksums.
    var seen = Set<UInt64>()
    for length in 0...64 { seen.insert(Checksum.of([UInt8](repeating: 0, count: length), threads: 1)) }
    #expect(seen.count == 65)
    var single = Set<UInt64>()
    for value in 0...255 { single.insert(Checksum.of([UInt8(value)], threads: 1)) }
    #expect(single.count == 256)
  }

  @Test func typedArraysHashTheirBytes() {
    let words: [UInt32] = [1, 2, 3]
    let bytes: [UInt8] = [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]
    #expect(Checksum.of(words, threads: 1) == Checksum.of(bytes, threads: 1))
  }

  @Test func multiBlockBufferIsIndependentOfThreads() {
    // Over 8 MiB: three 4 MiB blocks, hashed in parallel.
    let bytes = Self.randomBytes((8 << 20) + 12_345, seed: 9)
    let one = Checksum.of(bytes, threads: 1)
    #expect(Checksum.of(bytes, threads: 2) == one)
    #expect(Checksum.of(bytes, threads: 4) == one)
    #expect(Checksum.of(bytes, threads: 16) == one)
    // A flipped bit in the last block, or swapping two blocks, changes it.
    var changed = bytes
    changed[changed.count - 1] ^= 1
    #expect(Checksum.of(changed, threads: 4) != one)
    var swapped = bytes
    let block = 4 << 20
    for k in 0..<block { swapped.swapAt(k, k + block) }
    #expect(Checksum.of(swapped, threads: 4) != one)
  }

  @Test func combineDependsOnOrderAndCount() {
    let a = Checksum.combine([1, 2, 3])
    #expect(a == Checksum.combine([1, 2, 3]))
    #expect(a != Checksum.combine([3, 2, 1]))
    #expect(a != Checksum.combine([1, 2]))
    #expect(Checksum.combine([]) != Checksum.combine([0]))
  }
}
