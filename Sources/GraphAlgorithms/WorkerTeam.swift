import Atomics
import Foundation

/// A team of threads that stay up for a whole kernel and meet at barriers, as an OpenMP
/// parallel region: for kernels with many short steps (Δ-stepping on a high-diameter graph
/// takes thousands), where starting workers for every step would cost more than the step.
///
/// Each worker is its own `Thread` (worker 0 is the caller), so a barrier never waits for a
/// worker that a thread pool has not started, whatever the thread count and core count.
enum WorkerTeam {
  /// Runs `body(worker, barrier)` on `workers` threads at once and returns when all have
  /// returned. Every worker must call `barrier.wait()` the same number of times.
  /// - Complexity: the bodies plus one thread start per worker beyond the first.
  static func run(workers: Int, _ body: @escaping @Sendable (_ worker: Int, _ barrier: SpinBarrier) -> Void) {
    precondition(workers >= 1, "a team needs a worker")
    let barrier = SpinBarrier(parties: workers)
    if workers == 1 {
      body(0, barrier)
      return
    }
    let done = DispatchGroup()
    for worker in 1..<workers {
      done.enter()
      let thread = Thread {
        body(worker, barrier)
        done.leave()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    body(0, barrier)
    done.wait()
  }
}

/// A reusable barrier for a fixed number of parties: spins briefly, then yields the core
/// (more workers than cores must not starve the one they wait for). Arriving releases and
/// leaving acquires, so everything written before a `wait()` is visible after it.
final class SpinBarrier: @unchecked Sendable {
  let parties: Int
  private let arrived = ManagedAtomic<Int>(0)
  private let generation = ManagedAtomic<Int>(0)

  init(parties: Int) { self.parties = parties }

  /// Blocks until all parties have called `wait()` for this round.
  func wait() {
    if parties == 1 { return }
    let round = generation.load(ordering: .acquiring)
    if arrived.wrappingIncrementThenLoad(ordering: .acquiringAndReleasing) == parties {
      // Last to arrive: reset the count for the next round, then open this one.
      arrived.store(0, ordering: .relaxed)
      generation.wrappingIncrement(ordering: .releasing)
      return
    }
    var spins = 0
    while generation.load(ordering: .acquiring) == round {
      spins += 1
      if spins > 2_000 { sched_yield() }
    }
  }
}
