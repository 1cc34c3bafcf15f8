@testable import GraphCore

/// `edgelist`: SNAP edge lists with integer labels (and weights), read as the command line
/// reads them. Each input is read
/// 1. with the defaults on one thread: what parses must build a graph that passes
///    `checkInvariants()`, and survive a snapshot and (without isolated nodes) an edge-list
///    round trip unchanged;
/// 2. in tiny chunks and segments on two threads: the same result, or the same error (file,
///    line, field and message), as reading it whole;
/// 3. directed with self-loops and `--nodes 1000`: parses exactly when every label is below
///    1000 (given 1 parsed), into 1000 nodes;
/// 4. with string labels: what parses as integers parses as strings, edge for edge.
/// Rejects must be ``InputError``s naming the file.
enum EdgeListTarget {
  /// One thread and a 64 KiB chunk, which holds every input whole (libFuzzer's inputs are a
  /// few KiB); the default 32 MiB buffer would cost ASan more than the parse.
  static let wholeFile: EdgeListReadOptions = {
    var options = EdgeListReadOptions(threads: 1)
    options.chunkBytes = 1 << 16
    return options
  }()

  static func run(_ data: UnsafeRawBufferPointer) {
    let path = Scratch.write(data, to: "input.el")
    let whole = wholeFile
    let reference = Result { try EdgeListReader.parse(path: path, options: whole) }

    var tiny = whole
    tiny.threads = 2
    tiny.minimumChunkBytes = 1
    tiny.chunkBytes = 1 + Int(data.first ?? 0) % 48
    tiny.segmentBytes = 1 + Int(data.last ?? 0) % 24
    let chunked = Result { try EdgeListReader.parse(path: path, options: tiny) }
    requireSame(reference, chunked, "whole vs chunks of \(tiny.chunkBytes) bytes, segments of \(tiny.segmentBytes)")

    var declared = whole
    declared.directed = true
    declared.keepSelfLoops = true
    declared.declaredNodes = 1000
    let bounded = Result { try EdgeListReader.read(path: path, options: declared) }

    var strings = whole
    strings.labels = .string
    let named = Result { try EdgeListReader.parse(path: path, options: strings) }

    switch reference {
    case .failure(let error):
      requireInputError(error, path: path)
      // Only a file without edge lines may read with --nodes (as 1000 isolated nodes).
      if case .success(let graph) = bounded, graph.graph.graph.edgeCount > 0 {
        violated("parses with --nodes 1000 but not without: \(error)")
      }
      if case .failure(let other) = bounded { requireInputError(other, path: path) }
    case .success(let parsed):
      checkParsed(parsed, path: path)
      let maxLabel =
        parsed.labels.count == 0 ? -1 : Int(parsed.labels.integerLabel(of: UInt32(parsed.labels.count - 1))!)
      switch bounded {
      case .success(let graph):
        require(maxLabel < 1000, "--nodes 1000 accepted label \(maxLabel)")
        require(
          graph.graph.graph.nodeCount == 1000 && graph.graph.graph.isDirected,
          "--nodes 1000 gave \(graph.graph.graph.nodeCount) nodes")
        checkGraph(graph.graph, what: "directed, --nodes 1000")
      case .failure(let error):
        requireInputError(error, path: path)
        require(maxLabel >= 1000, "--nodes 1000 refused labels up to \(maxLabel): \(error)")
      }
      guard case .success(let asStrings) = named else {
        violated("parses with integer labels but not string labels: \(named)")
      }
      requireSameEdges(integers: parsed, strings: asStrings)
      roundTrips(path: path)
    }
    if case .failure(let error) = named { requireInputError(error, path: path) }
  }

  /// Two reads of one file agree: equal edges, labels and counts, or equal errors.
  static func requireSame(_ a: Result<ParsedEdgeList, Error>, _ b: Result<ParsedEdgeList, Error>, _ what: String) {
    switch (a, b) {
    case (.success(let x), .success(let y)):
      require(x.edges == y.edges, "\(what): different edges")
      require(x.labels == y.labels, "\(what): different labels")
      var rx = x.report, ry = y.report
      rx.parseSeconds = 0
      ry.parseSeconds = 0
      require(rx == ry, "\(what): reports \(rx) and \(ry)")
    case (.failure(let x), .failure(let y)):
      require((x as? InputError) == (y as? InputError), "\(what): errors \"\(x)\" and \"\(y)\"")
    default:
      violated("\(what): one parses, the other does not: \(a) / \(b)")
    }
  }

