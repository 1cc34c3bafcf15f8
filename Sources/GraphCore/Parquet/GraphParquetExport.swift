import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What ``GraphParquetExport/write(_:to:partitions:rowGroupRows:)`` wrote.
public struct GraphParquetSummary: Sendable, Equatable {
  public var nodes: Int
  public var edges: Int
  public var selfLoops: Int
  public var partitions: Int
  public var directed: Bool
  public var weighted: Bool
  /// Whether node labels are strings (then `src`/`dst` hold node ids and `nodes` maps them).
  public var stringLabels: Bool
  /// Bytes of every file written.
  public var bytes: Int
}

/// Writes a graph as a folder of Parquet files that Spark, pandas and pyarrow read:
///
/// ```
/// OUT/edges/part-00000.parquet …   src INT64, dst INT64[, weight DOUBLE]
/// OUT/nodes/part-00000.parquet     node INT64[, label STRING]
/// OUT/_graph.json                  directed, weighted, counts, partitions, columns
/// ```
///
/// `src` and `dst` hold the original integer labels (for string-labelled graphs the node
/// ids, which `nodes` maps to their `label`). An undirected edge appears once, with
/// `src < dst` (a kept self-loop once, `src == dst`); a directed edge as `src → dst`. Edges
/// are in CSR order, split into `partitions` files of near-equal size; `nodes` lists every
/// node, isolated ones included. Row groups hold at most `rowGroupRows` rows, so memory is
/// bounded by a row group whatever the graph's size.
///
/// The folder is written beside `OUT` under a hidden temporary name and renamed into place
/// when complete, so a failure leaves `OUT` as it was. An existing `OUT` is replaced only if
/// it is empty or an earlier export (it holds `_graph.json`).
///
/// - Complexity: O(n + m) time; O(rowGroupRows) memory beyond the graph.
public enum GraphParquetExport {
  /// The format name in `_graph.json`.
  public static let formatName = "alliancegraph-parquet-edges"

  /// The `part-NNNNN.parquet` name of partition `k`.
  public static func partName(_ k: Int) -> String {
    let digits = String(k)
    return "part-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".parquet"
  }

  /// Writes `graph` to the folder `path`.
  /// - Parameters:
  ///   - partitions: the number of edge files, at least 1.
  ///   - rowGroupRows: the largest row group, at least 1.
  /// - Throws: ``InputError`` naming the file for I/O failures or an `OUT` that cannot be
  ///   replaced.
  @discardableResult
  public static func write(
    _ graph: LabeledGraph, to path: String, partitions: Int, rowGroupRows: Int = 1 << 20
  ) throws -> GraphParquetSummary {
    precondition(partitions >= 1, "partitions must be at least 1")
    precondition(rowGroupRows >= 1, "rowGroupRows must be at least 1")
    let target = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    let existing = try replaceable(target)
    let parent = target.contains("/") ? String(target[..<target.lastIndex(of: "/")!]) : "."
    let name = target.split(separator: "/").last.map(String.init) ?? target
    let staging = try makeTemporaryDirectory(beside: target, parent: parent.isEmpty ? "/" : parent, name: name, tag: "tmp")
    let summary: GraphParquetSummary
    do {
      summary = try writeContents(graph, into: staging, shownAs: target, partitions: partitions, rowGroupRows: rowGroupRows)
    } catch {
      try? FileManager.default.removeItem(atPath: staging)
      throw error
    }
    var aside: String?
    if existing {
      do {
        let old = try makeTemporaryDirectory(beside: target, parent: parent.isEmpty ? "/" : parent, name: name, tag: "old")
        guard rename(target, old) == 0 else {
          let reason = systemError()
          rmdir(old)
          throw InputError(file: target, "cannot move the earlier export aside: \(reason)")
        }
        aside = old
      } catch {
        try? FileManager.default.removeItem(atPath: staging)
        throw error
      }
    }
    guard rename(staging, target) == 0 else {
      let reason = systemError()
      if let aside { rename(aside, target) }
      try? FileManager.default.removeItem(atPath: staging)
      throw InputError(file: target, "cannot move the finished export into place: \(reason)")
    }
    if let aside { try? FileManager.default.removeItem(atPath: aside) }
    return summary
  }

  /// Whether `target` exists and may be replaced; throws when it exists and may not.
  private static func replaceable(_ target: String) throws -> Bool {
    var info = stat()
    guard lstat(target, &info) == 0 else { return false }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      throw InputError(file: target, "exists and is not a folder; the export writes a folder")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
    if entries.isEmpty || FileBytes.isFile(target + "/_graph.json") { return true }
    throw InputError(file: target, "exists and is not an earlier export (no _graph.json); remove it or choose another folder")
  }

