import Foundation

/// How node labels in an edge list are read.
public enum LabelKind: String, Sendable, CaseIterable {
  /// Non-negative integers below 2³² − 1; nodes get ids in increasing label order.
  case integer
  /// Any token without separators; nodes get ids in order of first appearance.
  case string
}

/// Options for reading a SNAP-style edge list.
public struct EdgeListReadOptions: Sendable {
  /// How labels are read.
  public var labels: LabelKind = .integer
  /// When set, the graph has nodes `0..<declaredNodes` (isolated ones included) and every
  /// label must be below it; node ids equal labels. Integer labels only.
  public var declaredNodes: Int?
  /// Whether edges are directed.
  public var directed = false
  /// Whether self-loops are kept (they are dropped and counted otherwise).
  public var keepSelfLoops = false
  /// Threads used for parsing and building.
  public var threads = Parallel.availableCores
  /// Bytes read per chunk (at least 64 KiB are used); a line longer than this grows the buffer.
  public var chunkBytes = 32 << 20
  /// The longest line read: 1 MiB. A longer line is an error naming it, so reading takes at
  /// most a chunk and one line of memory, whatever the file (a 1 GB line, a sparse file).
  public static let maximumLineBytes = 1 << 20
  /// Knobs for tests and the fuzz targets: the line limit, the smallest chunk, and the bytes
  /// per parsing segment (one segment per thread, each at least this long).
  var lineLimit = EdgeListReadOptions.maximumLineBytes
  var minimumChunkBytes = 1 << 16
  var segmentBytes = 1 << 20

  public init(
    labels: LabelKind = .integer, declaredNodes: Int? = nil, directed: Bool = false,
    keepSelfLoops: Bool = false, threads: Int = Parallel.availableCores
  ) {
    self.labels = labels
    self.declaredNodes = declaredNodes
    self.directed = directed
    self.keepSelfLoops = keepSelfLoops
    self.threads = threads
  }
}

/// Facts about one read: sizes, what was removed, where the time went.
public struct EdgeListReadReport: Sendable, Equatable {
  /// Bytes of text read.
  public var bytes = 0
  /// Lines in the file.
  public var lines = 0
  /// Edge lines parsed (before removing self-loops and duplicates).
  public var edgeLines = 0
  /// Whether the file has a weight column.
  public var weighted = false
  /// Self-loops dropped.
  public var selfLoopsRemoved = 0
  /// Duplicate edges merged away.
  public var duplicatesRemoved = 0
  /// Seconds spent parsing text (and relabelling).
  public var parseSeconds = 0.0
  /// Seconds spent building the CSR.
  public var buildSeconds = 0.0
}

/// The parsed content of an edge list before the CSR is built.
public struct ParsedEdgeList: Sendable {
  /// Edges over dense ids.
  public var edges: EdgeList
  /// Labels of the dense ids.
  public var labels: NodeLabelMap
  /// Counts and timings so far.
  public var report: EdgeListReadReport
}

/// Reads SNAP-style edge lists: one edge per line, fields separated by spaces, tabs or
/// commas, `#` and `%` comment lines and blank lines skipped, LF or CRLF line ends, an
/// optional third weight column (present on the first edge line means required on all).
///
/// By default the result is a simple undirected graph, as networkx `read_edgelist` builds
/// one: `v u` after `u v` is the same edge, duplicates are dropped keeping the last weight,
/// self-loops are dropped and counted.
public enum EdgeListReader {
  /// Reads and builds a graph.
  /// - Throws: ``InputError`` naming file, line and field for bad input.
  /// - Complexity: O(bytes + n + m); parsing and building use `options.threads` threads.
  public static func read(path: String, options: EdgeListReadOptions = EdgeListReadOptions()) throws
    -> (graph: LabeledGraph, report: EdgeListReadReport)
  {
    var parsed = try parse(path: path, options: options)
    let clock = ContinuousClock.now
    let built: (graph: CSRGraph, report: BuildReport)
    do {
      built = try CSRGraph.build(
        consuming: &parsed.edges,
        options: BuildOptions(
          directed: options.directed, selfLoops: options.keepSelfLoops ? .keep : .drop,
          duplicates: .keepLast, threads: options.threads))
    } catch {
      throw InputError(file: path, error.description)
    }
    var report = parsed.report
    report.buildSeconds = (ContinuousClock.now - clock).seconds
    report.selfLoopsRemoved = built.report.selfLoopsRemoved
    report.duplicatesRemoved = built.report.duplicatesRemoved
    return (LabeledGraph(graph: built.graph, labels: parsed.labels), report)
  }

  /// Parses an edge list into dense-id edges and labels without building the CSR.
  /// - Throws: ``InputError`` naming file, line and field for bad input.
  public static func parse(path: String, options: EdgeListReadOptions = EdgeListReadOptions()) throws
    -> ParsedEdgeList
  {
    if let declared = options.declaredNodes {
      guard options.labels == .integer else {
        throw InputError(file: path, "--nodes declares integer labels 0..N-1; it cannot be used with string labels")
      }
      guard declared >= 0 && declared <= CSRGraph.nodeCountLimit else {
        throw InputError(file: path, "--nodes \(declared) is outside 0...\(CSRGraph.nodeCountLimit)")
      }
    }
    let clock = ContinuousClock.now
    let file = try InputFile(path: path)
    var result: ParsedEdgeList
    switch options.labels {
    case .integer: result = try IntegerEdgeListParser(file: file, options: options).run()
    case .string: result = try StringEdgeListParser(file: file, options: options).run()
    }
    if result.edges.count == 0 && options.declaredNodes == nil {
      throw InputError(
        file: path,
        result.report.bytes == 0
          ? "file is empty, expected edge lines \"source target [weight]\""
          : "file has no edge lines (only comments or blank lines), expected \"source target [weight]\"")
    }
    result.report.parseSeconds = (ContinuousClock.now - clock).seconds
    return result
  }
}

extension Duration {
  /// The duration in seconds.
  public var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}

/// Finds whether the first edge line of a buffer has a weight column.
/// Returns `nil` when the buffer has no edge line; throws for a line with too few fields.
func probeWeightColumn(
  _ bytes: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int
) throws -> Bool? {
  var start = 0
  var line = firstLine
  while start < bytes.count {
    var end = start
    while end < bytes.count && bytes[end] != Byte.newline { end += 1 }
    let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
    // A stray CR before the first edge line: the parser reports it, whatever the weights.
    if hasStrayCarriageReturn(text) { return false }
    if let fields = splitFields(text) {
      switch fields.count {
      case 1:
        throw InputError(
          file: path, line: line, field: EdgeListField.target,
          "missing: a line needs a source and a target label")
      case 2: return false
      case 3: return true
      default:
        throw InputError(
          file: path, line: line, field: EdgeListField.extra(4),
          "unexpected extra field: expected source, target and an optional weight")
      }
    }
    start = end + 1
    line += 1
  }
  return nil
}
