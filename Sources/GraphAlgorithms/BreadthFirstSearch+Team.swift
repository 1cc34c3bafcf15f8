import Atomics
import GraphCore

extension BreadthFirstSearch {
  /// Frontier nodes per chunk of a parallel top-down step (GAPBS: `schedule(dynamic, 64)`).
  static let topDownChunk = 64
  /// Bitmap words per chunk of a bottom-up step (1,024 nodes): hubs cluster, so static
  /// ranges would leave a thread idle; a word is never shared between chunks.
  static let bottomUpChunkWords = 16

  /// The direction-optimizing search of ``depths(_:from:transpose:threads:)`` on a team of
  /// `threads` workers that stays up for the whole search and meets at two barriers per
  /// level (as GAPBS's OpenMP team), so every top-down step of more than one 64-node chunk
  /// is split, however few edges it has (one worker: the caller's thread runs the same
  /// steps alone, without barriers or compare-and-swap): a 1024 × 1024 grid has about
  /// 1,000 levels of a few thousand edges each, where starting workers per level cost more than the level (the
  /// code before ran them on one thread: 0.035 s against GAPBS's 0.022 s). `dist` (any
  /// contents) gets the depths, -1 for unreached nodes; `queue` has room for every node.
  /// Returns the number of nodes reached.
  /// - Complexity: O(n + m) work, plus O(n / 64) per switch between directions and two
  ///   barriers per level.
  static func teamDepths(
    out: UnsafeCSRView, into: UnsafeCSRView, dist: UnsafeMutableBufferPointer<Int32>,
    queue: UnsafeMutableBufferPointer<UInt32>, source: UInt32, threads: Int
  ) -> Int {
    let search = TeamSearch(out: out, into: into, dist: dist, queue: queue, source: source, workers: threads)
    let n = dist.count
    WorkerTeam.run(workers: threads) { worker, barrier in
      // Each worker marks its share of the nodes unvisited (and faults in its pages).
      let dist = search.dist
      let mine = Parallel.range(worker, of: threads, count: n)
      UnsafeMutableBufferPointer(rebasing: dist[mine]).update(repeating: -1)
      if mine.contains(Int(source)) { dist[Int(source)] = 0 }
      barrier.wait()
      var found: [UInt32] = []
      found.reserveCapacity(1 << 12)
      while true {
        switch search.step {
        case .done: return
        case .topDown: search.counts[worker &* TeamSearch.countStride] = search.topDownChunks(&found, worker: worker)
        case .bottomUp: search.counts[worker &* TeamSearch.countStride] = search.bottomUpChunks()
        }
        barrier.wait()
        if worker == 0 { search.advance() }
        barrier.wait()
      }
    }
    return search.reached
  }
}

/// The state a BFS team shares: the frontier (a range of the queue, or a bitmap in
/// bottom-up steps), the level and GAPBS's switch counters. Worker 0 alone writes it, in
/// ``advance()`` between the two barriers of a level; the others only read it.
private final class TeamSearch: @unchecked Sendable {
  enum Step { case topDown, bottomUp, done }

  /// Ints between two workers' counts: one 64-byte line each, so counts share no line.
  static let countStride = 8

  let out: UnsafeCSRView
  let into: UnsafeCSRView
  let dist: UnsafeMutableBufferPointer<Int32>
  let queue: UnsafeMutableBufferPointer<UInt32>
  let n: Int
  let words: Int
  let workers: Int
  let bottomUpAllowed: Bool
  /// Per worker: the out-degrees of the nodes it found (top-down) or how many it found
  /// (bottom-up), at `worker × countStride`.
  let counts: UnsafeMutablePointer<Int>
  /// The next chunk of bitmap words to take in a bottom-up step.
  let nextChunk = ManagedAtomic<Int>(0)
  /// Where the next top-down step's finds go in the queue.
  let queueTail = ManagedAtomic<Int>(0)
  /// The frontier and next-frontier bitmaps of bottom-up steps, allocated at the first one.
  var current: UnsafeMutableBufferPointer<UInt64>?
  var next: UnsafeMutableBufferPointer<UInt64>?

