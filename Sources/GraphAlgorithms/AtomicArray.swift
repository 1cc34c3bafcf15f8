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

  /// An array filled in parallel parts on `threads` threads (one part when `count` is too
  /// small to repay threads): `fill(range, elements)` must store every element of `range`
  /// through `elements`. The loop lives in the caller's closure, so it is compiled with
  /// the caller (a closure called per element cost 10% of components on a grid).
  /// - Complexity: O(count) work plus the cost of `fill`.
  init(count: Int, threads: Int, fill: @Sendable (_ range: Range<Int>, _ elements: AtomicUInt32Elements) -> Void) {
    self.count = count
    // Storage is a plain 32-bit value: relaxed stores into fresh memory initialise it.
    let storage = UnsafeMutablePointer<Storage>.allocate(capacity: max(count, 1))
    self.storage = storage
    let parts = Parallel.worthSplitting(count, threshold: 1 << 16) ? max(1, threads) * 4 : 1
    let elements = AtomicUInt32Elements(base: storage)
    Parallel.forEach(parts: parts, threads: threads) { part in
      fill(Parallel.range(part, of: parts, count: count), elements)
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

  /// The elements as a value holding the base address, for hot loops: a kernel that keeps
  /// it in a local reads through a register instead of reloading the address from this
  /// object before every relaxed load (LLVM does not hoist that load across atomics).
  /// Valid while this array is alive.
  var elements: AtomicUInt32Elements { AtomicUInt32Elements(base: storage) }

  /// The values, copied out.
  func values() -> [UInt32] { (0..<count).map { self[$0] } }
}

/// The elements of an ``AtomicUInt32Array`` by base address (see its `elements`), with the
/// same relaxed loads and stores.
struct AtomicUInt32Elements: @unchecked Sendable {
  let base: UnsafeMutablePointer<AtomicUInt32Array.Storage>

  @inline(__always) subscript(i: Int) -> UInt32 {
    get { UnsafeAtomic(at: base + i).load(ordering: .relaxed) }
    nonmutating set { UnsafeAtomic(at: base + i).store(newValue, ordering: .relaxed) }
  }

  /// Replaces element `i` with `desired` if it still holds `expected`.
  @inline(__always) func compareExchange(_ i: Int, expected: UInt32, desired: UInt32) -> Bool {
    UnsafeAtomic(at: base + i).compareExchange(expected: expected, desired: desired, ordering: .relaxed).exchanged
  }
}
