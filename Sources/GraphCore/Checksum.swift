/// A fast 64-bit checksum for snapshot sections.
///
/// The bytes are cut into 4 MiB blocks; each block is hashed by four independent
/// multiply–rotate lanes over 32-byte stripes (so it runs near memory speed), and the block
/// hashes are folded in order with the length. Blocks are hashed in parallel, and the
/// result does not depend on the thread count. It detects corruption, not tampering.
public enum Checksum {
  static let blockBytes = 4 << 20
  @usableFromInline static let prime1: UInt64 = 0x9E37_79B9_7F4A_7C15
  @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

  /// The checksum of `bytes`.
  /// - Complexity: O(bytes / threads).
  public static func of(_ bytes: UnsafeRawBufferPointer, threads: Int = Parallel.availableCores) -> UInt64 {
    let blocks = (bytes.count + blockBytes - 1) / blockBytes
    if blocks <= 1 { return fold([hashBlock(bytes, seed: 0)], length: bytes.count) }
    let hashes = PartResults<UInt64>(count: blocks)
    let shared = UncheckedSendable(bytes)
    Parallel.forEach(parts: blocks, threads: threads) { block in
      let start = block * blockBytes
      let end = min(start + blockBytes, shared.value.count)
      hashes.set(block, hashBlock(UnsafeRawBufferPointer(rebasing: shared.value[start..<end]), seed: UInt64(block)))
    }
    return fold(hashes.values, length: bytes.count)
  }

  /// The checksum of an array's element bytes.
  public static func of<T>(_ array: [T], threads: Int = Parallel.availableCores) -> UInt64 {
    array.withUnsafeBytes { of($0, threads: threads) }
  }

  /// Combines checksums in order.
  public static func combine(_ parts: [UInt64]) -> UInt64 {
    fold(parts, length: parts.count)
  }

  @inline(__always)
  static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

  @inline(__always)
  static func avalanche(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* prime2
    h ^= h >> 29
    h = h &* prime3
    h ^= h >> 32
    return h
  }

  static func hashBlock(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    var hasher = BlockHasher(seed: seed)
    let stripes = bytes.count & ~31
    hasher.absorb(UnsafeRawBufferPointer(rebasing: bytes[0..<stripes]))
    return hasher.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[stripes...]))
  }

  /// One block's hash taken in pieces, so a block can be hashed as it arrives (read a slice,
  /// hash it while it is in cache): the same value as hashing the block in one call.
  struct BlockHasher {
    var a: UInt64
    var b: UInt64
    var c: UInt64
    var d: UInt64
    /// Bytes absorbed so far.
    var length = 0

    init(seed: UInt64) {
      a = seed &+ prime1 &+ prime2
      b = seed &+ prime2
      c = seed
      d = seed &- prime1
    }

    /// Takes `bytes`, whose count must be a multiple of 32 (whole stripes).
    /// - Complexity: O(bytes), four independent lanes.
    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
      precondition(bytes.count & 31 == 0, "absorb takes whole 32-byte stripes")
      guard let base = bytes.baseAddress else { return }
      var (a, b, c, d) = (self.a, self.b, self.c, self.d)
      var i = 0
      let n = bytes.count
      while i + 32 <= n {
        a = rotate(a &+ base.loadUnaligned(fromByteOffset: i, as: UInt64.self) &* prime2, 31) &* prime1
        b = rotate(b &+ base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) &* prime2, 31) &* prime1
        c = rotate(c &+ base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) &* prime2, 31) &* prime1
        d = rotate(d &+ base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self) &* prime2, 31) &* prime1
        i += 32
      }
      (self.a, self.b, self.c, self.d) = (a, b, c, d)
      length += n
    }

    /// The block's hash, given its last `tail.count < 32` bytes.
    func finish(tail: UnsafeRawBufferPointer) -> UInt64 {
      precondition(tail.count < 32, "the tail is less than a stripe")
      let n = length + tail.count
      var h = rotate(a, 1) &+ rotate(b, 7) &+ rotate(c, 12) &+ rotate(d, 18)
      h = h ^ UInt64(n) &* prime3
      var i = 0
      while i + 8 <= tail.count {
        h = rotate(h ^ (tail.loadUnaligned(fromByteOffset: i, as: UInt64.self) &* prime2), 27) &* prime1 &+ prime3
        i += 8
      }
      while i < tail.count {
        h = rotate(h ^ (UInt64(tail[i]) &* prime1), 11) &* prime2
        i += 1
      }
      return avalanche(h)
    }
  }

  static func fold(_ hashes: [UInt64], length: Int) -> UInt64 {
    var h = prime3 ^ UInt64(truncatingIfNeeded: length)
    for value in hashes { h = rotate(h ^ (value &* prime2), 29) &* prime1 }
    return avalanche(h)
  }
}