  var step = Step.done
  /// The current frontier is `queue[head..<tail]` in top-down steps.
  var head = 0
  var tail = 1
  var level: Int32 = 0
  var reached = 1
  /// GAPBS's counters: edges not yet explored, and the frontier's out-edges.
  var edgesToCheck: Int
  var scoutCount: Int
  /// The frontier size before the last bottom-up step (GAPBS's β rule).
  var previous = 0
  /// Per level parity and worker: the (start, count) of that worker's segment of the
  /// frontier in the queue (``topDownChunks(_:worker:)``), one 64-byte line each; the
  /// current level reads parity `parity` while its workers write the other.
  let segments: UnsafeMutablePointer<Int>
  var parity = 0
  /// Per segment: the next chunk to take.
  let segmentChunks: [ManagedAtomic<Int>]

  init(
    out: UnsafeCSRView, into: UnsafeCSRView, dist: UnsafeMutableBufferPointer<Int32>,
    queue: UnsafeMutableBufferPointer<UInt32>, source: UInt32, workers: Int
  ) {
    self.out = out
    self.into = into
    self.dist = dist
    self.queue = queue
    n = dist.count
    words = (n &+ 63) &>> 6
    self.workers = workers
    bottomUpAllowed = Parallel.worthSplitting(n, threshold: 4096)
    counts = .allocate(capacity: workers * Self.countStride)
    counts.initialize(repeating: 0, count: workers * Self.countStride)
    segments = .allocate(capacity: 2 * workers * Self.countStride)
    segments.initialize(repeating: 0, count: 2 * workers * Self.countStride)
    segmentChunks = (0..<workers).map { _ in ManagedAtomic(0) }
    queue[0] = source
    edgesToCheck = out.targets.count
    let s = Int(source)
    scoutCount = out.offsets[s + 1] - out.offsets[s]
    plan()
  }

  deinit {
    counts.deallocate()
    segments.deallocate()
    current?.deallocate()
    next?.deallocate()
  }

  /// Worker 0, after every worker finished a step: gathers the counts and chooses the next
  /// step, exactly as the serial loop of ``BreadthFirstSearch/depths(_:from:transpose:threads:)``.
  func advance() {
    var total = 0
    for w in 0..<workers { total &+= counts[w &* Self.countStride] }
    switch step {
    case .topDown:
      let end = queueTail.load(ordering: .relaxed)
      reached &+= end &- tail
      head = tail
      tail = end
      scoutCount = total
      parity ^= 1  // the segments the workers just wrote
      plan(segmented: true)
    case .bottomUp:
      reached &+= total
      swap(&current, &next)
      if total > 0 && (total >= previous || total > n / 18) {
        previous = total
        level &+= 1
        nextChunk.store(0, ordering: .relaxed)
        return
      }
      // As GAPBS: the step after a bottom-up phase is top-down and counts as one edge checked.
      head = tail
      tail = write(current!, at: tail)
      scoutCount = 1
      plan()
    case .done:
      break
    }
  }

  /// Chooses the step for the frontier `queue[head..<tail]` (GAPBS's α = 15 test).
  private func plan(segmented: Bool = false) {
    nextChunk.store(0, ordering: .relaxed)
    for counter in segmentChunks { counter.store(0, ordering: .relaxed) }
    if !segmented {
      // The source, or a frontier written from a bottom-up bitmap: one segment, worker 0's.
      for w in 0..<workers { setSegment(parity, w, start: tail, count: 0) }
      setSegment(parity, 0, start: head, count: tail &- head)
    }
    guard head < tail else {
      step = .done
      return
    }
    edgesToCheck &-= scoutCount
    level &+= 1
    if bottomUpAllowed && scoutCount > edgesToCheck / 15 {
      if current == nil {
        current = .allocate(capacity: words)
        next = .allocate(capacity: words)
      }
      let bits = current!
      bits.update(repeating: 0)
      for i in head..<tail {
        let v = Int(queue[i])
        bits[v &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: v & 63)
      }
      previous = tail &- head
      step = .bottomUp
    } else {
      queueTail.store(tail, ordering: .relaxed)
      step = .topDown
    }
  }

  /// Writes the members of `bits` in increasing order into the queue from `start`.
  private func write(_ bits: UnsafeMutableBufferPointer<UInt64>, at start: Int) -> Int {
    var k = start
    for w in 0..<words where bits[w] != 0 {
      var word = bits[w]
      while word != 0 {
        queue[k] = UInt32(truncatingIfNeeded: w &<< 6 &+ word.trailingZeroBitCount)
        k &+= 1
        word &= word &- 1
      }
    }
    return k
  }

