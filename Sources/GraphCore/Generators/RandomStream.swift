/// A small, fast, seedable random number generator (SplitMix64, Steele, Lea and Flood 2014).
///
/// Generators split their work into fixed blocks and give block `b` the stream
/// `RandomStream(seed: seed, stream: b)`, so the output depends on the seed only, never on
/// the number of threads.
public struct RandomStream: RandomNumberGenerator, Sendable {
  @usableFromInline var state: UInt64

  /// A generator for `stream` of `seed`; different streams are statistically independent.
  public init(seed: UInt64, stream: UInt64 = 0) {
    state = RandomStream.mix(seed &+ RandomStream.mix(stream &+ 0x632B_E59B_D9B4_E019))
  }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return RandomStream.mix(state)
  }

  @inlinable
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in `[0, 1)` with 53 random bits.
  @inlinable
  public mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, unbiased).
  @inlinable
  public mutating func below(_ bound: UInt64) -> UInt64 {
    precondition(bound > 0, "bound must be positive")
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return product.high
  }
}
