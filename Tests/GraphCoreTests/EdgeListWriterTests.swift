import Foundation
import Testing

@testable import GraphCore

@Suite struct EdgeListWriterTests {
  struct Format: CustomTestStringConvertible, Sendable {
    var fileName: String
    var separator: UInt8
    var testDescription: String { fileName }
  }

  static let formats = [
    Format(fileName: "g.el", separator: Byte.space),
    Format(fileName: "g.tsv", separator: Byte.tab),
    Format(fileName: "g.csv", separator: Byte.comma),
  ]

  /// Writes `graph`, checks the text's shape, and reads it back with `options`.
  func roundTrip(
    _ graph: LabeledGraph, format: Format, options: EdgeListReadOptions = EdgeListReadOptions(threads: 1)
  ) throws -> (graph: LabeledGraph, text: String) {
    try withTemporaryDirectory { dir throws in
      let path = dir.path(format.fileName)
      try EdgeListWriter.write(graph, to: path, separator: format.separator, threads: 2)
      let text = try dir.text(format.fileName)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      if format.separator == Byte.comma {
        #expect(lines.first == (graph.graph.isWeighted ? "source,target,weight" : "source,target"))
      } else {
        #expect(lines.first?.hasPrefix("# ") == true)
      }
      #expect(lines.last == "")  // ends with a newline
      let edgeLines = lines.dropFirst().dropLast()
      let g = graph.graph
      #expect(edgeLines.count == (g.isDirected ? g.entryCount : g.edgeCount))
      let expectedFields = g.isWeighted ? 3 : 2
      for line in edgeLines {
        #expect(line.split(separator: Character(UnicodeScalar(format.separator))).count == expectedFields, "\(line)")
      }
      #expect(try dir.listing() == [format.fileName])  // no temporary file left behind
      var options = options
      options.directed = g.isDirected
      options.keepSelfLoops = g.selfLoopCount > 0
      if case .strings = graph.labels.storage { options.labels = .string }
      return (try EdgeListReader.read(path: path, options: options).graph, text)
    }
  }

  static func triangle(weights: [Double]? = nil) -> CSRGraph {
    // 0–1, 0–2, 1–2, 2–3.
    build(4, [(0, 1), (0, 2), (1, 2), (2, 3)], weights: weights).graph
  }

  @Test(arguments: formats)
  func unweightedRoundTrip(format: Format) throws {
    let original = LabeledGraph(graph: Self.triangle())
    let (back, text) = try roundTrip(original, format: format)
    #expect(back == original)
    let s = Character(UnicodeScalar(format.separator))
    let first = format.separator == Byte.comma ? "source,target" : "# undirected graph: 4 nodes, 4 edges"
    #expect(text == "\(first)\n0\(s)1\n0\(s)2\n1\(s)2\n2\(s)3\n")
  }

  static let awkwardWeights: [Double] = [0.1, 1e-300, 123456.789, -2.5, .leastNonzeroMagnitude, 1.7976931348623157e308, 1e22, 1e23, 0]

  @Test(arguments: formats)
  func weightedRoundTripIsExact(format: Format) throws {
    let n = Self.awkwardWeights.count + 1
    // A star: 0 – k with weight awkwardWeights[k - 1].
    let pairs = (1..<n).map { (UInt32(0), UInt32($0)) }
    let original = LabeledGraph(graph: build(n, pairs, weights: Self.awkwardWeights).graph)
    let (back, text) = try roundTrip(original, format: format)
    #expect(back == original)
    #expect(back.graph.weights?.map(\.bitPattern) == original.graph.weights?.map(\.bitPattern))
    #expect(text.hasPrefix(format.separator == Byte.comma ? "source,target,weight\n" : "# undirected graph: 10 nodes, 9 edges, weighted\n"))
  }

  @Test(arguments: formats)
  func stringLabelsRoundTrip(format: Format) throws {
    let labels = NodeLabelMap(strings: ["USA", "GBR", "FRA", "Côte_d'Ivoire", "日本"])
    let g = build(5, [(0, 1), (2, 0), (3, 4), (1, 4), (2, 3)], weights: [1.5, 2, 0.1, 3, 4]).graph
    let original = LabeledGraph(graph: g, labels: labels)
    let (back, _) = try roundTrip(original, format: format)
    #expect(back.graph.nodeCount == 5)
    #expect(back.graph.edgeCount == 5)
    #expect(labelledEdges(back) == labelledEdges(original))
    #expect(labelledEdges(back)["FRA→USA"] == [2])
  }

