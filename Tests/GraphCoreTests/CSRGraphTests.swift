import Testing

@testable import GraphCore

@Suite struct CSRGraphTests {
  /// The path 0 – 1 – 2 plus a self-loop on 2, undirected, weighted.
  func sample() throws -> CSRGraph {
    try CSRGraph(
      validating: [0, 1, 3, 5], targets: [1, 0, 2, 1, 2], weights: [0.5, 0.5, 2, 2, 7], isDirected: false)
  }

  @Test func accessorsOfAValidUndirectedGraph() throws {
    let g = try sample()
    #expect(g.nodeCount == 3)
    #expect(g.entryCount == 5)
    #expect(g.edgeCount == 3)  // {0,1}, {1,2}, {2,2}
    #expect(g.selfLoopCount == 1)
    #expect(!g.isDirected)
    #expect(g.isWeighted)
    #expect(g.degree(of: 0) == 1)
    #expect(g.degree(of: 1) == 2)
    #expect(g.degree(of: 2) == 2)
    #expect(Array(g.neighbors(of: 1)) == [0, 2])
    #expect(Array(g.neighbors(of: 2)) == [1, 2])
    #expect(g.neighborWeights(of: 2).map(Array.init) == [2, 7])
    #expect(g.edgeTypes == nil)
  }

