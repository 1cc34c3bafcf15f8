import Testing

@testable import GraphCore

@Suite struct ParallelTests {
  @Test(arguments: [0, 1, 7, 100, 65_537])
  func rangesPartitionTheCount(count: Int) {
    for parts in [1, 2, 3, 8] {
      var next = 0
      for part in 0..<parts {
        let range = Parallel.range(part, of: parts, count: count)
        #expect(range.lowerBound == next)
        #expect(range.count >= count / parts && range.count <= count / parts + 1)
        next = range.upperBound
      }
      #expect(next == count)
    }
  }

  @Test(arguments: [0, 1, 5, 64])
  func forEachRunsEveryPartOnce(parts: Int) {
    for threads in [1, 2, 4, 100] {
      let results = PartResults<Int>(count: parts)
      Parallel.forEach(parts: parts, threads: threads) { part in results.set(part, part * part) }
      #expect(results.values == (0..<parts).map { $0 * $0 }, "threads \(threads)")
    }
  }

  @Test func availableCoresIsPositive() {
    #expect(Parallel.availableCores >= 1)
  }

  @Test func durationSeconds() {
    #expect(Duration.milliseconds(1500).seconds == 1.5)
    #expect(Duration.seconds(0).seconds == 0)
  }
}
