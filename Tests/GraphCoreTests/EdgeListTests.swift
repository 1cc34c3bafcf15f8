import Testing

@testable import GraphCore

@Suite struct EdgeListTests {
  @Test func appendKeepsArraysParallel() {
    var list = EdgeList(nodeCount: 3, weights: [], edgeTypes: [])
    list.reserveCapacity(10)
    list.append(0, 1, weight: 2.5, type: 1)
    list.append(2, 0, weight: -1, type: 4)
    #expect(list.count == 2)
    #expect(list.sources == [0, 2])
    #expect(list.targets == [1, 0])
    #expect(list.weights == [2.5, -1])
    #expect(list.edgeTypes == [1, 4])
  }

  @Test func unweightedListIgnoresNoWeights() {
    var list = EdgeList(nodeCount: 2)
    list.append(0, 1)
    #expect(list.weights == nil)
    #expect(list.edgeTypes == nil)
    #expect(list == EdgeList(nodeCount: 2, sources: [0], targets: [1]))
  }
}