  @Test func neighborWeightsIsNilWhenUnweighted() throws {
    let g = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], isDirected: false)
    #expect(g.neighborWeights(of: 0) == nil)
    #expect(!g.isWeighted)
  }

  @Test func directedEdgeCountCountsEveryArc() throws {
    let g = try CSRGraph(validating: [0, 2, 3, 3], targets: [1, 2, 1], isDirected: true)
    #expect(g.edgeCount == 3)
    #expect(g.selfLoopCount == 1)  // 1 → 1
    #expect(g.isDirected)
  }

  @Test func isolatedNodesGraph() throws {
    let g = CSRGraph(isolatedNodes: 4)
    #expect(g.nodeCount == 4)
    #expect(g.edgeCount == 0)
    #expect(g.offsets == [0, 0, 0, 0, 0])
    #expect(!g.isDirected)
    try g.checkInvariants()
    let d = CSRGraph(isolatedNodes: 0, isDirected: true)
    #expect(d.nodeCount == 0)
    #expect(d.isDirected)
    try d.checkInvariants()
  }

  @Test func storageBytesCountsEveryArray() throws {
    let g = try CSRGraph(
      validating: [0, 1, 2], targets: [1, 0], weights: [1, 1], edgeTypes: [3, 3], isDirected: false)
    #expect(g.storageBytes == 3 * 8 + 2 * 4 + 2 * 8 + 2)
    let plain = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], isDirected: false)
    #expect(plain.storageBytes == 3 * 8 + 2 * 4)
  }

  @Test func unsafeViewMatchesTheArrays() throws {
    let g = try sample()
    g.withUnsafeView { view in
      #expect(view.nodeCount == 3)
      #expect(Array(view.neighbors(of: 1)) == [0, 2])
      #expect(view.neighborWeights(of: 2).map(Array.init) == [2, 7])
      #expect(view.degree(of: 0) == 1)
      #expect(view.edgeTypes == nil)
    }
  }

  @Test func equalityComparesAllArrays() throws {
    let a = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], weights: [1, 1], isDirected: false)
    let b = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], weights: [1, 1], isDirected: false)
    let c = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], weights: [2, 2], isDirected: false)
    let d = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], weights: [1, 1], isDirected: true)
    #expect(a == b)
    #expect(a != c)
    #expect(a != d)
  }

  // MARK: - Invariant violations

  struct BrokenCase: CustomTestStringConvertible, Sendable {
    var name: String
    var offsets: [Int]
    var targets: [UInt32]
    var weights: [Double]? = nil
    var types: [UInt8]? = nil
    var directed = false
    var phrase: String
    var testDescription: String { name }
  }

  static let brokenCases: [BrokenCase] = [
    BrokenCase(name: "unsorted row", offsets: [0, 2, 3, 4], targets: [2, 1, 0, 0], phrase: "not sorted"),
    BrokenCase(
      name: "unsorted directed row", offsets: [0, 2, 2, 2], targets: [2, 1], directed: true, phrase: "not sorted"),
    BrokenCase(name: "target out of range", offsets: [0, 1, 1], targets: [2], directed: true, phrase: "not a node id"),
    BrokenCase(
      name: "asymmetric undirected", offsets: [0, 1, 1], targets: [1], phrase: "not symmetric"),
    BrokenCase(
      name: "asymmetric multiplicity", offsets: [0, 2, 3], targets: [1, 1, 0], phrase: "not symmetric"),
    BrokenCase(
      name: "asymmetric weights", offsets: [0, 1, 2], targets: [1, 0], weights: [1, 2], phrase: "different weights"),
    BrokenCase(name: "offsets[0] not zero", offsets: [1, 1], targets: [0], directed: true, phrase: "offsets[0]"),
    BrokenCase(name: "last offset short", offsets: [0, 1, 1], targets: [1, 0], directed: true, phrase: "offsets[2]"),
    BrokenCase(name: "last offset long", offsets: [0, 1, 3], targets: [1, 0], directed: true, phrase: "offsets[2]"),
    BrokenCase(
      name: "decreasing offsets", offsets: [0, 2, 1, 2], targets: [1, 2], directed: true, phrase: "smaller than"),
    BrokenCase(
      name: "weights of wrong length", offsets: [0, 1, 2], targets: [1, 0], weights: [1], phrase: "weights has 1"),
    BrokenCase(
      name: "types of wrong length", offsets: [0, 1, 2], targets: [1, 0], types: [1, 2, 3], phrase: "edgeTypes has 3"),
    BrokenCase(name: "empty offsets", offsets: [], targets: [], phrase: "offsets is empty"),
  ]

  @Test(arguments: brokenCases)
  func validatingInitRejectsBrokenArrays(_ c: BrokenCase) {
    let error = #expect(throws: CSRInvariantError.self) {
      _ = try CSRGraph(
        validating: c.offsets, targets: c.targets, weights: c.weights, edgeTypes: c.types, isDirected: c.directed)
    }
    #expect(error?.description.contains(c.phrase) == true, "\(error?.description ?? "no error")")
  }

  @Test func symmetryCheckFindsAnyBrokenEntryOnEveryThreadCount() throws {
    // Above 2²⁰ entries, so the check runs in several parts.
    var list = CSRGraphBuilderTests.randomList(seed: 5, n: 20_000, m: 600_000, typed: true)
    let good = try CSRGraph.build(consuming: &list, options: BuildOptions(selfLoops: .keep, threads: 2)).graph
    #expect(good.entryCount > 1 << 20)
    for threads in [1, 2, 3, 4] {
      #expect(good.symmetryProblem(threads: threads) == nil)
      #expect(good.asymmetryFingerprint(threads: threads, key: UInt64(threads) &* 0x1234_5678_9ABC) == 0)
    }
    var random = RandomStream(seed: 77)
    for _ in 0..<4 {
      let k = Int(random.below(UInt64(good.entryCount)))
      let u = good.offsets.lastIndex { $0 <= k }!
      // Drop entry k (row u loses one neighbour).
      var offsets = good.offsets
      for v in (u + 1)..<offsets.count { offsets[v] -= 1 }
      var targets = good.targets
      targets.remove(at: k)
      var weights = good.weights!
      weights.remove(at: k)
      var types = good.edgeTypes!
      types.remove(at: k)
      let dropped = CSRGraph(
        uncheckedOffsets: offsets, targets: targets, weights: weights, edgeTypes: types, isDirected: false,
        selfLoopCount: 0)
      // Change the weight, then the type, of entry k alone.
      var reweighted = good.weights!
      reweighted[k] += 1
      let heavier = CSRGraph(
        uncheckedOffsets: good.offsets, targets: good.targets, weights: reweighted, edgeTypes: good.edgeTypes,
        isDirected: false, selfLoopCount: good.selfLoopCount)
      var retyped = good.edgeTypes!
      retyped[k] &+= 1
      let otherType = CSRGraph(
        uncheckedOffsets: good.offsets, targets: good.targets, weights: good.weights, edgeTypes: retyped,
        isDirected: false, selfLoopCount: good.selfLoopCount)
      let isLoop = Int(good.targets[k]) == u
      for threads in [1, 2, 4] {
        if !isLoop {
          #expect(dropped.symmetryProblem(threads: threads)?.contains("not symmetric") == true, "entry \(k)")
          #expect(heavier.symmetryProblem(threads: threads)?.contains("different weights") == true, "entry \(k)")
          #expect(otherType.symmetryProblem(threads: threads)?.contains("different edge types") == true, "entry \(k)")
          for broken in [dropped, heavier, otherType] {
            #expect(broken.asymmetryFingerprint(threads: threads, key: random.next()) != 0, "entry \(k)")
          }
        } else {
          // A self-loop is its own mirror: dropping it or changing it keeps the graph symmetric.
          #expect(dropped.symmetryProblem(threads: threads) == nil)
          #expect(heavier.symmetryProblem(threads: threads) == nil)
        }
      }
    }
  }

  @Test func unweightedFingerprintCatchesTheFuzzersFourCycle() {
    // The snapshot fuzzer's find: 15 nodes, symmetric but for the directed 4-cycle
    // 1→6→2→5→1. Products of the raw ids ⊕ keys gave a zero fingerprint for 6% of keys
    // (about 120 of these 2,000); every key must see it now.
    var rows = [[UInt32]](repeating: [], count: 15)
    for (u, v) in [(0, 1), (3, 4), (7, 8), (9, 12), (10, 13), (11, 14), (2, 3), (4, 11)] {
      rows[u].append(UInt32(v))
      rows[v].append(UInt32(u))
    }
    for (u, v) in [(1, 6), (6, 2), (2, 5), (5, 1)] { rows[u].append(UInt32(v)) }
    var offsets = [0]
    var targets: [UInt32] = []
    for row in rows {
      targets += row.sorted()
      offsets.append(targets.count)
    }
    let graph = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: false)
    #expect(graph.symmetryProblem(threads: 1) != nil)
    var random = RandomStream(seed: 77)
    var zeros = 0
    for _ in 0..<2_000 where graph.asymmetryFingerprint(threads: 1, key: random.next()) == 0 { zeros += 1 }
    #expect(zeros == 0)
  }

  @Test func weightedFingerprintPairsParallelEdgesByPosition() {
    // The snapshot fuzzer's find: 0 → 1 weighing 1 then 2 against 1 → 0 weighing 2 then 1.
    // As multisets the rows match, so a hash of (u, v, weight) alone gave 0 for every key;
    // symmetryProblem pairs parallel edges by position and rejects it.
    func graph(_ weights: [Double]?, _ types: [UInt8]?) -> CSRGraph {
      CSRGraph(
        uncheckedOffsets: [0, 2, 4], targets: [1, 1, 0, 0], weights: weights, edgeTypes: types, isDirected: false,
        selfLoopCount: 0)
    }
    let one = 1.0.bitPattern
    let broken = [
      graph([1, 2, 2, 1], nil),
      graph(nil, [3, 4, 4, 3]),
      graph([1, 2, 2, 1], [0, 0, 0, 0]),
      // The weight's bits ⊕ the type agree on both sides (a collision of `bits ⊕ type`).
      graph(
        [Double(bitPattern: one), 5, Double(bitPattern: one ^ 1), 5], [0, 7, 1, 7]),
    ]
    var random = RandomStream(seed: 41)
    for (index, g) in broken.enumerated() {
      #expect(g.symmetryProblem(threads: 1) != nil, "case \(index)")
      var zeros = 0
      for _ in 0..<500 where g.asymmetryFingerprint(threads: 1, key: random.next()) == 0 { zeros += 1 }
      #expect(zeros == 0, "case \(index)")
    }
    // Runs of parallel edges that cross the parts' boundaries: 2²¹ entries between two nodes,
    // weights in the same order on both sides, so symmetric at every thread count.
    let run = 1 << 20
    let weights = (0..<run).map { Double($0 % 1_000) }
    let long = CSRGraph(
      uncheckedOffsets: [0, run, 2 * run], targets: [UInt32](repeating: 1, count: run) + [UInt32](repeating: 0, count: run),
      weights: weights + weights, edgeTypes: nil, isDirected: false, selfLoopCount: 0)
    var swapped = weights + weights
    swapped.swapAt(run + 10, run + 11)
    let longBroken = CSRGraph(
      uncheckedOffsets: long.offsets, targets: long.targets, weights: swapped, edgeTypes: nil, isDirected: false,
      selfLoopCount: 0)
    for threads in [1, 2, 3, 4] {
      #expect(long.symmetryProblem(threads: threads) == nil)
      #expect(long.asymmetryFingerprint(threads: threads, key: random.next()) == 0, "\(threads) threads")
      #expect(longBroken.asymmetryFingerprint(threads: threads, key: random.next()) != 0, "\(threads) threads")
    }
  }

  @Test func unweightedFingerprintIsZeroOnlyForSymmetricGraphs() throws {
    // Freivalds' fᵀ(A − Aᵀ)g: 0 for any key on a symmetric multigraph with loops, nonzero
    // for every key tried once one entry is dropped, moved, or duplicated.
    var list = CSRGraphBuilderTests.randomList(seed: 9, n: 3_000, m: 40_000, weighted: false, typed: false)
    let good = try CSRGraph.build(consuming: &list, options: BuildOptions(selfLoops: .keep, threads: 2)).graph
    var random = RandomStream(seed: 123)
    for threads in [1, 2, 3] {
      #expect(good.asymmetryFingerprint(threads: threads, key: random.next()) == 0)
    }
    var checked = 0
    while checked < 60 {
      let k = Int(random.below(UInt64(good.entryCount)))
      let u = good.offsets.lastIndex { $0 <= k }!
      if Int(good.targets[k]) == u { continue }  // a loop is its own mirror
      var offsets = good.offsets
      var targets = good.targets
      switch checked % 3 {
      case 0:  // drop entry k
        for v in (u + 1)..<offsets.count { offsets[v] -= 1 }
        targets.remove(at: k)
      case 1:  // duplicate entry k
        for v in (u + 1)..<offsets.count { offsets[v] += 1 }
        targets.insert(targets[k], at: k)
      default:  // point entry k one node further (rows need not stay sorted here)
        targets[k] = UInt32((Int(targets[k]) + 1) % good.nodeCount)
      }
      // Row u now has one entry u → v more or fewer than row v has v → u (u ≠ v).
      let broken = CSRGraph(uncheckedOffsets: offsets, targets: targets, isDirected: false)
      for _ in 0..<20 {
        #expect(broken.asymmetryFingerprint(threads: 2, key: random.next()) != 0, "entry \(k), case \(checked % 3)")
      }
      checked += 1
    }
  }

  @Test func checkInvariantsComparesTheSelfLoopCount() {
    let g = CSRGraph(uncheckedOffsets: [0, 1, 2], targets: [0, 1], weights: nil, edgeTypes: nil, isDirected: true, selfLoopCount: 1)
    let error = #expect(throws: CSRInvariantError.self) { try g.checkInvariants() }
    #expect(error?.description.contains("self-loops") == true)
  }

  @Test func checkInvariantsOnUncheckedGraphThrows() {
    let g = CSRGraph(uncheckedOffsets: [0, 1, 1], targets: [1], isDirected: false)
    #expect(throws: CSRInvariantError.self) { try g.checkInvariants() }
  }

  @Test func validGraphsPassIncludingMultigraphRuns() throws {
    // A symmetric multigraph: 0–1 twice with matching weights, a self-loop on 1.
    let g = try CSRGraph(
      validating: [0, 2, 5], targets: [1, 1, 0, 0, 1], weights: [1, 2, 1, 2, 9], isDirected: false)
    #expect(g.edgeCount == 3)
    #expect(g.selfLoopCount == 1)
  }

  @Test
  func asymmetricEdgeTypesAreRejected() {
    // CSRGraph's documented invariant: an undirected graph has "the same weights and types"
    // on u→v and v→u. checkSymmetry only compares weights.
    #expect(throws: CSRInvariantError.self) {
      _ = try CSRGraph(validating: [0, 1, 2], targets: [1, 0], edgeTypes: [1, 2], isDirected: false)
    }
  }

  @Test
  func negativeOffsetIsReportedNotACrash() async {
    // CSRGraph.init(validating:) first calls init(uncheckedOffsets:), whose countSelfLoops
    // starts its loop at offsets[v] without checking it is non-negative.
    await #expect(processExitsWith: .success) {
      do {
        _ = try CSRGraph(validating: [0, -5, 1], targets: [0], isDirected: true)
        exit(1)  // it must not be accepted
      } catch {
        exit(0)
      }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
