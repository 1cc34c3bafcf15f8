import Testing

@testable import GraphCore

@Suite struct CSRGraphBuilderTests {
  // MARK: - Exact layouts

  @Test func undirectedBuildHasExactOffsetsAndTargets() throws {
    let (g, report) = build(4, [(0, 1), (2, 0), (1, 2), (3, 2)])
    #expect(g.offsets == [0, 2, 4, 7, 8])
    #expect(g.targets == [1, 2, 0, 2, 0, 1, 3, 2])
    #expect(g.edgeCount == 4)
    #expect(g.selfLoopCount == 0)
    #expect(!g.isDirected)
    #expect(g.weights == nil)
    #expect(g.edgeTypes == nil)
    #expect(report == BuildReport())
    try g.checkInvariants()
  }

  @Test func reversedPairIsTheSameUndirectedEdge() throws {
    let (g, report) = build(2, [(0, 1), (1, 0)])
    #expect(g.offsets == [0, 1, 2])
    #expect(g.targets == [1, 0])
    #expect(g.edgeCount == 1)
    #expect(report.duplicatesRemoved == 1)
    try g.checkInvariants()
  }

  @Test func reversedPairIsADifferentDirectedEdge() throws {
    let (g, report) = build(2, [(0, 1), (1, 0)], directed: true)
    #expect(g.offsets == [0, 1, 2])
    #expect(g.targets == [1, 0])
    #expect(g.edgeCount == 2)
    #expect(report.duplicatesRemoved == 0)
  }

  @Test func keepLastKeepsTheLastWeightInBothDirections() throws {
    let (g, report) = build(3, [(0, 1), (1, 2), (1, 0), (0, 1)], weights: [1, 2, 3, 4])
    #expect(g.offsets == [0, 1, 3, 4])
    #expect(g.targets == [1, 0, 2, 1])
    #expect(g.weights == [4, 4, 2, 2])
    #expect(g.edgeCount == 2)
    #expect(report.duplicatesRemoved == 2)
    try g.checkInvariants()
  }

  @Test func keepLastIsLastInInputOrderNotLargest() throws {
    let (g, _) = build(2, [(0, 1), (1, 0), (0, 1)], weights: [9, 8, 1])
    #expect(g.weights == [1, 1])
    let (d, _) = build(2, [(0, 1), (0, 1), (0, 1)], weights: [5, 1, 3], directed: true)
    #expect(d.weights == [3])
  }

  @Test func sumWeightsAddsTheCopies() throws {
    let (g, report) = build(
      3, [(0, 1), (1, 2), (1, 0), (0, 1)], weights: [1, 2, 3, 4], duplicates: .sumWeights)
    #expect(g.targets == [1, 0, 2, 1])
    #expect(g.weights == [8, 8, 2, 2])
    #expect(report.duplicatesRemoved == 2)
    try g.checkInvariants()
  }

  @Test func sumWeightsOnUnweightedListGivesMultiplicity() throws {
    let (g, report) = build(3, [(0, 1), (1, 0), (0, 1), (1, 2)], duplicates: .sumWeights)
    #expect(g.isWeighted)
    #expect(g.offsets == [0, 1, 3, 4])
    #expect(g.targets == [1, 0, 2, 1])
    #expect(g.weights == [3, 3, 1, 1])
    #expect(report.duplicatesRemoved == 2)
  }

  @Test func keepAllKeepsCopiesInInputOrder() throws {
    let (g, report) = build(
      3, [(0, 1), (1, 2), (1, 0), (0, 1)], weights: [1, 2, 3, 4], duplicates: .keepAll)
    #expect(g.offsets == [0, 3, 7, 8])
    #expect(g.targets == [1, 1, 1, 0, 0, 0, 2, 1])
    #expect(g.weights == [1, 3, 4, 1, 3, 4, 2, 2])
    #expect(g.edgeCount == 4)
    #expect(report.duplicatesRemoved == 0)
    try g.checkInvariants()
  }

  @Test func keepAllDirectedKeepsCopies() throws {
    let (g, _) = build(2, [(0, 1), (0, 1), (1, 0)], directed: true, duplicates: .keepAll)
    #expect(g.offsets == [0, 2, 3])
    #expect(g.targets == [1, 1, 0])
    #expect(g.edgeCount == 3)
  }

