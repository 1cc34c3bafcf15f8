import Foundation
import Testing

@testable import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct StochasticBlockModelGeneratorTests {
  @Test func twoCliques() throws {
    let g = StochasticBlockModelGenerator.generate(sizes: [50, 50], probabilities: [[1, 0], [0, 1]], seed: 1, threads: 2)
    #expect(g.nodeCount == 100)
    #expect(g.edgeCount == 2 * 1225)
    try g.checkInvariants()
    for u in 0..<UInt32(100) {
      let block = u < 50 ? UInt32(0)..<50 : 50..<100
      #expect(g.neighbors(of: u).allSatisfy { block.contains($0) })
      #expect(g.degree(of: u) == 49)
    }
  }

  @Test func completeBipartite() throws {
    let g = StochasticBlockModelGenerator.generate(sizes: [3, 4], probabilities: [[0, 1], [1, 0]], seed: 1, threads: 1)
    #expect(g.edgeCount == 12)
    #expect(rows(g)[0] == [3, 4, 5, 6])
    #expect(rows(g)[6] == [0, 1, 2])
  }

  @Test func edgeCountsMatchTheProbabilities() throws {
    let g = StochasticBlockModelGenerator.generate(
      sizes: [50, 50], probabilities: [[0.3, 0.01], [0.01, 0.3]], seed: 11, threads: 2)
    var inside = 0
    var across = 0
    for u in 0..<UInt32(100) {
      for v in g.neighbors(of: u) where v > u {
        if (u < 50) == (v < 50) { inside += 1 } else { across += 1 }
      }
    }
    // Inside: 2450 pairs at 0.3 → mean 735, sigma ≈ 22.7. Across: 2500 at 0.01 → 25, sigma ≈ 5.
    #expect(abs(Double(inside) - 735) < 5 * 22.7, "inside \(inside)")
    #expect(abs(Double(across) - 25) < 5 * 4.98, "across \(across)")
    #expect(inside + across == g.edgeCount)
    try g.checkInvariants()
  }

  @Test func largerSparseModelMatchesItsMean() {
    // 3 blocks of 400: inside 3 · 79 800 pairs at 0.02, across 3 · 160 000 at 0.001.
    let p: [[Double]] = [[0.02, 0.001, 0.001], [0.001, 0.02, 0.001], [0.001, 0.001, 0.02]]
    let g = StochasticBlockModelGenerator.generate(sizes: [400, 400, 400], probabilities: p, seed: 2, threads: 2)
    let mean = 3 * 79_800 * 0.02 + 3 * 160_000 * 0.001
    let sigma = (3 * 79_800 * 0.02 * 0.98 + 3 * 160_000 * 0.001 * 0.999).squareRoot()
    #expect(abs(Double(g.edgeCount) - mean) < 5 * sigma, "\(g.edgeCount) vs \(mean)")
  }

  @Test func independentOfThreadsAndDeterministic() {
    let p: [[Double]] = [[0.2, 0.05, 0], [0.05, 0.5, 0.1], [0, 0.1, 0.9]]
    let one = StochasticBlockModelGenerator.generate(sizes: [30, 40, 20], probabilities: p, seed: 3, threads: 1)
    let four = StochasticBlockModelGenerator.generate(sizes: [30, 40, 20], probabilities: p, seed: 3, threads: 4)
    let other = StochasticBlockModelGenerator.generate(sizes: [30, 40, 20], probabilities: p, seed: 4, threads: 4)
    #expect(one == four)
    #expect(one != other)
  }

  @Test func emptyBlocksAndZeroProbabilities() throws {
    let g = StochasticBlockModelGenerator.generate(sizes: [0, 5, 0], probabilities: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], seed: 1, threads: 1)
    #expect(g.nodeCount == 5)
    #expect(g.edgeCount == 10)
    let none = StochasticBlockModelGenerator.generate(sizes: [10], probabilities: [[0]], seed: 1, threads: 1)
    #expect(none.edgeCount == 0)
    #expect(none.nodeCount == 10)
    let single = StochasticBlockModelGenerator.generate(sizes: [1, 1], probabilities: [[1, 1], [1, 1]], seed: 1, threads: 1)
    #expect(single.edgeCount == 1)
  }

  @Test func triangularPairIsABijection() {
    for k in [2, 3, 10, 200] {
      var seen = Set<[Int]>()
      for index in 0..<(k * (k - 1) / 2) {
        let (u, v) = StochasticBlockModelGenerator.triangularPair(index)
        #expect(u >= 0 && u < v && v < k, "index \(index) → (\(u), \(v))")
        seen.insert([u, v])
      }
      #expect(seen.count == k * (k - 1) / 2)
    }
    #expect(StochasticBlockModelGenerator.triangularPair(0) == (0, 1))
    #expect(StochasticBlockModelGenerator.triangularPair(1) == (0, 2))
    #expect(StochasticBlockModelGenerator.triangularPair(2) == (1, 2))
    #expect(StochasticBlockModelGenerator.triangularPair(3) == (0, 3))
  }

  @Test func triangularPairForLargeIndices() {
    // Up to about 2^62 pairs, where the floating-point square root needs the correction loops.
    for v in [1_000_000, 1_482_910, 3_000_000_000] {
      let base = v * (v - 1) / 2
      #expect(StochasticBlockModelGenerator.triangularPair(base) == (0, v))
      #expect(StochasticBlockModelGenerator.triangularPair(base + v - 1) == (v - 1, v))
      #expect(StochasticBlockModelGenerator.triangularPair(base - 1) == (v - 2, v - 1))
    }
  }

  @Test
  func tinyProbabilityIsNotACrash() async {
    await #expect(processExitsWith: .success) {
      let g = StochasticBlockModelGenerator.generate(
        sizes: [100, 100], probabilities: [[0.1, 1e-17], [1e-17, 0.1]], seed: 1, threads: 1)
      exit(g.nodeCount == 200 ? 0 : 1)
    }
  }
}
