/// Parses an edge list whose labels are arbitrary tokens (nation codes, names without
/// spaces). Nodes get ids in order of first appearance, as networkx adds them.
/// Sequential (string-labelled inputs are small), reading chunk by chunk like the integer
/// parser, so memory is the graph plus one chunk whatever the file's size.
struct StringEdgeListParser {
  let file: InputFile
  let options: EdgeListReadOptions

  func run() throws -> ParsedEdgeList {
    var report = EdgeListReadReport()
    var edges = EdgeList(nodeCount: 0)
    var index: [String: UInt32] = [:]
    var names: [String] = []
    var weighted: Bool?
    var line = 0
    var headerChecked = false
    // Chunks of a few MiB: enough to amortise the reads, small beside the graph.
    var chunks = EdgeListChunks(
      file: file, chunkBytes: max(min(options.chunkBytes, 4 << 20), options.minimumChunkBytes),
      maximumLineBytes: options.lineLimit)
    while let chunk = try chunks.next(firstLine: line + 1) {
      // Only the file's first edge line may be a header, whichever chunk it falls in.
      if !headerChecked { headerChecked = commentOutHeaderLine(chunk) }
      let all = UnsafeBufferPointer(chunk)
      var start = 0
      while start < all.count {
        line += 1
        var end = start
        while end < all.count && all[end] != Byte.newline { end += 1 }
        defer { start = end + 1 }
        guard end - start <= options.lineLimit else {
          throw EdgeListChunks.lineTooLong(file.path, line: line, limit: options.lineLimit)
        }
        // A CR is allowed only before the LF (comment lines may hold anything).
        if hasStrayCarriageReturn(UnsafeBufferPointer(rebasing: all[start..<end])) {
          throw InputError(file: file.path, line: line, loneCarriageReturnMessage)
        }
        var stop = end
        if stop > start && all[stop - 1] == Byte.carriageReturn { stop -= 1 }
        let text = UnsafeBufferPointer(rebasing: all[start..<stop])
        guard let fields = splitFields(text) else { continue }
        func token(_ k: Int) -> String {
          String(decoding: UnsafeBufferPointer(rebasing: text[fields[k]]), as: UTF8.self)
        }
        if weighted == nil {
          weighted = fields.count >= 3
          if weighted! { edges.weights = [] }
        }
        let expected = weighted! ? 3 : 2
        if fields.count < 2 {
          throw InputError(
            file: file.path, line: line, field: EdgeListField.target,
            "missing: a line needs a source and a target label")
        }
        if fields.count < expected {
          throw InputError(
            file: file.path, line: line, field: EdgeListField.weight,
            "missing: the first edge line has a weight, so every line needs one")
        }
        if fields.count > expected {
          let message =
            weighted!
            ? "unexpected extra field \"\(token(expected))\": expected source, target and weight"
            : "unexpected field \"\(token(expected))\": the first edge line has no weight, so no line may have one"
          throw InputError(file: file.path, line: line, field: EdgeListField.extra(expected + 1), message)
        }
        var ids: (UInt32, UInt32) = (0, 0)
        for k in 0..<2 {
          guard !fields[k].isEmpty else {
            throw InputError(
              file: file.path, line: line, field: k == 0 ? EdgeListField.source : EdgeListField.target,
              "expected a label, found an empty field")
          }
          let name = token(k)
          let id: UInt32
          if let known = index[name] {
            id = known
          } else {
            guard names.count < CSRGraph.nodeCountLimit else {
              throw InputError(file: file.path, line: line, "more than \(CSRGraph.nodeCountLimit) distinct labels")
            }
            id = UInt32(names.count)
            index[name] = id
            names.append(name)
          }
          if k == 0 { ids.0 = id } else { ids.1 = id }
        }
        var weight: Double?
        if weighted! {
          guard let w = parseDecimal(UnsafeBufferPointer(rebasing: text[fields[2]])) else {
            throw InputError(
              file: file.path, line: line, field: EdgeListField.weight, "expected a number, found \"\(token(2))\"")
          }
          weight = w
        }
        edges.append(ids.0, ids.1, weight: weight)
      }
      // A chunk ending in a newline: the loop above counted the empty text after it as no line.
    }
    report.bytes = chunks.bytesRead
    edges.nodeCount = names.count
    report.lines = line
    report.edgeLines = edges.count
    report.weighted = weighted ?? false
    return ParsedEdgeList(edges: edges, labels: NodeLabelMap(strings: names), report: report)
  }
}