  @Test func selfLoopsDroppedAndCounted() throws {
    let (g, report) = build(3, [(0, 0), (0, 1), (1, 1), (1, 1), (2, 1)])
    #expect(report.selfLoopsRemoved == 3)
    #expect(report.duplicatesRemoved == 0)
    #expect(g.selfLoopCount == 0)
    #expect(g.offsets == [0, 1, 3, 4])
    #expect(g.targets == [1, 0, 2, 1])
    #expect(g.edgeCount == 2)
  }

  @Test func selfLoopsKeptOnceInTheirRow() throws {
    let (g, report) = build(2, [(0, 0), (0, 1), (1, 1)], weights: [5, 6, 7], selfLoops: .keep)
    #expect(g.offsets == [0, 2, 4])
    #expect(g.targets == [0, 1, 0, 1])
    #expect(g.weights == [5, 6, 6, 7])
    #expect(g.selfLoopCount == 2)
    #expect(g.edgeCount == 3)
    #expect(g.entryCount == 4)
    #expect(report.selfLoopsRemoved == 0)
    try g.checkInvariants()
  }

  @Test func duplicateSelfLoopsMergedAndCountedOnce() throws {
    let (g, report) = build(3, [(2, 2), (0, 1), (2, 2), (1, 0), (2, 2)], selfLoops: .keep)
    #expect(report.duplicatesRemoved == 3)  // two loop copies + one reversed pair
    #expect(g.targets == [1, 0, 2])
    #expect(g.selfLoopCount == 1)
    #expect(g.edgeCount == 2)
  }

  @Test func duplicateCountIsInEdgesNotEntries() throws {
    let (g, report) = build(2, [(0, 1), (0, 1), (1, 0), (0, 1)])
    #expect(report.duplicatesRemoved == 3)
    #expect(g.edgeCount == 1)
  }

  @Test func directedSelfLoopsKept() throws {
    let (g, report) = build(
      2, [(1, 1), (0, 1), (1, 1)], directed: true, selfLoops: .keep, duplicates: .keepLast)
    #expect(g.offsets == [0, 1, 2])
    #expect(g.targets == [1, 1])
    #expect(g.edgeCount == 2)
    #expect(g.selfLoopCount == 1)
    #expect(report.duplicatesRemoved == 1)
  }

  @Test func directedBuild() throws {
    let (g, report) = build(4, [(3, 0), (0, 2), (0, 1), (2, 0), (0, 2)], directed: true)
    #expect(g.isDirected)
    #expect(g.offsets == [0, 2, 2, 3, 4])
    #expect(g.targets == [1, 2, 0, 0])
    #expect(g.edgeCount == 4)
    #expect(report.duplicatesRemoved == 1)
    try g.checkInvariants()
  }

  @Test func edgeTypesFollowTheirEdges() throws {
    let (g, _) = build(3, [(0, 1), (2, 1), (0, 2)], weights: [1.5, 2.5, 3.5], types: [7, 8, 9])
    #expect(g.targets == [1, 2, 0, 2, 0, 1])
    #expect(g.weights == [1.5, 3.5, 1.5, 2.5, 3.5, 2.5])
    #expect(g.edgeTypes == [7, 9, 7, 8, 9, 8])
  }

  @Test func edgeTypeOfMergedDuplicateIsTheLastOne() throws {
    let keepLast = build(2, [(0, 1), (1, 0), (0, 1)], types: [1, 2, 3]).graph
    #expect(keepLast.edgeTypes == [3, 3])
    let summed = build(2, [(0, 1), (1, 0)], weights: [1, 2], types: [4, 5], duplicates: .sumWeights).graph
    #expect(summed.edgeTypes == [5, 5])
    #expect(summed.weights == [3, 3])
    let all = build(2, [(0, 1), (1, 0)], types: [4, 5], duplicates: .keepAll).graph
    #expect(all.edgeTypes == [4, 5, 4, 5])
  }

  @Test func emptyAndEdgelessGraphs() throws {
    let (empty, _) = build(0, [])
    #expect(empty.nodeCount == 0)
    #expect(empty.offsets == [0])
    try empty.checkInvariants()
    let (isolated, _) = build(3, [])
    #expect(isolated.offsets == [0, 0, 0, 0])
    #expect(isolated.edgeCount == 0)
    let (onlyLoops, report) = build(2, [(0, 0), (1, 1)])
    #expect(onlyLoops.offsets == [0, 0, 0])
    #expect(report.selfLoopsRemoved == 2)
  }

