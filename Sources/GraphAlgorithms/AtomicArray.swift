import Atomics
import GraphCore

/// A fixed-size array of `UInt32` with atomic element operations, for parallel kernels
/// that update shared per-node state (union–find links, degree counters).
final class AtomicUInt32Array: @unchecked Sendable {
  typealias Storage = UnsafeAtomic<UInt32>.Storage
  let count: Int
  private let storage: UnsafeMutablePointer<Storage>

  /// An array whose element `i` is `initial(i)`.
  init(count: Int, initial: (Int) -> UInt32) {
    self.count = count
    storage = .allocate(capacity: max(count, 1))
    for i in 0..<count { (storage + i).initialize(to: Storage(initial(i))) }
  }

  /// An array whose element `i` is `initial(i)`, filled in parallel parts on `threads`
  /// threads when `count` is large enough to repay it.
  /// - Complexity: O(count) work.
  init(count: Int, threads: Int, initial: @Sendable (Int) -> UInt32) {
    self.count = count
    let storage = UnsafeMutablePointer<Storage>.allocate(capacity: max(count, 1))
    self.storage = storage
    let parts = Parallel.worthSplitting(count, threshold: 1 << 16) ? max(1, threads) * 4 : 1
    let shared = UncheckedSendable(storage)
    Parallel.forEach(parts: parts, threads: threads) { part in
      for i in Parallel.range(part, of: parts, count: count) { (shared.value + i).initialize(to: Storage(initial(i))) }
    }
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  @inline(__always) func atomic(_ i: Int) -> UnsafeAtomic<UInt32> { UnsafeAtomic(at: storage + i) }

  @inline(__always) subscript(i: Int) -> UInt32 {
    get { atomic(i).load(ordering: .relaxed) }
    set { atomic(i).store(newValue, ordering: .relaxed) }
  }

  /// Replaces element `i` with `desired` if it still holds `expected`.
  @inline(__always) func compareExchange(_ i: Int, expected: UInt32, desired: UInt32) -> Bool {
    atomic(i).compareExchange(expected: expected, desired: desired, ordering: .relaxed).exchanged
  }

  /// Subtracts 1 from element `i` and returns the new value.
  @inline(__always) func decrement(_ i: Int) -> UInt32 {
    atomic(i).loadThenWrappingDecrement(ordering: .relaxed) &- 1
  }

  /// The values, copied out.
  func values() -> [UInt32] { (0..<count).map { self[$0] } }
}
