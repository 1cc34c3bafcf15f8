import Foundation

/// Parses an integer-labelled edge list chunk by chunk, each chunk split at line starts
/// into one segment per thread; segments are appended in file order, so the result does
/// not depend on the thread count.
struct IntegerEdgeListParser {
  let file: InputFile
  let options: EdgeListReadOptions

  func run() throws -> ParsedEdgeList {
    var report = EdgeListReadReport()
    var edges = EdgeList(nodeCount: 0)
    var weighted: Bool?
    var maxLabel: UInt32 = 0
    var linesBefore = 0
    var reserved = false
    var headerChecked = false
    var chunks = EdgeListChunks(
      file: file, chunkBytes: max(options.chunkBytes, options.minimumChunkBytes), maximumLineBytes: options.lineLimit)

    while let chunk = try chunks.next(firstLine: linesBefore + 1) {
      // Only the file's first edge line may be a header, whichever chunk it falls in.
      if !headerChecked { headerChecked = commentOutHeaderLine(chunk) }
      let region = UnsafeBufferPointer(chunk)
      if weighted == nil {
        weighted = try probeWeightColumn(region, path: file.path, firstLine: linesBefore + 1)
        if weighted == true && edges.weights == nil { edges.weights = [] }
      }
      let segments = parseSegments(region, weighted: weighted ?? false)
      for segment in segments {
        if let problem = segment.problem {
          throw InputError(
            file: file.path, line: linesBefore + problem.line, field: problem.field, problem.message)
        }
        linesBefore += segment.lines
      }
      if !reserved && chunks.bytesRead < file.size {
        // Estimate the total from the first chunk to avoid regrowing large arrays, but never
        // reserve more than a quarter of the memory: a file's size says little (a sparse tail).
        let chunkEdges = segments.reduce(0) { $0 + $1.sources.count }
        let estimate = Double(chunkEdges) * Double(file.size) / Double(max(region.count, 1)) * 1.02 + 1024
        let affordable = Double(ProcessInfo.processInfo.physicalMemory) / 4 / Double(weighted == true ? 16 : 8)
        edges.reserveCapacity(Int(min(estimate, affordable)))
        reserved = true
      }
      for segment in segments {
        edges.sources.append(contentsOf: segment.sources)
        edges.targets.append(contentsOf: segment.targets)
        if weighted == true { edges.weights!.append(contentsOf: segment.weights) }
        maxLabel = max(maxLabel, segment.maxLabel)
      }
    }
    report.bytes = chunks.bytesRead
    report.lines = linesBefore
    report.edgeLines = edges.count
    report.weighted = weighted ?? false

    let labels: NodeLabelMap
    if let declared = options.declaredNodes {
      edges.nodeCount = declared
      labels = NodeLabelMap(identity: declared)
    } else if edges.count == 0 {
      labels = NodeLabelMap(identity: 0)
    } else {
      labels = Relabeling.compact(&edges, maxLabel: maxLabel)
    }
    return ParsedEdgeList(edges: edges, labels: labels, report: report)
  }

  /// Parses a region of whole lines on up to `options.threads` threads.
  private func parseSegments(_ region: UnsafeBufferPointer<UInt8>, weighted: Bool) -> [IntegerSegment] {
    let parts = max(1, min(options.threads, region.count / max(options.segmentBytes, 1) + 1))
    // Segment boundaries at line starts.
    var bounds = [0]
    for part in 1..<parts {
      var k = max(region.count * part / parts, bounds[part - 1])
      while k < region.count && k > 0 && region[k - 1] != Byte.newline { k += 1 }
      bounds.append(k)
    }
    bounds.append(region.count)
    let results = PartResults<IntegerSegment>(count: parts)
    let base = UncheckedSendable(region.baseAddress!)
    let cuts = bounds
    let declared = options.declaredNodes
    let lineLimit = options.lineLimit
    Parallel.forEach(parts: parts, threads: options.threads) { part in
      results.set(
        part,
        parseIntegerSegment(
          base.value + cuts[part], base.value + cuts[part + 1], weighted: weighted, declaredNodes: declared,
          lineLimit: lineLimit))
    }
    return results.values
  }
}

/// Maps the labels that appear in an edge list to dense ids in increasing label order.
enum Relabeling {
  /// Rewrites `edges` in place to dense ids and returns their labels.
  /// - Complexity: O(m + maxLabel) with a rank array when labels are dense enough,
  ///   else O(m + k log k) for k distinct labels with a dictionary.
  static func compact(_ edges: inout EdgeList, maxLabel: UInt32) -> NodeLabelMap {
    let span = Int(maxLabel) + 1
    if span <= max(1 << 24, 4 * 2 * edges.count) {
      var rank = [UInt32](repeating: UInt32.max, count: span)
      rank.withUnsafeMutableBufferPointer { r in
        for s in edges.sources { r[Int(s)] = 0 }
        for t in edges.targets { r[Int(t)] = 0 }
      }
      var present: [Int64] = []
      var next: UInt32 = 0
      for label in 0..<span where rank[label] == 0 {
        rank[label] = next
        present.append(Int64(label))
        next += 1
      }
      edges.nodeCount = Int(next)
      if Int(next) == span { return NodeLabelMap(identity: span) }
      rewrite(&edges) { rank[Int($0)] }
      return NodeLabelMap(integers: present)
    }
    var distinct = Set<UInt32>()
    for s in edges.sources { distinct.insert(s) }
    for t in edges.targets { distinct.insert(t) }
    let sorted = distinct.sorted()
    var index = [UInt32: UInt32](minimumCapacity: sorted.count)
    for (id, label) in sorted.enumerated() { index[label] = UInt32(id) }
    edges.nodeCount = sorted.count
    rewrite(&edges) { index[$0]! }
    return NodeLabelMap(integers: sorted.map { Int64($0) })
  }

  private static func rewrite(_ edges: inout EdgeList, _ map: (UInt32) -> UInt32) {
    edges.sources.withUnsafeMutableBufferPointer { s in
      for k in s.indices { s[k] = map(s[k]) }
    }
    edges.targets.withUnsafeMutableBufferPointer { t in
      for k in t.indices { t[k] = map(t[k]) }
    }
  }
}