  @Test func buildConsumesTheList() throws {
    var list = edgeList(3, [(0, 1), (1, 2)], weights: [1, 2])
    _ = try CSRGraph.build(consuming: &list, options: BuildOptions(threads: 1))
    #expect(list.count == 0)
    #expect(list.nodeCount == 3)
    #expect(list.weights == [])
  }

  @Test func initFromEdgesLeavesTheListAlone() {
    let list = edgeList(3, [(0, 1), (1, 2)])
    let g = CSRGraph(edges: list, options: BuildOptions(threads: 1))
    #expect(list.count == 2)
    #expect(g.edgeCount == 2)
  }

  @Test func defaultOptionsBuildASimpleUndirectedGraph() {
    let options = BuildOptions()
    #expect(options.directed == false)
    #expect(options.selfLoops == .drop)
    #expect(options.duplicates == .keepLast)
    #expect(options.threads >= 1)
  }

  // MARK: - Properties on random lists

  /// A random edge list over `n` nodes with `m` edges, weights and types, some repeats and loops.
  static func randomList(seed: UInt64, n: Int, m: Int, weighted: Bool = true, typed: Bool = true) -> EdgeList {
    var random = RandomStream(seed: seed)
    var list = EdgeList(nodeCount: n, weights: weighted ? [] : nil, edgeTypes: typed ? [] : nil)
    list.reserveCapacity(m)
    for _ in 0..<m {
      let u = UInt32(random.below(UInt64(n)))
      // Every 10th edge is a loop; otherwise any target (repeats are frequent on small n).
      let v = random.below(10) == 0 ? u : UInt32(random.below(UInt64(n)))
      list.append(
        u, v, weight: weighted ? Double(random.below(1000)) / 8 + 0.1 : nil,
        type: typed ? UInt8(random.below(200)) : nil)
    }
    return list
  }

  struct Key: Hashable {
    var u: UInt32
    var v: UInt32
  }

  /// A naive reference: the kept edges with their weight (last or sum) and type (last),
  /// and the number of copies.
  static func reference(_ list: EdgeList, options: BuildOptions)
    -> (edges: [Key: (weight: Double?, type: UInt8?, copies: Int)], loopsRemoved: Int)
  {
    var result: [Key: (weight: Double?, type: UInt8?, copies: Int)] = [:]
    var loops = 0
    for e in 0..<list.count {
      var u = list.sources[e]
      var v = list.targets[e]
      if u == v {
        loops += 1
        if options.selfLoops == .drop { continue }
      }
      if !options.directed && v < u { swap(&u, &v) }
      let key = Key(u: u, v: v)
      let w = list.weights?[e] ?? (options.duplicates == .sumWeights ? 1 : nil)
      let t = list.edgeTypes?[e]
      if let old = result[key] {
        let weight: Double? =
          options.duplicates == .sumWeights ? old.weight! + w! : w
        result[key] = (weight, t, old.copies + 1)
      } else {
        result[key] = (w, t, 1)
      }
    }
    return (result, options.selfLoops == .drop ? loops : 0)
  }

  /// The graph's edges (lower id first when undirected) with weight, type and copies.
  static func extract(_ g: CSRGraph) -> [Key: (weights: [Double], types: [UInt8], copies: Int)] {
    var result: [Key: (weights: [Double], types: [UInt8], copies: Int)] = [:]
    for u in 0..<UInt32(g.nodeCount) {
      for k in g.offsets[Int(u)]..<g.offsets[Int(u) + 1] {
        let v = g.targets[k]
        if !g.isDirected && v < u { continue }
        var entry = result[Key(u: u, v: v)] ?? ([], [], 0)
        if let w = g.weights { entry.weights.append(w[k]) }
        if let t = g.edgeTypes { entry.types.append(t[k]) }
        entry.copies += 1
        result[Key(u: u, v: v)] = entry
      }
    }
    return result
  }

  static let policies: [(DuplicateEdgePolicy, SelfLoopPolicy, Bool)] = [
    (.keepLast, .drop, false), (.keepLast, .keep, false), (.keepLast, .drop, true), (.keepLast, .keep, true),
    (.sumWeights, .drop, false), (.sumWeights, .keep, true), (.keepAll, .drop, false), (.keepAll, .keep, true),
  ]