  /// This worker's share of a top-down step. The frontier is one segment of the queue per
  /// worker — the nodes that worker found in the step before — and a worker expands its
  /// own segment first, in chunks from that segment's counter, then takes what is left of
  /// the others' (so hubs still balance). Without segments, chunks went to whichever worker
  /// came first and every level moved most of the frontier's cache lines between cores: on
  /// the grid two threads ran no faster than one. A node is claimed by a compare-and-swap of
  /// its depth from -1 (so exactly one worker appends it), into `found`,
  /// copied to the queue at a slot reserved by an atomic add: the next level's segment of
  /// this worker. The queue order depends on timing; the set of each level and every depth
  /// do not. Returns the out-degrees of the nodes this worker found (the next scout count).
  func topDownChunks(_ found: inout [UInt32], worker: Int) -> Int {
    let now = parity
    let later = now ^ 1
    if workers == 1 || tail &- head <= BreadthFirstSearch.topDownChunk {
      // One worker, or at most one chunk, so nothing to share: worker 0 alone, plainly
      // (no compare-and-swap); it holds every segment of the next level.
      guard worker == 0 else { return 0 }
      let step = BreadthFirstSearch.topDown(out, dist, queue, head..<tail, level)
      queueTail.store(step.tail, ordering: .relaxed)
      for w in 0..<workers { setSegment(later, w, start: tail, count: 0) }
      setSegment(later, 0, start: tail, count: step.tail &- tail)
      return step.scout
    }
    // Invariant: ids are < n ≤ Int32.max, offsets ≤ entryCount and the queue holds each
    // node once, so the unchecked arithmetic below cannot overflow.
    let offsets = out.offsets
    let targets = out.targets
    let level = self.level
    let queue = self.queue
    let chunk = BreadthFirstSearch.topDownChunk
    var scout = 0
    found.removeAll(keepingCapacity: true)
    dist.withMemoryRebound(to: UnsafeAtomic<Int32>.Storage.self) { cells in
      let base = cells.baseAddress!
      for k in 0..<workers {
        let owner = (worker &+ k) % workers
        let start = segments[(now &* workers &+ owner) &* Self.countStride]
        let count = segments[(now &* workers &+ owner) &* Self.countStride &+ 1]
        while true {
          let lower = segmentChunks[owner].loadThenWrappingIncrement(ordering: .relaxed) &* chunk
          if lower >= count { break }
          for f in (start &+ lower)..<(start &+ min(lower &+ chunk, count)) {
            let u = Int(queue[f])
            var i = offsets[u]
            let end = offsets[u &+ 1]
            while i < end {
              let v = Int(targets[i])
              let cell = UnsafeAtomic<Int32>(at: base + v)
              if cell.load(ordering: .relaxed) < 0
                && cell.compareExchange(expected: -1, desired: level, ordering: .relaxed).exchanged
              {
                found.append(UInt32(truncatingIfNeeded: v))
                scout &+= offsets[v &+ 1] &- offsets[v]
              }
              i &+= 1
            }
          }
        }
      }
    }
    let at = queueTail.loadThenWrappingIncrement(by: found.count, ordering: .relaxed)
    found.withUnsafeBufferPointer { found in
      _ = UnsafeMutableBufferPointer(rebasing: queue[at..<(at &+ found.count)]).initialize(fromContentsOf: found)
    }
    setSegment(later, worker, start: at, count: found.count)
    return scout
  }

  /// Records worker `w`'s segment of the queue for the level of parity `p`.
  @inline(__always) private func setSegment(_ p: Int, _ w: Int, start: Int, count: Int) {
    segments[(p &* workers &+ w) &* Self.countStride] = start
    segments[(p &* workers &+ w) &* Self.countStride &+ 1] = count
  }

  /// This worker's share of a bottom-up step: chunks of bitmap words from the shared
  /// counter. Returns how many nodes it found.
  func bottomUpChunks() -> Int {
    let current = UnsafeBufferPointer(self.current!)
    let next = self.next!
    let chunks = (words &+ BreadthFirstSearch.bottomUpChunkWords &- 1) / BreadthFirstSearch.bottomUpChunkWords
    var count = 0
    while true {
      let chunk = nextChunk.loadThenWrappingIncrement(ordering: .relaxed)
      if chunk >= chunks { break }
      let first = chunk &* BreadthFirstSearch.bottomUpChunkWords
      let last = min(first &+ BreadthFirstSearch.bottomUpChunkWords, words)
      count &+= BreadthFirstSearch.bottomUpWords(into, dist, current, next, first..<last, level)
    }
    return count
  }
}
