import Atomics
import GraphCore

/// Hop distances from one source, with a BFS tree.
public struct BFSResult: Sendable, Equatable {
  /// `distances[v]` is the number of hops from the source to `v`, or -1 when unreachable.
  public var distances: [Int32]
  /// `parents[v]` is the node before `v` on a shortest path (the source is its own parent),
  /// or -1 when unreachable. Signed 32-bit as in GAPBS: graphs have at most
  /// ``CSRGraph/maximumNodeCount`` = `Int32.max` nodes, so every id fits and none reads as -1.
  public var parents: [Int32]
  /// The number of nodes reached, the source included.
  public var reached: Int

  /// A result from its parts (``BreadthFirstSearch/depths(_:from:transpose:threads:)`` and
  /// ``BreadthFirstSearch/parents(_:depths:source:transpose:threads:)``).
  public init(distances: [Int32], parents: [Int32], reached: Int) {
    self.distances = distances
    self.parents = parents
    self.reached = reached
  }
}

/// Hop distances from one source, without a tree: what ``BreadthFirstSearch/depths(_:from:transpose:threads:)``
/// computes. One array, as GAPBS keeps one `parent` array; the tree is derived when asked.
public struct BFSDepths: Sendable, Equatable {
  /// `distances[v]` is the number of hops from the source to `v`, or -1 when unreachable.
  public var distances: [Int32]
  /// The number of nodes reached, the source included.
  public var reached: Int
}

/// Breadth-first search.
public enum BreadthFirstSearch {
  /// Hop distances and a BFS tree from `source`: ``depths(_:from:transpose:threads:)`` then
  /// ``parents(_:depths:source:transpose:threads:)``.
  ///
  /// Deterministic for any thread count: a node's parent is its first in-neighbour (in
  /// adjacency order, i.e. id order) one level closer to the source.
  /// - Complexity: O(n + m) work.
  public static func run(
    _ graph: CSRGraph, from source: UInt32, transpose: CSRGraph? = nil, threads: Int = Parallel.availableCores
  ) -> BFSResult {
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    let found = depths(graph, from: source, transpose: incoming, threads: threads)
    let tree = parents(graph, depths: found.distances, source: source, transpose: incoming, threads: threads)
    return BFSResult(distances: found.distances, parents: tree, reached: found.reached)
  }

