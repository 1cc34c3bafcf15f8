import GraphCore

/// Splits `0..<count` into contiguous ranges run on `threads` threads; results are merged
/// in range order, so output never depends on the thread count.
enum ParallelLoop {
  static func run<T>(
    count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> T, merge: (T) -> Void
  ) {
    let parts = max(1, min(threads, count))
    guard parts > 1 else {
      merge(body(0..<count))
      return
    }
    let results = PartResults<T>(count: parts)
    Parallel.forEach(parts: parts, threads: parts) { part in
      let range = Parallel.range(part, of: parts, count: count)
      results.set(part, body(range))
    }
    for part in 0..<parts { merge(results[part]!) }
  }
}