  @Test(arguments: 0..<12)
  func randomBuildsMatchTheNaiveReference(seed: Int) throws {
    var random = RandomStream(seed: UInt64(seed), stream: 99)
    let n = Int(random.below(40)) + 1
    let m = Int(random.below(400))
    let weighted = seed % 3 != 0
    let list = Self.randomList(seed: UInt64(seed), n: n, m: m, weighted: weighted, typed: seed % 2 == 0)
    for (duplicates, selfLoops, directed) in Self.policies {
      let options = BuildOptions(directed: directed, selfLoops: selfLoops, duplicates: duplicates, threads: 1)
      var copy = list
      let (g, report) = try CSRGraph.build(consuming: &copy, options: options)
      try g.checkInvariants()
      let expected = Self.reference(list, options: options)
      let actual = Self.extract(g)
      let context = "seed \(seed) n \(n) m \(m) \(duplicates) \(selfLoops) directed \(directed)"
      #expect(report.selfLoopsRemoved == expected.loopsRemoved, "\(context)")
      #expect(Set(actual.keys) == Set(expected.edges.keys), "\(context)")
      let keptCopies = expected.edges.values.reduce(0) { $0 + $1.copies }
      if duplicates == .keepAll {
        #expect(report.duplicatesRemoved == 0, "\(context)")
        #expect(g.edgeCount == keptCopies, "\(context)")
        for (key, value) in expected.edges {
          #expect(actual[key]?.copies == value.copies, "\(context) \(key)")
        }
      } else {
        #expect(g.edgeCount == expected.edges.count, "\(context)")
        #expect(report.duplicatesRemoved == keptCopies - expected.edges.count, "\(context)")
        for (key, value) in expected.edges {
          let got = try #require(actual[key], "\(context) \(key)")
          #expect(got.copies == 1, "\(context) \(key)")
          if let w = value.weight { #expect(got.weights == [w], "\(context) \(key)") }
          if let t = value.type { #expect(got.types == [t], "\(context) \(key)") }
        }
      }
      #expect(g.isWeighted == (weighted || duplicates == .sumWeights), "\(context)")
      let loopKeys = expected.edges.filter { $0.key.u == $0.key.v }
      let expectedLoops = loopKeys.reduce(0) { $0 + (duplicates == .keepAll ? $1.value.copies : 1) }
      #expect(g.selfLoopCount == expectedLoops,
        "\(context)")
    }
  }

  /// `list` with every edge written lower id first and sorted, so that each undirected
  /// bucket of the builder's first pass is already a sorted row (its shortcut path).
  static func sortedList(_ list: EdgeList) -> EdgeList {
    let order = (0..<list.count).sorted { a, b in
      let ka = (min(list.sources[a], list.targets[a]), max(list.sources[a], list.targets[a]))
      let kb = (min(list.sources[b], list.targets[b]), max(list.sources[b], list.targets[b]))
      return ka != kb ? ka < kb : a < b
    }
    return EdgeList(
      nodeCount: list.nodeCount,
      sources: order.map { min(list.sources[$0], list.targets[$0]) },
      targets: order.map { max(list.sources[$0], list.targets[$0]) },
      weights: list.weights.map { w in order.map { w[$0] } },
      edgeTypes: list.edgeTypes.map { t in order.map { t[$0] } })
  }

  /// `list` in a pseudo-random order that keeps the copies of each pair in their order.
  static func shuffledKeepingCopyOrder(_ list: EdgeList) -> EdgeList {
    func key(_ e: Int) -> UInt64 {
      let pair = UInt64(min(list.sources[e], list.targets[e])) << 32 | UInt64(max(list.sources[e], list.targets[e]))
      return (pair &* 0x9E37_79B9_7F4A_7C15) >> 40
    }
    let order = (0..<list.count).sorted { a, b in key(a) != key(b) ? key(a) < key(b) : a < b }
    return EdgeList(
      nodeCount: list.nodeCount, sources: order.map { list.sources[$0] }, targets: order.map { list.targets[$0] },
      weights: list.weights.map { w in order.map { w[$0] } }, edgeTypes: list.edgeTypes.map { t in order.map { t[$0] } })
  }

  @Test(arguments: 0..<6)
  func sortedInputBuildsMatchTheNaiveReference(seed: Int) throws {
    let list = Self.sortedList(Self.randomList(seed: UInt64(100 + seed), n: 30, m: 300, typed: seed % 2 == 0))
    for (duplicates, selfLoops, directed) in Self.policies {
      let options = BuildOptions(directed: directed, selfLoops: selfLoops, duplicates: duplicates, threads: 1)
      var copy = list
      let (g, report) = try CSRGraph.build(consuming: &copy, options: options)
      try g.checkInvariants()
      let expected = Self.reference(list, options: options)
      let actual = Self.extract(g)
      let context = "seed \(seed) \(duplicates) \(selfLoops) directed \(directed)"
      #expect(report.selfLoopsRemoved == expected.loopsRemoved, "\(context)")
      #expect(Set(actual.keys) == Set(expected.edges.keys), "\(context)")
      for (key, value) in expected.edges {
        let got = try #require(actual[key], "\(context) \(key)")
        if duplicates == .keepAll {
          #expect(got.copies == value.copies, "\(context) \(key)")
        } else {
          #expect(got.copies == 1, "\(context) \(key)")
          if let w = value.weight { #expect(got.weights == [w], "\(context) \(key)") }
          if let t = value.type { #expect(got.types == [t], "\(context) \(key)") }
        }
      }
      let loopKeys = expected.edges.filter { $0.key.u == $0.key.v }
      #expect(g.selfLoopCount == loopKeys.reduce(0) { $0 + (duplicates == .keepAll ? $1.value.copies : 1) }, "\(context)")
      // Shuffled so that rows are no longer sorted, but with the copies of each edge in
      // the same order, the edges build the same graph through the general path.
      var shuffled = Self.shuffledKeepingCopyOrder(list)
      #expect(shuffled.sources != list.sources)
      let (h, _) = try CSRGraph.build(consuming: &shuffled, options: options)
      #expect(h == g, "\(context)")
    }
  }

  @Test func sortedLargeInputIsIndependentOfThreads() throws {
    let list = Self.sortedList(Self.randomList(seed: 21, n: 5000, m: 140_000))  // 3 parts
    for duplicates in [DuplicateEdgePolicy.keepLast, .sumWeights, .keepAll] {
      var a = list
      var b = list
      let one = try CSRGraph.build(consuming: &a, options: BuildOptions(selfLoops: .keep, duplicates: duplicates, threads: 1))
      let four = try CSRGraph.build(consuming: &b, options: BuildOptions(selfLoops: .keep, duplicates: duplicates, threads: 4))
      #expect(one.graph == four.graph, "\(duplicates)")
      #expect(one.report == four.report, "\(duplicates)")
      #expect(one.graph.selfLoopCount == four.graph.selfLoopCount)
      try four.graph.checkInvariants()
    }
  }

  @Test(arguments: [UInt64(1), 2])
  func threadCountDoesNotChangeTheResult(seed: UInt64) throws {
    // Over 3 · 65 536 edges, so the builder really splits the work into 4 parts.
    let list = Self.randomList(seed: seed, n: 3000, m: 200_000)
    let optionSets = [
      BuildOptions(directed: false, selfLoops: .drop, duplicates: .keepLast),
      BuildOptions(directed: true, selfLoops: .keep, duplicates: .sumWeights),
      BuildOptions(directed: false, selfLoops: .keep, duplicates: .keepAll),
    ]
    for var options in optionSets {
      options.threads = 1
      var a = list
      let one = try CSRGraph.build(consuming: &a, options: options)
      options.threads = 4
      var b = list
      let four = try CSRGraph.build(consuming: &b, options: options)
      #expect(one.graph == four.graph, "\(options)")
      #expect(one.report == four.report, "\(options)")
      try four.graph.checkInvariants()
    }
  }

  @Test func largeParallelBuildMatchesTheReference() throws {
    let list = Self.randomList(seed: 7, n: 2000, m: 200_000, typed: false)
    let options = BuildOptions(directed: false, selfLoops: .drop, duplicates: .keepLast, threads: 4)
    var copy = list
    let (g, report) = try CSRGraph.build(consuming: &copy, options: options)
    let expected = Self.reference(list, options: options)
    let actual = Self.extract(g)
    #expect(actual.count == expected.edges.count)
    #expect(report.selfLoopsRemoved == expected.loopsRemoved)
    var mismatches = 0
    for (key, value) in expected.edges where actual[key]?.weights != [value.weight!] { mismatches += 1 }
    #expect(mismatches == 0)
    try g.checkInvariants()
  }
}