  private static func makeTemporaryDirectory(beside target: String, parent: String, name: String, tag: String) throws -> String {
    var template = Array("\(parent)/.\(name).\(tag)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard made != nil else { throw InputError(file: target, "cannot create a temporary folder beside it: \(systemError())") }
    return String(cString: template)
  }

  private static func makeDirectory(_ path: String, shownAs shown: String) throws {
    guard mkdir(path, 0o755) == 0 else { throw InputError(file: shown, "cannot create the folder: \(systemError())") }
  }

  private static func writeContents(
    _ labeled: LabeledGraph, into staging: String, shownAs target: String, partitions: Int, rowGroupRows: Int
  ) throws -> GraphParquetSummary {
    guard chmod(staging, 0o755) == 0 else { throw InputError(file: target, "cannot set permissions: \(systemError())") }
    try makeDirectory(staging + "/edges", shownAs: target + "/edges")
    try makeDirectory(staging + "/nodes", shownAs: target + "/nodes")
    let graph = labeled.graph
    let n = graph.nodeCount
    let stringLabels = !labeled.labels.isInteger
    // The exported key of each node: its integer label, or its id for string labels.
    let keys: [Int64] = (0..<n).map { labeled.labels.integerLabel(of: UInt32($0)) ?? Int64($0) }
    let weighted = graph.weights != nil
    var bytes = 0

    // Edges: CSR entries u → v kept once (undirected: the one whose source key is smaller).
    func kept(_ u: Int, _ v: Int) -> Bool { graph.isDirected || keys[u] <= keys[v] }
    var total = 0
    var selfLoops = 0
    graph.withUnsafeView { view in
      for u in 0..<n {
        for k in view.offsets[u]..<view.offsets[u + 1] {
          let v = Int(view.targets[k])
          if v == u { selfLoops += 1 }
          if kept(u, v) { total += 1 }
        }
      }
    }
    var columns = [ParquetColumn("src", .int64), ParquetColumn("dst", .int64)]
    if weighted { columns.append(ParquetColumn("weight", .double)) }
    var u = 0
    var entry = graph.offsets.first ?? 0
    for part in 0..<partitions {
      let quota = total * (part + 1) / partitions - total * part / partitions
      let file = "\(staging)/edges/\(partName(part))"
      let shown = "\(target)/edges/\(partName(part))"
      var encoder = ParquetEncoder(columns: columns, createdBy: "AllianceGraph alliance export edges")
      var src: [Int64] = []
      var dst: [Int64] = []
      var weight: [Double] = []
      var left = quota
      func encodeGroup(_ writer: inout ByteWriter) throws {
        var values: [ParquetValues] = [.int64(src), .int64(dst)]
        if weighted { values.append(.double(weight)) }
        do { try writer.write(try encoder.rowGroup(values)) } catch let error as ParquetEncodingError {
          throw InputError(file: shown, error.description)
        }
        src.removeAll(keepingCapacity: true)
        dst.removeAll(keepingCapacity: true)
        weight.removeAll(keepingCapacity: true)
      }
      try AtomicFile.write(to: file) { writer in
        try writer.write(encoder.header())
        src.reserveCapacity(min(rowGroupRows, quota))
        dst.reserveCapacity(min(rowGroupRows, quota))
        while left > 0 {
          while entry == graph.offsets[u + 1] { u += 1 }
          let v = Int(graph.targets[entry])
          if kept(u, v) {
            src.append(keys[u])
            dst.append(keys[v])
            if weighted { weight.append(graph.weights![entry]) }
            left -= 1
            if src.count == rowGroupRows { try encodeGroup(&writer) }
          }
          entry += 1
        }
        if !src.isEmpty || encoder.rowCount == 0 { try encodeGroup(&writer) }
        try writer.write(encoder.footer())
      }
      bytes += fileSize(file)
    }

    // Nodes.
    var nodeColumns = [ParquetColumn("node", .int64)]
    if stringLabels { nodeColumns.append(ParquetColumn("label", .string)) }
    let nodeFile = "\(staging)/nodes/\(partName(0))"
    try AtomicFile.write(to: nodeFile) { writer in
      var encoder = ParquetEncoder(columns: nodeColumns, createdBy: "AllianceGraph alliance export edges")
      try writer.write(encoder.header())
      var start = 0
      repeat {
        let end = min(n, start + rowGroupRows)
        var values: [ParquetValues] = [.int64(Array(keys[start..<end]))]
        if stringLabels { values.append(.string((start..<end).map { labeled.labels.label(of: UInt32($0)) })) }
        do { try writer.write(try encoder.rowGroup(values)) } catch let error as ParquetEncodingError {
          throw InputError(file: "\(target)/nodes/\(partName(0))", error.description)
        }
        start = end
      } while start < n
      try writer.write(encoder.footer())
    }
    bytes += fileSize(nodeFile)

    let summary = GraphParquetSummary(
      nodes: n, edges: total, selfLoops: selfLoops, partitions: partitions,
      directed: graph.isDirected, weighted: weighted, stringLabels: stringLabels, bytes: bytes)
    let json = Array(manifest(summary, edgeColumns: columns, nodeColumns: nodeColumns).utf8)
    try AtomicFile.write(to: "\(staging)/_graph.json") { writer in try writer.write(json) }
    return summary
  }

  /// The text of `_graph.json`.
  static func manifest(_ s: GraphParquetSummary, edgeColumns: [ParquetColumn], nodeColumns: [ParquetColumn]) -> String {
    func columnList(_ columns: [ParquetColumn]) -> String {
      columns.map { c in
        let type: String
        switch c.kind {
        case .int64: type = "int64"
        case .double: type = "double"
        case .string: type = "string"
        }
        return "{\"name\": \"\(c.name)\", \"type\": \"\(type)\"}"
      }.joined(separator: ", ")
    }
    return """
      {
        "format": "\(formatName)",
        "version": 1,
        "directed": \(s.directed),
        "weighted": \(s.weighted),
        "labels": "\(s.stringLabels ? "string" : "integer")",
        "nodes": \(s.nodes),
        "edges": \(s.edges),
        "self_loops": \(s.selfLoops),
        "partitions": \(s.partitions),
        "edge_columns": [\(columnList(edgeColumns))],
        "node_columns": [\(columnList(nodeColumns))]
      }

      """
  }

  private static func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }
}
