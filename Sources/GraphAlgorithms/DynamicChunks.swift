import Atomics
import GraphCore

/// Dynamic scheduling of an index range, as OpenMP's `schedule(dynamic, chunk)`: workers
/// take consecutive chunks of indices from one shared counter until none is left, so a
/// thread that drew cheap nodes takes more of them (skewed degrees balance themselves).
/// Which worker runs which chunk depends on timing; use it only where the result does not
/// (or where the caller documents that it does).
enum DynamicChunks {
  /// The number of workers ``forEach(count:chunk:threads:_:)`` starts for `count` indices.
  static func workers(count: Int, chunk: Int, threads: Int) -> Int {
    max(1, min(threads, (count + chunk - 1) / chunk))
  }

  /// Runs `body(worker, range)` for every chunk `range` of `chunk` consecutive indices of
  /// `0..<count`, on ``workers(count:chunk:threads:)`` workers numbered from 0.
  /// - Complexity: the cost of the bodies plus one atomic increment per chunk.
  static func forEach(
    count: Int, chunk: Int, threads: Int, _ body: @Sendable (_ worker: Int, _ range: Range<Int>) -> Void
  ) {
    run(count: count, chunk: chunk, threads: threads) { worker, nextChunk in
      while let range = nextChunk() { body(worker, range) }
    }
  }

  /// The sum of `body(range)` over every chunk, scheduled as ``forEach(count:chunk:threads:_:)``.
  /// Each worker adds its chunks' values in a local and stores its total once, so workers
  /// share no cache line in the loop; the totals are added in worker order (for
  /// floating-point values, which chunks a worker drew depends on timing).
  /// - Complexity: as ``forEach(count:chunk:threads:_:)`` plus O(workers).
  static func sum<Value: AdditiveArithmetic & Sendable>(
    count: Int, chunk: Int, threads: Int, _ body: @Sendable (_ range: Range<Int>) -> Value
  ) -> Value {
    let totals = PartResults<Value>(count: workers(count: count, chunk: chunk, threads: threads))
    run(count: count, chunk: chunk, threads: threads) { worker, nextChunk in
      var total = Value.zero
      while let range = nextChunk() { total += body(range) }
      totals.set(worker, total)
    }
    return totals.values.reduce(.zero, +)
  }

  /// Starts ``workers(count:chunk:threads:)`` workers; each gets its number and a function
  /// that claims the next chunk (nil when none is left), and may do work of its own after
  /// its last chunk (BFS's parallel top-down step copies its finds out there).
  /// - Complexity: the cost of the workers plus one atomic increment per chunk claimed.
  static func run(
    count: Int, chunk: Int, threads: Int,
    _ worker: @Sendable (_ worker: Int, _ nextChunk: () -> Range<Int>?) -> Void
  ) {
    precondition(chunk > 0, "chunk must be positive")
    if count <= 0 { return }
    let chunks = (count + chunk - 1) / chunk
    let next = ManagedAtomic<Int>(0)
    Parallel.forEach(parts: workers(count: count, chunk: chunk, threads: threads), threads: threads) { index in
      worker(index) {
        let c = next.loadThenWrappingIncrement(ordering: .relaxed)
        guard c < chunks else { return nil }
        let lower = c * chunk
        return lower..<min(lower + chunk, count)
      }
    }
  }
}
