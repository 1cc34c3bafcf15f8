import Foundation
import Testing

@testable import GraphCore

@Suite struct EdgeListReaderTests {
  /// Reads `text` from a temporary file.
  func read(_ text: String, options: EdgeListReadOptions = EdgeListReadOptions(threads: 1)) throws
    -> (graph: LabeledGraph, report: EdgeListReadReport)
  {
    try withTemporaryDirectory { dir throws in
      try EdgeListReader.read(path: dir.write("g.el", text), options: options)
    }
  }

  /// The InputError thrown when reading `text` from a file named `name`, with its path.
  func readError(
    _ text: String, name: String = "bad.el", options: EdgeListReadOptions = EdgeListReadOptions(threads: 1)
  ) throws -> (error: InputError?, path: String) {
    try withTemporaryDirectory { dir throws in
      let path = try dir.write(name, text)
      let error = #expect(throws: InputError.self) { _ = try EdgeListReader.read(path: path, options: options) }
      return (error, path)
    }
  }

  // MARK: - Syntax

  /// The triangle 0–1–2 plus the edge 2–3, written in many layouts.
  static let layouts: [String] = [
    "0 1\n1 2\n2 0\n2 3\n",
    "0\t1\n1\t2\n2\t0\n2\t3\n",
    "0,1\n1,2\n2,0\n2,3\n",
    "0 1\r\n1 2\r\n2 0\r\n2 3\r\n",
    "# comment\n% other comment\n0 1\n\n1 2\n   \n2 0\n2 3",
    "   0 1\n\t1   2\n  2 \t 0  \n2 3\t\n",
    "0 1\n1 2\n2 0\n2 3",
    "# c\r\n0 1\r\n\r\n1 2\r\n2 0\r\n2 3",
    "0 , 1\n1,\t2\n2  0\n3 2\n",
    "\n\n0 1\n% x\n1 2\n# y\n2 0\n2 3\n\n\n",
  ]

  @Test(arguments: layouts)
  func layoutsGiveTheSameGraph(text: String) throws {
    let (lg, report) = try read(text)
    #expect(lg.labels == NodeLabelMap(identity: 4))
    #expect(lg.graph.offsets == [0, 2, 4, 7, 8])
    #expect(lg.graph.targets == [1, 2, 0, 2, 0, 1, 3, 2])
    #expect(report.edgeLines == 4)
    #expect(!report.weighted)
    #expect(report.bytes == text.utf8.count)
  }

  @Test func reportCountsLinesAndRemovals() throws {
    let text = "# header\n0 1\n1 0\n2 2\n1 2\n\n1 2\n"
    let (lg, report) = try read(text)
    #expect(report.lines == 7)
    #expect(report.edgeLines == 5)
    #expect(report.selfLoopsRemoved == 1)
    #expect(report.duplicatesRemoved == 2)
    #expect(lg.graph.edgeCount == 2)
    #expect(lg.graph.nodeCount == 3)  // node 2 stays, only its loop went
  }

  /// A `source,target[,weight]` header (as `.csv` files written for pandas have) is
  /// skipped when it is the first edge line, for both label kinds; later it is an edge.
  @Test func csvHeaderLineIsSkippedOnlyAsTheFirstEdgeLine() throws {
    let (plain, plainReport) = try read("# made by hand\nSource,Target\n0,1\n1,2\n")
    #expect(plain.graph.edgeCount == 2 && plainReport.edgeLines == 2 && !plainReport.weighted)
    let (weighted, weightedReport) = try read("source,target,weight\n0,1,0.5\n")
    #expect(weightedReport.weighted && weighted.graph.weights == [0.5, 0.5])
    var strings = EdgeListReadOptions(threads: 1)
    strings.labels = .string
    let (named, _) = try read("source target\nUSA CAN\nsource target\n", options: strings)
    #expect(named.labels.label(of: 0) == "USA" && named.graph.edgeCount == 2)  // the second one is an edge
    // Integer labels: a header anywhere else is an error naming its line.
    let (error, _) = try readError("0 1\nsource target\n")
    #expect(error?.line == 2)
  }

