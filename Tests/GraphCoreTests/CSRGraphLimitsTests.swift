import Foundation
import Testing

@testable import GraphCore

/// The node-count limit (2³¹ − 1) and the builder's cursor budget: errors, never traps, and
/// the same graph whatever the number of parts.
@Suite struct CSRGraphLimitsTests {
  @Test func limitIsInt32Max() {
    #expect(CSRGraph.maximumNodeCount == 2_147_483_647)
    #expect(CSRGraph.nodeCountLimit == CSRGraph.maximumNodeCount)
  }

  @Test(arguments: [Int(Int32.max) + 1, Int(UInt32.max), Int(UInt32.max) + 1, 1 << 40, -1])
  func buildRejectsTooManyNodesBeforeAllocating(nodeCount: Int) throws {
    // The builder would allocate 8 bytes per node and part (≥ 16 GiB here) before its
    // first pass: the error must come first.
    var list = EdgeList(nodeCount: nodeCount, sources: [0], targets: [1])
    let error = #expect(throws: GraphSizeError.self) {
      _ = try CSRGraph.build(consuming: &list, options: BuildOptions(threads: 4))
    }
    #expect(error?.nodeCount == nodeCount)
    #expect(error?.limit == CSRGraph.maximumNodeCount)
    #expect(error?.description.contains(nodeCount < 0 ? "negative" : "at most 2147483647") == true, "\(error?.description ?? "")")
    #expect(list.count == 1, "a rejected list is left as it was")
  }

  @Test func loweredLimitIsEnforcedExactly() throws {
    try CSRGraph.$nodeCountLimit.withValue(100) {
      var atLimit = EdgeList(nodeCount: 100, sources: [0, 98], targets: [99, 1])
      let graph = try CSRGraph.build(consuming: &atLimit, options: BuildOptions(threads: 1)).graph
      #expect(graph.nodeCount == 100)
      var above = EdgeList(nodeCount: 101, sources: [0], targets: [100])
      let error = #expect(throws: GraphSizeError.self) { _ = try CSRGraph.build(consuming: &above) }
      #expect(error == GraphSizeError(nodeCount: 101, limit: 100))
    }
    // Only inside the task-local scope.
    var list = EdgeList(nodeCount: 101, sources: [0], targets: [100])
    #expect(try CSRGraph.build(consuming: &list).graph.nodeCount == 101)
  }

  @Test func edgeListWithMoreLabelsThanTheLimitIsAnInputError() throws {
    try withTemporaryDirectory { dir throws in
      // Six distinct integer labels, six distinct string labels.
      let integers = try dir.write("int.el", "0 10\n20 30\n40 50\n")
      let strings = try dir.write("str.el", "a b\nc d\ne f\n")
      try CSRGraph.$nodeCountLimit.withValue(5) {
        for (path, labels) in [(integers, LabelKind.integer), (strings, .string)] {
          let error = #expect(throws: InputError.self) {
            _ = try EdgeListReader.read(path: path, options: EdgeListReadOptions(labels: labels, threads: 2))
          }
          #expect(error?.file == path)
          // The builder's error, or the string parser's own (with the line) before it.
          let message = error?.message ?? ""
          #expect(
            (message.contains("6 nodes") && message.contains("at most 5")) || message.contains("more than 5 distinct labels"),
            "\(message)")
        }
        let declared = #expect(throws: InputError.self) {
          _ = try EdgeListReader.read(path: integers, options: EdgeListReadOptions(declaredNodes: 6))
        }
        #expect(declared?.message.contains("--nodes 6 is outside 0...5") == true, "\(declared?.message ?? "")")
        // At the limit both read.
        let five = try dir.write("five.el", "0 1\n2 3\n3 4\n")
        #expect(try EdgeListReader.read(path: five).graph.graph.nodeCount == 5)
      }
    }
  }

  @Test func snapshotWithMoreNodesThanTheLimitIsAnInputError() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("g.bin")
      try GraphSnapshot.write(LabeledGraph(graph: build(10, [(0, 9), (3, 4)]).graph), to: path, threads: 1)
      CSRGraph.$nodeCountLimit.withValue(9) {
        let error = #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: path, threads: 1) }
        #expect(error?.field == "header.nodes")
        #expect(error?.message.contains("at most 9") == true, "\(error?.message ?? "")")
      }
      #expect(try GraphSnapshot.read(path: path, threads: 1).graph.nodeCount == 10)
    }
  }

  // MARK: - Cursor budget

  @Test func builderPartsFollowTheCursorBudget() {
    // Small and medium graphs: one part per thread, at most one per 65,536 edges.
    #expect(CSRGraph.builderParts(nodeCount: 1_000, edgeCount: 1_000, threads: 16) == 1)
    #expect(CSRGraph.builderParts(nodeCount: 1 << 20, edgeCount: 16 << 20, threads: 16) == 16)
    #expect(CSRGraph.builderParts(nodeCount: 1 << 20, edgeCount: 16 << 20, threads: 2) == 2)
    // n = 10⁸ with 10⁹ edges on 16 threads: 2 parts (1.6 GB of cursors, not 12.8 GB).
    #expect(CSRGraph.builderParts(nodeCount: 100_000_000, edgeCount: 1_000_000_000, threads: 16) == 2)
    // Many nodes, few edges: the 256 MiB floor, then one part.
    #expect(CSRGraph.builderParts(nodeCount: 100_000_000, edgeCount: 100_000_000, threads: 16) == 1)
    #expect(CSRGraph.builderParts(nodeCount: 10_000_000, edgeCount: 20_000_000, threads: 16) == 3)
    // The cursors never exceed the budget once there is more than one part.
    for n in [1 << 10, 1 << 16, 1 << 22, 1 << 26, 1 << 30] {
      for m in [n, 8 * n, 32 * n] {
        let parts = CSRGraph.builderParts(nodeCount: n, edgeCount: m, threads: 64)
        let budget = max(CSRGraph.minimumCursorBudget, 2 * m)
        #expect(parts == 1 || 8 * n * parts <= budget, "n \(n) m \(m): \(parts) parts")
      }
    }
    // An explicit budget.
    #expect(CSRGraph.builderParts(nodeCount: 1_000, edgeCount: 1 << 20, threads: 8, cursorBudget: 3 * 8_000) == 3)
    #expect(CSRGraph.builderParts(nodeCount: 1_000, edgeCount: 1 << 20, threads: 8, cursorBudget: 1) == 1)
  }

  @Test(arguments: [false, true])
  func everyPartCountBuildsTheSameGraph(sortedInput: Bool) throws {
    // Parts forced (the budget's choice is checked above): the same graph and report for
    // 1 to 13 parts, through both the sorted-rows shortcut and the second pass.
    var list = CSRGraphBuilderTests.randomList(seed: 21, n: 3_000, m: 40_000, typed: true)
    if sortedInput { list = CSRGraphBuilderTests.sortedList(list) }
    for (duplicates, selfLoops, directed) in [
      (DuplicateEdgePolicy.keepLast, SelfLoopPolicy.drop, false), (.sumWeights, .keep, false), (.keepAll, .keep, true),
    ] {
      var reference: (graph: CSRGraph, report: BuildReport)?
      for parts in [1, 2, 3, 5, 8, 13] {
        var options = BuildOptions(directed: directed, selfLoops: selfLoops, duplicates: duplicates, threads: 4)
        options.parts = parts
        var copy = list
        let built = try CSRGraph.build(consuming: &copy, options: options)
        if let reference {
          #expect(built.graph == reference.graph, "\(parts) parts, \(duplicates) \(selfLoops) directed \(directed)")
          #expect(built.report == reference.report)
        } else {
          try built.graph.checkInvariants(threads: 3)
          reference = built
        }
      }
    }
  }
}
