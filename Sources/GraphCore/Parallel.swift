import Dispatch
import Foundation

/// Helpers for running index ranges on several threads.
///
/// Work is always split into a fixed number of parts chosen by the caller, so that
/// results that depend on the split (per-part scratch buffers, per-part random
/// streams) are the same whatever the machine; only the number of threads running
/// the parts changes.
public enum Parallel {
  /// The number of cores this process may use.
  public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Runs `body(part)` for every `part` in `0..<parts`, on up to `threads` threads.
  ///
  /// With `threads <= 1` or a single part the calls run in order on the calling thread.
  /// - Complexity: the cost of the bodies plus O(parts) scheduling.
  @inlinable
  public static func forEach(parts: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    precondition(parts >= 0, "parts must be non-negative")
    if parts == 0 { return }
    if threads <= 1 || parts == 1 {
      for part in 0..<parts { body(part) }
      return
    }
    if threads >= parts {
      DispatchQueue.concurrentPerform(iterations: parts, execute: body)
      return
    }
    // More parts than threads: each worker takes parts round-robin.
    let workers = threads
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var part = worker
      while part < parts {
        body(part)
        part += workers
      }
    }
  }

  /// Whether kernels split work below their parallel thresholds too. Kernels run small
  /// inputs on one thread (dispatch would cost more than it saves); tests set this for a
  /// task so that small reference graphs go through the multi-threaded code paths.
  @TaskLocal package static var splitsSmallWork = false

  /// Whether a kernel should split work of `size` whose parallel threshold is `threshold`:
  /// `size ≥ threshold`, or always while ``splitsSmallWork`` is set.
  package static func worthSplitting(_ size: Int, threshold: Int) -> Bool {
    size >= threshold || splitsSmallWork
  }

  /// Splits `0..<count` into `parts` contiguous, nearly equal ranges and returns range `part`.
  @inlinable
  public static func range(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
    let lower = Int((Int64(count) * Int64(part)) / Int64(parts))
    let upper = Int((Int64(count) * Int64(part + 1)) / Int64(parts))
    return lower..<upper
  }
}

/// Wraps a value that is shared across threads where the caller guarantees that
/// the threads touch disjoint parts of it (raw buffers written at disjoint indices).
public struct UncheckedSendable<Value>: @unchecked Sendable {
  public var value: Value
  @inlinable public init(_ value: Value) { self.value = value }
}

/// A fixed-size array of per-part results, written by parallel parts at disjoint indices.
public final class PartResults<Element>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<Element?>
  public init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }
  deinit {
    storage.deinitialize()
    storage.deallocate()
  }
  /// Stores the result of one part. Each index must be written by one part only.
  public func set(_ index: Int, _ value: Element) { storage[index] = value }
  /// The result of part `index`, if it stored one.
  public subscript(index: Int) -> Element? { storage[index] }
  /// The stored results, in part order; parts that stored nothing are absent.
  public var values: [Element] { storage.compactMap { $0 } }
}
