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
    precondition(chunk > 0, "chunk must be positive")
    if count <= 0 { return }
    let chunks = (count + chunk - 1) / chunk
    let workers = workers(count: count, chunk: chunk, threads: threads)
    let next = ManagedAtomic<Int>(0)
    Parallel.forEach(parts: workers, threads: threads) { worker in
      while true {
        let c = next.loadThenWrappingIncrement(ordering: .relaxed)
        if c >= chunks { return }
        let lower = c * chunk
        body(worker, lower..<min(lower + chunk, count))
      }
    }
  }
}
