import Testing

@testable import GraphCore

@Suite struct NodeLabelMapTests {
  @Test func identity() {
    let map = NodeLabelMap(identity: 3)
    #expect(map.count == 3)
    #expect(map.isInteger)
    #expect(map.label(of: 2) == "2")
    #expect(map.integerLabel(of: 1) == 1)
    #expect(map.id(of: "0") == 0)
    #expect(map.id(of: "2") == 2)
    #expect(map.id(of: "3") == nil)
    #expect(map.id(of: "-1") == nil)
    #expect(map.id(of: "x") == nil)
  }

  @Test func sortedIntegers() {
    let map = NodeLabelMap(integers: [5, 7, 10, 4_000_000_000])
    #expect(map.count == 4)
    #expect(map.isInteger)
    #expect(map.label(of: 2) == "10")
    #expect(map.integerLabel(of: 3) == 4_000_000_000)
    #expect(map.id(of: "5") == 0)
    #expect(map.id(of: "7") == 1)
    #expect(map.id(of: "10") == 2)
    #expect(map.id(of: "4000000000") == 3)
    for missing in ["4", "6", "11", "9999999999", "abc", ""] {
      #expect(map.id(of: missing) == nil, "\(missing)")
    }
  }

  @Test func unsortedIntegers() {
    let map = NodeLabelMap(integers: [30, -1, 20])
    #expect(map.id(of: "30") == 0)
    #expect(map.id(of: "-1") == 1)
    #expect(map.id(of: "20") == 2)
    #expect(map.id(of: "25") == nil)
    #expect(map.label(of: 1) == "-1")
  }

  @Test func binarySearchFindsEveryLabel() {
    let labels = (0..<1000).map { Int64($0) * 3 + 1 }
    let map = NodeLabelMap(integers: labels)
    for (id, label) in labels.enumerated() {
      #expect(map.id(of: String(label)) == UInt32(id))
      #expect(map.id(of: String(label + 1)) == nil)
    }
  }

  @Test func strings() {
    let map = NodeLabelMap(strings: ["USA", "GBR", "日本"])
    #expect(map.count == 3)
    #expect(!map.isInteger)
    #expect(map.label(of: 2) == "日本")
    #expect(map.integerLabel(of: 0) == nil)
    #expect(map.id(of: "GBR") == 1)
    #expect(map.id(of: "日本") == 2)
    #expect(map.id(of: "usa") == nil)
  }

  @Test func equalityComparesStorage() {
    #expect(NodeLabelMap(identity: 2) == NodeLabelMap(identity: 2))
    #expect(NodeLabelMap(identity: 2) != NodeLabelMap(identity: 3))
    #expect(NodeLabelMap(identity: 2) != NodeLabelMap(integers: [0, 1]))
    #expect(NodeLabelMap(integers: [1, 2]) != NodeLabelMap(integers: [1, 3]))
    #expect(NodeLabelMap(strings: ["1", "2"]) != NodeLabelMap(integers: [1, 2]))
  }

  @Test func validatedRejectsDuplicates() {
    #expect(NodeLabelMap.validated(integers: [1, 2, 1]) == nil)
    #expect(NodeLabelMap.validated(integers: [3, 1, 2]) == NodeLabelMap(integers: [3, 1, 2]))
    #expect(NodeLabelMap.validated(integers: []) == NodeLabelMap(integers: []))
    #expect(NodeLabelMap.validated(strings: ["a", "b", "a"]) == nil)
    #expect(NodeLabelMap.validated(strings: ["a", "b"]) == NodeLabelMap(strings: ["a", "b"]))
  }

  @Test func labeledGraphPairsGraphAndLabels() {
    let g = build(3, [(0, 1)]).graph
    let lg = LabeledGraph(graph: g)
    #expect(lg.labels == NodeLabelMap(identity: 3))
    #expect(LabeledGraph(graph: g, labels: NodeLabelMap(strings: ["a", "b", "c"])) != lg)
  }
}