  /// Hop distances from `source` along out-edges, direction-optimizing (Beamer, Asanović and
  /// Patterson 2012): top-down steps while the frontier is small, bottom-up steps (each
  /// unvisited node looks for a neighbour in the frontier bitmap) while it is large, with
  /// GAPBS's switch points (α = 15, β = 18). Keeps one `Int32` per node (the depth, -1 until
  /// found) and one bit per node for the current and next frontier in bottom-up steps.
  /// (GAPBS's marks of minus the out-degree, which spare the top-down step the offsets of
  /// the nodes it finds, were tried: 3% faster on the grid, 15% slower on K20, where the
  /// extra pass over the offsets costs more than it saves.)
  /// - Parameters:
  ///   - graph: the graph; for directed graphs bottom-up steps need `transpose`.
  ///   - transpose: in-edges of a directed graph (``CSRGraph/transposed()``); computed when nil.
  /// - Complexity: O(n + m) work; with `threads` > 1 every step runs on a team of `threads`
  ///   workers kept for the whole search (``teamDepths(out:into:dist:queue:source:threads:)``).
  public static func depths(
    _ graph: CSRGraph, from source: UInt32, transpose: CSRGraph? = nil, threads: Int = Parallel.availableCores
  ) -> BFSDepths {
    let n = graph.nodeCount
    precondition(Int(source) < n, "source \(source) is not a node")
    // Filled below (-1 until visited; by the team's workers in parallel).
    var distances: [Int32] = LargeArrays.uninitialized(count: n)
    // A sliding queue (as GAPBS's): every node enters once, so n slots hold every level;
    // the current frontier is queue[head..<tail] and the next one is appended after it.
    var queue: [UInt32] = LargeArrays.uninitialized(count: n)
    var reached = 1
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    let bottomUpAllowed = Parallel.worthSplitting(n, threshold: 4096)
    if threads > 1 && bottomUpAllowed {
      graph.withUnsafeView { out in
        incoming.withUnsafeView { into in
          distances.withUnsafeMutableBufferPointer { dist in
            queue.withUnsafeMutableBufferPointer { queue in
              reached = teamDepths(out: out, into: into, dist: dist, queue: queue, source: source, threads: threads)
            }
          }
        }
      }
      return BFSDepths(distances: distances, reached: reached)
    }
    // One thread (or a graph too small to split): the same search, serial.
    var edgesToCheck = graph.entryCount
    // GAPBS's scout count: the current frontier's out-edges (the switch test).
    var scoutCount = graph.degree(of: source)
    var level: Int32 = 0
    graph.withUnsafeView { out in
      incoming.withUnsafeView { into in
        distances.withUnsafeMutableBufferPointer { dist in
          queue.withUnsafeMutableBufferPointer { queue in
            dist.update(repeating: -1)
            dist[Int(source)] = 0
            queue[0] = source
            var head = 0
            var tail = 1
            while head < tail {
              // Invariant: every id in the queue and in `targets` is < n ≤ Int32.max (checked by
              // the builder and loaders), each node enters the queue once (tail ≤ n), so ids,
              // offsets and levels below never overflow and every buffer index is in range:
              // unchecked arithmetic is safe.
              // The frontier's edges leave the unexplored count before the test (GAPBS tests
              // first; subtracting first switches one level earlier when the frontier is
              // about to wake most of the graph, as on uniform random graphs).
              edgesToCheck &-= scoutCount
              if bottomUpAllowed && scoutCount > edgesToCheck / 15 {
                // Bottom-up steps until the frontier shrinks again (GAPBS's β = 18 rule).
                var current = Bitmap(count: n)
                for i in head..<tail { current.insert(Int(queue[i])) }
                var size = tail - head
                var previous = 0
                repeat {
                  previous = size
                  level &+= 1
                  let step = bottomUpStep(into, dist, current, level)
                  current = step.next
                  size = step.added
                  reached &+= size
                } while size > 0 && (size >= previous || size > n / 18)
                head = tail
                tail = current.write(into: queue, at: tail)
                // As GAPBS: the step after a bottom-up phase is top-down, and it counts as one
                // edge checked (the phase's edges are not subtracted). Without this, the tail
                // of a high-diameter graph (a grid) runs one O(n) bottom-up scan per level.
                scoutCount = 1
                continue
              }
              level &+= 1
              let next = topDown(out, dist, queue, head..<tail, level)
              reached &+= next.tail &- tail
              head = tail
              tail = next.tail
              // The new frontier's out-edges: the next switch test (GAPBS's scout count).
              scoutCount = next.scout
            }
          }
        }
      }
    }
    return BFSDepths(distances: distances, reached: reached)
  }

  /// The BFS tree of `depths`: each reached node other than `source` gets its first
  /// in-neighbour one level closer; `source` is its own parent; unreached nodes get -1.
  /// - Complexity: O(n + m) work, on `threads` threads.
  public static func parents(
    _ graph: CSRGraph, depths: [Int32], source: UInt32, transpose: CSRGraph? = nil,
    threads: Int = Parallel.availableCores
  ) -> [Int32] {
    let n = graph.nodeCount
    precondition(depths.count == n, "depths has \(depths.count) entries for \(n) nodes")
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    var parents = LargeArrays.make(repeating: Int32(-1), count: n)
    let parts = Parallel.worthSplitting(n, threshold: 4096) ? max(1, threads) * 4 : 1
    incoming.withUnsafeView { into in
      depths.withUnsafeBufferPointer { depth in
        parents.withUnsafeMutableBufferPointer { parent in
          let shared = UncheckedSendable((into, depth, parent))
          Parallel.forEach(parts: parts, threads: threads) { part in
            let (into, depth, parent) = shared.value
            for v in Parallel.range(part, of: parts, count: n) where depth[v] > 0 {
              let want = depth[v] - 1
              for u in into.neighbors(of: UInt32(truncatingIfNeeded: v)) where depth[Int(u)] == want {
                parent[v] = Int32(bitPattern: u)
                break
              }
            }
          }
        }
      }
    }
    parents[Int(source)] = Int32(source)
    return parents
  }