  @Test func weightedThirdColumn() throws {
    let (lg, report) = try read("0 1 0.5\n1 2 -3\n2 0 1e3\n0 1 2.25\n")
    #expect(report.weighted)
    let g = lg.graph
    #expect(g.targets == [1, 2, 0, 2, 0, 1])
    #expect(g.weights == [2.25, 1000, 2.25, -3, 1000, -3])  // the last weight of 0–1 wins
    #expect(report.duplicatesRemoved == 1)
  }

  @Test func weightedWithCRLFAndCommas() throws {
    let (lg, _) = try read("0,1,1.5\r\n1,2,2.5\r\n")
    #expect(lg.graph.weights == [1.5, 1.5, 2.5, 2.5])
  }

  @Test func integerLabelsAreRelabelledInIncreasingOrder() throws {
    let (lg, _) = try read("10 5\n7 10\n")
    #expect(lg.labels == NodeLabelMap(integers: [5, 7, 10]))
    #expect(lg.labels.id(of: "5") == 0)
    #expect(lg.labels.id(of: "7") == 1)
    #expect(lg.labels.id(of: "10") == 2)
    // Edges 10–5 and 7–10 become 2–0 and 1–2.
    #expect(lg.graph.offsets == [0, 1, 2, 4])
    #expect(lg.graph.targets == [2, 2, 0, 1])
  }

  @Test func hugeSparseLabelsAreRelabelled() throws {
    let (lg, _) = try read("4294967294 3\n3 1000000000\n")
    #expect(lg.labels == NodeLabelMap(integers: [3, 1_000_000_000, 4_294_967_294]))
    #expect(lg.graph.targets == [1, 2, 0, 0])
  }

  @Test func labelsZeroToNMinusOneAreTheIdentity() throws {
    let (lg, _) = try read("2 0\n1 3\n")
    #expect(lg.labels == NodeLabelMap(identity: 4))
    #expect(rows(lg.graph) == [[2], [3], [0], [1]])
  }

  @Test func declaredNodesKeepsIsolatedNodes() throws {
    var options = EdgeListReadOptions(declaredNodes: 6, threads: 1)
    options.threads = 1
    let (lg, _) = try read("0 5\n5 2\n", options: options)
    #expect(lg.labels == NodeLabelMap(identity: 6))
    #expect(lg.graph.nodeCount == 6)
    #expect(rows(lg.graph) == [[5], [], [5], [], [], [0, 2]])
  }

  @Test func declaredNodesAllowsAnEmptyFile() throws {
    let (lg, _) = try read("# nothing\n", options: EdgeListReadOptions(declaredNodes: 3, threads: 1))
    #expect(lg.graph.nodeCount == 3)
    #expect(lg.graph.edgeCount == 0)
  }

  @Test func stringLabelsInFirstAppearanceOrder() throws {
    let text = "# alliances\nUSA GBR\nFRA USA 2.5\n"
    // The first edge line has two fields, so the second line's weight is an error...
    let (error, _) = try readError(text, options: EdgeListReadOptions(labels: .string, threads: 1))
    #expect(error?.line == 3)
    let (lg, _) = try read("USA GBR\r\nFRA USA\n\nGBR,DEU\n", options: EdgeListReadOptions(labels: .string, threads: 1))
    #expect(lg.labels == NodeLabelMap(strings: ["USA", "GBR", "FRA", "DEU"]))
    #expect(rows(lg.graph) == [[1, 2], [0, 3], [0], [1]])
  }

  @Test func stringLabelsWeighted() throws {
    let (lg, report) = try read(
      "b a 1.5\n% c\nc b 2\na b 4\n", options: EdgeListReadOptions(labels: .string, threads: 1))
    #expect(report.weighted)
    #expect(lg.labels == NodeLabelMap(strings: ["b", "a", "c"]))
    #expect(rows(lg.graph) == [[1, 2], [0], [0]])
    #expect(lg.graph.weights == [4, 2, 4, 2])
  }

  @Test func stringLabelsMayLookLikeNumbers() throws {
    let (lg, _) = try read("10 5\n7 10\n", options: EdgeListReadOptions(labels: .string, threads: 1))
    #expect(lg.labels == NodeLabelMap(strings: ["10", "5", "7"]))
  }

  @Test func directedOption() throws {
    let (lg, report) = try read("0 1\n1 0\n0 1\n2 0\n", options: EdgeListReadOptions(directed: true, threads: 1))
    #expect(lg.graph.isDirected)
    #expect(rows(lg.graph) == [[1], [0], [0]])
    #expect(lg.graph.edgeCount == 3)
    #expect(report.duplicatesRemoved == 1)
  }

