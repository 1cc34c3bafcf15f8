import Testing

@testable import GraphCore

@Suite struct RandomStreamTests {
  @Test func sameSeedSameSequence() {
    var a = RandomStream(seed: 12)
    var b = RandomStream(seed: 12)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
  }

  @Test func seedsAndStreamsDiffer() {
    var base = RandomStream(seed: 12)
    var otherSeed = RandomStream(seed: 13)
    var otherStream = RandomStream(seed: 12, stream: 1)
    let first = (0..<8).map { _ in base.next() }
    #expect((0..<8).map { _ in otherSeed.next() } != first)
    #expect((0..<8).map { _ in otherStream.next() } != first)
  }

  @Test func belowStaysBelowAndIsRoughlyUniform() {
    var random = RandomStream(seed: 3)
    var counts = [Int](repeating: 0, count: 10)
    let samples = 100_000
    for _ in 0..<samples {
      let value = random.below(10)
      #expect(value < 10)
      counts[Int(value)] += 1
    }
    // Each bucket: mean 10 000, sigma ≈ 95; allow 5 sigma.
    for count in counts { #expect(abs(count - samples / 10) < 475, "\(counts)") }
    #expect(random.below(1) == 0)
    let big = random.below(UInt64.max)
    #expect(big < UInt64.max)
  }

  @Test func unitIsInTheUnitInterval() {
    var random = RandomStream(seed: 8)
    var sum = 0.0
    for _ in 0..<10_000 {
      let u = random.unit()
      #expect(u >= 0 && u < 1)
      sum += u
    }
    #expect(abs(sum / 10_000 - 0.5) < 0.015)  // sigma ≈ 0.0029
  }
}