  static func checkParsed(_ parsed: ParsedEdgeList, path: String) {
    let edges = parsed.edges
    require(edges.count > 0, "parsed without edges")
    require(parsed.labels.count == edges.nodeCount, "\(parsed.labels.count) labels for \(edges.nodeCount) nodes")
    require(
      edges.sources.allSatisfy { Int($0) < edges.nodeCount } && edges.targets.allSatisfy { Int($0) < edges.nodeCount },
      "an endpoint ≥ n")
    require(parsed.report.edgeLines == edges.count && parsed.report.lines >= edges.count, "report \(parsed.report)")
    require(parsed.report.weighted == (edges.weights != nil), "weighted flag")
    if let weights = edges.weights {
      require(weights.count == edges.count && weights.allSatisfy(\.isFinite), "weights")
    }
    // Integer labels: increasing, each used by an edge, below 2³² − 1.
    var previous: Int64 = -1
    for id in 0..<parsed.labels.count {
      let label = parsed.labels.integerLabel(of: UInt32(id))!
      require(label > previous && label < Int64(UInt32.max), "labels not increasing at \(id)")
      previous = label
    }
    var used = [Bool](repeating: false, count: edges.nodeCount)
    for k in 0..<edges.count {
      used[Int(edges.sources[k])] = true
      used[Int(edges.targets[k])] = true
    }
    require(used.allSatisfy { $0 }, "a label no edge uses")
  }

  /// A graph's invariants, its snapshot round trip, and for integer labels its edge-list
  /// round trip.
  static func checkGraph(_ graph: LabeledGraph, what: String) {
    do { try graph.graph.checkInvariants() } catch { violated("\(what): \(error)") }
    require(graph.labels.count == graph.graph.nodeCount, "\(what): labels")
    let bin = Scratch.path("roundtrip.bin")
    do {
      try GraphSnapshot.write(graph, to: bin, threads: 1)
      let back = try GraphSnapshot.read(path: bin, threads: 1)
      require(back == graph, "\(what): the snapshot reads back different")
    } catch { violated("\(what): snapshot round trip: \(error)") }
  }

  static func roundTrips(path: String) {
    let graph: LabeledGraph
    do { graph = try EdgeListReader.read(path: path, options: wholeFile).graph } catch {
      violated("parses but does not build: \(error)")
    }
    checkGraph(graph, what: "undirected")
    // An edge list cannot hold an isolated node (one whose only edges were self-loops).
    guard (0..<graph.graph.nodeCount).allSatisfy({ graph.graph.degree(of: UInt32($0)) > 0 }) else { return }
    let text = Scratch.path("roundtrip.el")
    do {
      try EdgeListWriter.write(graph, to: text, threads: 1)
      let back = try EdgeListReader.read(path: text, options: wholeFile).graph
      require(back == graph, "the edge list written reads back different")
    } catch { violated("edge-list round trip: \(error)") }
  }

  /// The string-label reading of a file that parses with integer labels has the same edges.
  static func requireSameEdges(integers: ParsedEdgeList, strings: ParsedEdgeList) {
    let a = integers.edges, b = strings.edges
    require(a.count == b.count, "\(a.count) edges with integer labels, \(b.count) with string labels")
    require(a.weights == b.weights, "weights differ between integer and string labels")
    func label(_ map: NodeLabelMap, _ id: UInt32) -> Int64? { map.integerLabel(of: id) ?? Int64(map.label(of: id)) }
    for k in 0..<a.count {
      require(
        label(integers.labels, a.sources[k]) == label(strings.labels, b.sources[k])
          && label(integers.labels, a.targets[k]) == label(strings.labels, b.targets[k]),
        "edge \(k) differs between integer and string labels")
    }
  }
}