  /// One serial top-down step: appends the unvisited out-neighbours of `queue[frontier]` at
  /// `frontier.upperBound` with depth `level`; returns the new tail and the out-degrees of
  /// the nodes appended (the next scout count).
  @inline(__always)
  static func topDown(
    _ out: UnsafeCSRView, _ dist: UnsafeMutableBufferPointer<Int32>, _ queue: UnsafeMutableBufferPointer<UInt32>,
    _ frontier: Range<Int>, _ level: Int32
  ) -> (tail: Int, scout: Int) {
    let offsets = out.offsets
    let targets = out.targets
    var tail = frontier.upperBound
    var scout = 0
    for f in frontier {
      let u = Int(queue[f])
      var i = offsets[u]
      let end = offsets[u &+ 1]
      while i < end {
        let v = Int(targets[i])
        if dist[v] < 0 {
          dist[v] = level
          queue[tail] = UInt32(truncatingIfNeeded: v)
          tail &+= 1
          scout &+= offsets[v &+ 1] &- offsets[v]
        }
        i &+= 1
      }
    }
    return (tail, scout)
  }

  /// One serial bottom-up step: every unvisited node looks for an in-neighbour in
  /// `frontier`; the first found sets its depth to `level`. Returns the new frontier and its size.
  private static func bottomUpStep(
    _ into: UnsafeCSRView, _ dist: UnsafeMutableBufferPointer<Int32>, _ frontier: Bitmap, _ level: Int32
  ) -> (next: Bitmap, added: Int) {
    var next = Bitmap(count: dist.count)
    let words = next.words.count
    let added = next.words.withUnsafeMutableBufferPointer { nextWords in
      frontier.words.withUnsafeBufferPointer { current in
        bottomUpWords(into, dist, current, nextWords, 0..<words, level)
      }
    }
    return (next, added)
  }

  /// The bottom-up step for the nodes of bitmap words `words`: each unvisited node among them
  /// looks for an in-neighbour in `current`; the first found sets its depth to `level` and
  /// its bit in `next`. Writes every word of `next` in the range (no clearing needed) and
  /// returns how many nodes it found.
  /// - Complexity: O(nodes + their in-edges scanned) in the range.
  @inline(__always)
  static func bottomUpWords(
    _ into: UnsafeCSRView, _ dist: UnsafeMutableBufferPointer<Int32>, _ current: UnsafeBufferPointer<UInt64>,
    _ next: UnsafeMutableBufferPointer<UInt64>, _ words: Range<Int>, _ level: Int32
  ) -> Int {
    // Invariant: ids are < n ≤ Int32.max and offsets ≤ entryCount, so the unchecked
    // arithmetic below cannot overflow and every index is in range.
    let n = dist.count
    let offsets = into.offsets
    let targets = into.targets
    var count = 0
    var w = words.lowerBound
    while w < words.upperBound {
      var word: UInt64 = 0
      let base = w &<< 6
      let end = min(base &+ 64, n)
      var v = base
      while v < end {
        if dist[v] < 0 {
          var i = offsets[v]
          let stop = offsets[v &+ 1]
          while i < stop {
            let u = Int(targets[i])
            if (current[u &>> 6] &>> UInt64(truncatingIfNeeded: u & 63)) & 1 != 0 {
              dist[v] = level
              word |= 1 &<< UInt64(truncatingIfNeeded: v &- base)
              count &+= 1
              break
            }
            i &+= 1
          }
        }
        v &+= 1
      }
      next[w] = word
      w &+= 1
    }
    return count
  }
}

/// A fixed-size set of node ids as bits.
struct Bitmap {
  var words: [UInt64]
  init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) >> 6) }
  mutating func insert(_ v: Int) { words[v >> 6] |= 1 << UInt64(v & 63) }
  /// Writes the members in increasing order into `buffer` from `start`; returns the end.
  func write(into buffer: UnsafeMutableBufferPointer<UInt32>, at start: Int) -> Int {
    var k = start
    for (w, word) in words.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        buffer[k] = UInt32(w << 6 + bits.trailingZeroBitCount)
        k += 1
        bits &= bits - 1
      }
    }
    return k
  }
}