  @Test(arguments: formats)
  func integerLabelsWithGapsRoundTrip(format: Format) throws {
    let labels = NodeLabelMap(integers: [3, 10, 42, 1000, 4_294_967_294])
    let g = build(5, [(0, 4), (1, 2), (3, 1), (4, 3)]).graph
    let original = LabeledGraph(graph: g, labels: labels)
    let (back, text) = try roundTrip(original, format: format)
    #expect(back == original)
    #expect(text.contains("4294967294"))
  }

  @Test(arguments: formats)
  func directedRoundTrip(format: Format) throws {
    let g = build(3, [(0, 1), (1, 0), (2, 1), (0, 2)], weights: [1, 2, 3, 4], directed: true).graph
    let original = LabeledGraph(graph: g)
    let (back, text) = try roundTrip(original, format: format)
    #expect(back == original)
    #expect(text.hasPrefix(format.separator == Byte.comma ? "source,target,weight\n" : "# directed graph: 3 nodes, 4 edges, weighted\n"))
  }

  @Test func selfLoopIsWrittenOnce() throws {
    let g = build(2, [(0, 0), (0, 1), (1, 1)], selfLoops: .keep).graph
    let original = LabeledGraph(graph: g)
    let (back, text) = try roundTrip(original, format: Self.formats[0])
    #expect(back == original)
    #expect(text == "# undirected graph: 2 nodes, 3 edges\n0 0\n0 1\n1 1\n")
  }

  @Test func multigraphCopiesAreAllWritten() throws {
    let g = build(2, [(0, 1), (1, 0)], duplicates: .keepAll).graph
    try withTemporaryDirectory { dir throws in
      let path = dir.path("m.el")
      try EdgeListWriter.write(LabeledGraph(graph: g), to: path, threads: 1)
      #expect(try dir.text("m.el") == "# undirected graph: 2 nodes, 2 edges\n0 1\n0 1\n")
    }
  }

  @Test func emptyGraphWritesOnlyTheComment() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("e.el")
      try EdgeListWriter.write(LabeledGraph(graph: CSRGraph(isolatedNodes: 0)), to: path, threads: 1)
      #expect(try dir.text("e.el") == "# undirected graph: 0 nodes, 0 edges\n")
    }
  }

  @Test func writeReplacesAnExistingFile() throws {
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("g.el", "old content that is longer than the new one\n" + String(repeating: "x", count: 500))
      try EdgeListWriter.write(LabeledGraph(graph: build(2, [(0, 1)]).graph), to: path, threads: 1)
      #expect(try dir.text("g.el") == "# undirected graph: 2 nodes, 1 edges\n0 1\n")
    }
  }

  @Test func writeIntoAMissingDirectoryFails() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("no/such/dir/g.el")
      let error = #expect(throws: InputError.self) {
        try EdgeListWriter.write(LabeledGraph(graph: build(2, [(0, 1)]).graph), to: path, threads: 1)
      }
      #expect(error?.file == path)
      #expect(try dir.listing().isEmpty)
    }
  }

  @Test func largerGraphRoundTripsWithThreads() throws {
    let list = CSRGraphBuilderTests.randomList(seed: 11, n: 500, m: 5000, typed: false)
    var copy = list
    let g = try CSRGraph.build(consuming: &copy, options: BuildOptions(threads: 1)).graph
    // Drop isolated nodes' influence: declare the node count when reading back.
    try withTemporaryDirectory { dir throws in
      let path = dir.path("r.el")
      try EdgeListWriter.write(LabeledGraph(graph: g), to: path, threads: 4)
      let back = try EdgeListReader.read(path: path, options: EdgeListReadOptions(declaredNodes: 500, threads: 2))
      #expect(back.graph.graph == g)
    }
  }

  @Test
  func labelsStartingWithACommentCharacterRoundTrip() throws {
    // Read "a #b" and "c #b": labels a, #b, c. The writer puts the lower id first, so the
    // edge {#b, c} is written as "#b c", which the reader skips as a comment.
    try withTemporaryDirectory { dir throws in
      let input = try dir.write("in.el", "a #b\nc #b\n")
      let options = EdgeListReadOptions(labels: .string, threads: 1)
      let original = try EdgeListReader.read(path: input, options: options).graph
      #expect(original.graph.edgeCount == 2)
      let output = dir.path("out.el")
      try EdgeListWriter.write(original, to: output, threads: 1)
      let back = try EdgeListReader.read(path: output, options: options).graph
      #expect(labelledEdges(back) == labelledEdges(original))
    }
  }
}