  @Test func keepSelfLoopsOption() throws {
    let (lg, report) = try read("0 0\n0 1\n1 1\n", options: EdgeListReadOptions(keepSelfLoops: true, threads: 1))
    #expect(lg.graph.selfLoopCount == 2)
    #expect(lg.graph.edgeCount == 3)
    #expect(report.selfLoopsRemoved == 0)
    #expect(rows(lg.graph) == [[0, 1], [0, 1]])
    let (dropped, droppedReport) = try read("0 0\n0 1\n1 1\n")
    #expect(dropped.graph.selfLoopCount == 0)
    #expect(droppedReport.selfLoopsRemoved == 2)
  }

  @Test func parseReturnsEdgesBeforeBuilding() throws {
    let parsed = try withTemporaryDirectory { dir throws in
      try EdgeListReader.parse(path: dir.write("g.el", "9 4\n4 9\n4 4\n"), options: EdgeListReadOptions(threads: 1))
    }
    #expect(parsed.edges.nodeCount == 2)
    #expect(parsed.edges.sources == [1, 0, 0])
    #expect(parsed.edges.targets == [0, 1, 0])
    #expect(parsed.labels == NodeLabelMap(integers: [4, 9]))
    #expect(parsed.report.edgeLines == 3)
    #expect(parsed.report.lines == 3)
  }

  // MARK: - Errors

  struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var line: Int?
    var field: String?
    var phrase: String
    var labels: LabelKind = .integer
    var declaredNodes: Int? = nil
    var testDescription: String { name }
  }

  static let badInputs: [BadInput] = [
    BadInput(
      name: "word as source", text: "0 1\n# c\nx 2\n", line: 3, field: "field 1 (source label)",
      phrase: "expected a non-negative integer label"),
    BadInput(
      name: "word as target", text: "0 1\n2 y\n", line: 2, field: "field 2 (target label)",
      phrase: "expected a non-negative integer label"),
    BadInput(
      name: "decimal label", text: "0 1\n1.5 2\n", line: 2, field: "field 1 (source label)",
      phrase: "non-negative integer label"),
    BadInput(
      name: "negative source", text: "0 1\n-3 2\n", line: 2, field: "field 1 (source label)", phrase: "non-negative"),
    BadInput(
      name: "negative target", text: "0 -1\n", line: 1, field: "field 2 (target label)", phrase: "non-negative"),
    BadInput(name: "single field", text: "0 1\n\n5\n", line: 3, field: "field 2 (target label)", phrase: "missing"),
    BadInput(name: "single field first", text: "5\n0 1\n", line: 1, field: "field 2 (target label)", phrase: "missing"),
    BadInput(
      name: "missing weight", text: "0 1 1.0\n1 2 2\n1 2\n", line: 3, field: "field 3 (weight)", phrase: "missing"),
    BadInput(
      name: "unexpected weight", text: "0 1\n1 2 3\n", line: 2, field: "field 3", phrase: "unexpected field"),
    BadInput(name: "extra field", text: "0 1 1\n1 2 3 4\n", line: 2, field: "field 4", phrase: "unexpected extra field"),
    BadInput(name: "four fields first", text: "0 1 1 1\n", line: 1, field: "field 4", phrase: "unexpected extra field"),
    BadInput(
      name: "non-numeric weight", text: "0 1 0.5\n1 2 abc\n", line: 2, field: "field 3 (weight)",
      phrase: "expected a number, found \"abc\""),
    BadInput(name: "nan weight", text: "0 1 nan\n", line: 1, field: "field 3 (weight)", phrase: "expected a number"),
    BadInput(
      name: "label above declared", text: "0 1\n1 3\n", line: 2, field: "field 2 (target label)",
      phrase: "out of range", declaredNodes: 3),
    BadInput(name: "label 2^32-1", text: "4294967295 1\n", line: 1, field: "field 1 (source label)", phrase: "too large"),
    BadInput(name: "eleven digits", text: "0 99999999999\n", line: 1, field: "field 2 (target label)", phrase: "too large"),
    BadInput(name: "empty file", text: "", line: nil, field: nil, phrase: "file is empty"),
    BadInput(name: "comments only", text: "# a\n% b\n\n", line: nil, field: nil, phrase: "no edge lines"),
    BadInput(
      name: "string single field", text: "a b\nc\n", line: 2, field: "field 2 (target label)", phrase: "missing",
      labels: .string),
    BadInput(
      name: "string missing weight", text: "a b 1\nc d\n", line: 2, field: "field 3 (weight)", phrase: "missing",
      labels: .string),
    BadInput(
      name: "string extra field", text: "a b\nc d e\n", line: 2, field: "field 3", phrase: "unexpected field",
      labels: .string),
    BadInput(
      name: "string bad weight", text: "a b 1\r\nc d x\r\n", line: 2, field: "field 3 (weight)",
      phrase: "expected a number", labels: .string),
    BadInput(name: "string empty file", text: "", line: nil, field: nil, phrase: "file is empty", labels: .string),
  ]

  @Test(arguments: badInputs)
  func badInputIsReportedWithFileLineAndField(_ bad: BadInput) throws {
    let options = EdgeListReadOptions(labels: bad.labels, declaredNodes: bad.declaredNodes, threads: 1)
    let (error, path) = try readError(bad.text, options: options)
    let e = try #require(error)
    #expect(e.file == path)
    #expect(e.line == bad.line)
    #expect(e.field == bad.field)
    #expect(e.message.contains(bad.phrase), "\(e.message)")
    if let line = bad.line {
      #expect(e.description.hasPrefix("\(path):\(line): "))
    }
  }

  @Test func nonexistentPath() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("missing.el")
      let error = #expect(throws: InputError.self) { _ = try EdgeListReader.read(path: path) }
      #expect(error?.file == path)
      #expect(error?.line == nil)
      #expect(error?.message.contains("cannot open") == true)
    }
  }

  @Test func directoryPath() throws {
    try withTemporaryDirectory { dir throws in
      let error = #expect(throws: InputError.self) {
        _ = try EdgeListReader.read(path: dir.path, options: EdgeListReadOptions(threads: 1))
      }
      #expect(error?.file == dir.path)
      #expect(error?.message.contains("directory") == true)
    }
  }

  @Test func declaredNodesWithStringLabelsIsRejected() throws {
    let (error, _) = try readError("a b\n", options: EdgeListReadOptions(labels: .string, declaredNodes: 3, threads: 1))
    #expect(error?.message.contains("string labels") == true)
  }

  @Test func negativeDeclaredNodesIsRejected() throws {
    let (error, _) = try readError("0 1\n", options: EdgeListReadOptions(declaredNodes: -1, threads: 1))
    #expect(error?.message.contains("outside") == true)
  }

  // MARK: - Chunks and threads

  /// About `lines` weighted edge lines with comments, blank lines, CRLF and one very long
  /// comment line (longer than the minimum 64 KiB chunk) near line 1000.
  static func bigText(lines: Int, badLine: Int? = nil) -> String {
    var random = RandomStream(seed: 42)
    var text = ""
    text.reserveCapacity(lines * 20)
    for line in 1...lines {
      if line == badLine {
        text += "17 x 1.5\n"
      } else if line == 1000 {
        text += "# " + String(repeating: "long comment ", count: 8000) + "\n"
      } else if line % 97 == 0 {
        text += "% comment \(line)\n"
      } else if line % 89 == 0 {
        text += "\n"
      } else {
        let u = random.below(5000)
        let v = random.below(5000)
        let w = Double(random.below(10_000)) / 16
        text += line % 5 == 0 ? "\(u)\t\(v)\t\(w)\r\n" : "\(u) \(v) \(w)\n"
      }
    }
    return text
  }

  @Test func smallChunksGiveTheSameResultAsOneChunk() throws {
    let text = Self.bigText(lines: 12_000)
    #expect(text.utf8.count > 3 * 65_536)
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("big.el", text)
      var small = EdgeListReadOptions(threads: 1)
      small.chunkBytes = 64
      let one = try EdgeListReader.read(path: path, options: EdgeListReadOptions(threads: 1))
      let many = try EdgeListReader.read(path: path, options: small)
      #expect(one.graph == many.graph)
      #expect(one.report.lines == 12_000)
      #expect(many.report.lines == 12_000)
      #expect(many.report.edgeLines == one.report.edgeLines)
      #expect(many.report.bytes == text.utf8.count)
      #expect(many.report.duplicatesRemoved == one.report.duplicatesRemoved)
      #expect(many.report.selfLoopsRemoved == one.report.selfLoopsRemoved)
      #expect(one.graph.graph.isWeighted)
    }
  }

  @Test(arguments: [250, 1001, 9_876])
  func errorLineNumbersAreRightAcrossChunks(badLine: Int) throws {
    let text = Self.bigText(lines: 12_000, badLine: badLine)
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("big.el", text)
      for chunk in [64, 100_000, 32 << 20] {
        var options = EdgeListReadOptions(threads: 2)
        options.chunkBytes = chunk
        let error = #expect(throws: InputError.self) { _ = try EdgeListReader.read(path: path, options: options) }
        #expect(error?.line == badLine, "chunk \(chunk)")
        #expect(error?.field == "field 2 (target label)", "chunk \(chunk)")
      }
    }
  }

  @Test func lineLongerThanTheChunkAtTheStart() throws {
    // The very first line does not fit the first chunk.
    let text = String(repeating: " ", count: 200_000) + "3 4\n4 5\n"
    var options = EdgeListReadOptions(threads: 1)
    options.chunkBytes = 64
    let (lg, report) = try read(text, options: options)
    #expect(lg.labels == NodeLabelMap(integers: [3, 4, 5]))
    #expect(lg.graph.edgeCount == 2)
    #expect(report.lines == 2)
  }

  @Test func weightColumnFoundAfterAChunkOfComments() throws {
    // The first edge line is beyond the first 64 KiB chunk; it decides the weight column.
    var text = ""
    for k in 0..<3000 { text += "# comment line number \(k)\n" }
    #expect(text.utf8.count > 65_536)
    var options = EdgeListReadOptions(threads: 1)
    options.chunkBytes = 64
    let (lg, report) = try read(text + "0 1 2.5\n1 2 0.5\n", options: options)
    #expect(report.weighted)
    #expect(lg.graph.weights == [2.5, 2.5, 0.5, 0.5])
    #expect(report.lines == 3002)
    let (error, _) = try readError(text + "0 1 2.5\n1 2\n", options: options)
    #expect(error?.line == 3002)
    #expect(error?.field == "field 3 (weight)")
  }

  @Test func fileOfExactlyOneChunk() throws {
    // 65 536 bytes: exactly the smallest chunk, so the reader sees a full buffer then EOF.
    var text = ""
    let line = "12 34\n"  // 6 bytes
    while text.utf8.count + line.utf8.count <= 65_536 - 4 { text += line }
    text += "1 2\n"
    text += String(repeating: "#", count: 65_536 - text.utf8.count)
    #expect(text.utf8.count == 65_536)
    var options = EdgeListReadOptions(threads: 1)
    options.chunkBytes = 65_536
    let (lg, report) = try read(text, options: options)
    #expect(lg.graph.edgeCount == 2)
    #expect(report.bytes == 65_536)
  }

  @Test func threadCountDoesNotChangeTheResult() throws {
    // Over 2 MiB, so the reader splits the text into several segments per chunk.
    var random = RandomStream(seed: 5)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(2_600_000)
    var lines = 0
    while bytes.count < 2_500_000 {
      appendDecimal(random.below(200_000), to: &bytes)
      bytes.append(Byte.space)
      appendDecimal(random.below(200_000), to: &bytes)
      bytes.append(Byte.newline)
      lines += 1
    }
    let badLine = lines - 3
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("big.el", bytes: bytes)
      let one = try EdgeListReader.read(path: path, options: EdgeListReadOptions(threads: 1))
      let four = try EdgeListReader.read(path: path, options: EdgeListReadOptions(threads: 4))
      #expect(one.graph == four.graph)
      #expect(one.report.lines == lines)
      #expect(four.report.lines == lines)
      #expect(one.report.duplicatesRemoved == four.report.duplicatesRemoved)

      // An error near the end is reported on its line with 4 threads too.
      var broken = bytes
      var lineStart = 0
      var line = 1
      while line < badLine {
        if broken[lineStart] == Byte.newline { line += 1 }
        lineStart += 1
      }
      broken[lineStart] = UInt8(ascii: "z")
      let brokenPath = try dir.write("broken.el", bytes: broken)
      let error = #expect(throws: InputError.self) {
        _ = try EdgeListReader.read(path: brokenPath, options: EdgeListReadOptions(threads: 4))
      }
      #expect(error?.line == badLine)
      #expect(error?.field == "field 1 (source label)")
    }
  }

  // MARK: - Found by fuzzing (Fuzz/, issue 19)

  /// Options that read `text` in chunks of `chunk` bytes and segments of `segment` bytes.
  static func tiny(_ chunk: Int, _ segment: Int = 1 << 20, labels: LabelKind = .integer) -> EdgeListReadOptions {
    var options = EdgeListReadOptions(labels: labels, threads: 2)
    options.minimumChunkBytes = 1
    options.chunkBytes = chunk
    options.segmentBytes = segment
    return options
  }

  @Test(arguments: [LabelKind.integer, .string])
  func aStrayCarriageReturnIsAnErrorOnItsLineWhateverTheChunks(labels: LabelKind) throws {
    // Fuzz `edgelist`: a CR inside line 2, before the first edge line, was skipped as a blank
    // line when the file was read whole (the error came from line 3) and reported on line 2
    // in 38-byte chunks. Only LF and CRLF end lines; a CR elsewhere is an error on its line.
    let text = "% a comment\r\n\t\r3 4\n5\n6 7\n"
    for options in [EdgeListReadOptions(labels: labels, threads: 1), Self.tiny(7, labels: labels), Self.tiny(38, 11, labels: labels)] {
      let (error, _) = try readError(text, options: options)
      #expect(error?.line == 2, "chunk \(options.chunkBytes)")
      #expect(error?.message == "a carriage return (\\r) inside the line: expected LF or CRLF line ends")
    }
    // Inside an edge line too, and in the weight.
    #expect(try readError("0 1\n1\r2\n", options: EdgeListReadOptions(labels: labels, threads: 1)).error?.line == 2)
    #expect(try readError("0 1 1\n1 2\r3\n", options: EdgeListReadOptions(labels: labels, threads: 1)).error?.line == 2)
    // A CR in a comment is text, and CRLF blank lines are blank.
    let (lg, report) = try read("# a\rb\r\n \t\r\n0 1\r\n", options: EdgeListReadOptions(labels: labels, threads: 1))
    #expect(lg.graph.edgeCount == 1)
    #expect(report.lines == 3)
  }

  @Test(arguments: [LabelKind.integer, .string])
  func onlyTheFilesFirstEdgeLineCanBeAHeader(labels: LabelKind) throws {
    // With the first edge line in a later chunk, the header check used to run again on every
    // chunk until the weight column was known: a second `source,target` line was skipped in
    // small chunks and an error read whole.
    let text = "# a comment long enough to fill a chunk\nsource,target\nsource,target\n"
    for options in [EdgeListReadOptions(labels: labels, threads: 1), Self.tiny(16, labels: labels), Self.tiny(48, labels: labels)] {
      if labels == .integer {
        let (error, _) = try readError(text, options: options)
        #expect(error?.line == 3, "chunk \(options.chunkBytes)")
      } else {
        let (lg, _) = try read(text, options: options)
        #expect(lg.labels == NodeLabelMap(strings: ["source", "target"]), "chunk \(options.chunkBytes)")
      }
    }
  }

  @Test func stringLabelsReadInChunksLikeTheWholeFile() throws {
    // The string-label reader now reads chunk by chunk (it used to allocate the whole file).
    let text = Self.bigText(lines: 3000).replacingOccurrences(of: "% comment", with: "# c")
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("big.el", text)
      let whole = try EdgeListReader.read(path: path, options: EdgeListReadOptions(labels: .string, threads: 1))
      for chunk in [1, 13, 4096] {
        let chunked = try EdgeListReader.read(path: path, options: Self.tiny(chunk, labels: .string))
        #expect(chunked.graph == whole.graph, "chunk \(chunk)")
        #expect(chunked.report.lines == 3000 && chunked.report.bytes == text.utf8.count)
      }
    }
  }

  @Test func anEmptyStringLabelIsAnError() throws {
    let (error, _) = try readError(",a,b\n", options: EdgeListReadOptions(labels: .string, threads: 1))
    #expect(error?.line == 1)
    #expect(error?.field == "field 1 (source label)")
    #expect(error?.message == "expected a label, found an empty field")
  }
}
