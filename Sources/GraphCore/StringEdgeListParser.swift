/// Parses an edge list whose labels are arbitrary tokens (nation codes, names without
/// spaces). Nodes get ids in order of first appearance, as networkx adds them.
/// Sequential: string-labelled inputs are small.
struct StringEdgeListParser {
  let file: InputFile
  let options: EdgeListReadOptions

  func run() throws -> ParsedEdgeList {
    var report = EdgeListReadReport()
    var bytes = [UInt8](repeating: 0, count: file.size)
    let got = try bytes.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count) }
    bytes.removeLast(bytes.count - got)
    report.bytes = got
    bytes.withUnsafeMutableBufferPointer { commentOutHeaderLine($0) }
    var edges = EdgeList(nodeCount: 0)
    var index: [String: UInt32] = [:]
    var names: [String] = []
    var weighted: Bool?
    var line = 0
    try bytes.withUnsafeBufferPointer { all in
      var start = 0
      while start < all.count {
        line += 1
        var end = start
        while end < all.count && all[end] != Byte.newline { end += 1 }
        defer { start = end + 1 }
        let text = UnsafeBufferPointer(rebasing: all[start..<end])
        guard let fields = splitFields(text) else { continue }
        func token(_ k: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: text[fields[k]]), as: UTF8.self) }
        if weighted == nil { weighted = fields.count >= 3 }
        let expected = weighted! ? 3 : 2
        if fields.count < 2 {
          throw InputError(file: file.path, line: line, field: EdgeListField.target, "missing: a line needs a source and a target label")
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
        var ids: [UInt32] = []
        for k in 0..<2 {
          let name = token(k)
          if let id = index[name] {
            ids.append(id)
          } else {
            guard names.count < Int(UInt32.max) else {
              throw InputError(file: file.path, line: line, "more than \(UInt32.max - 1) distinct labels")
            }
            let id = UInt32(names.count)
            index[name] = id
            names.append(name)
            ids.append(id)
          }
        }
        var weight: Double?
        if weighted! {
          guard let w = parseDecimal(UnsafeBufferPointer(rebasing: text[fields[2]])) else {
            throw InputError(
              file: file.path, line: line, field: EdgeListField.weight, "expected a number, found \"\(token(2))\"")
          }
          weight = w
          if edges.weights == nil { edges.weights = [] }
        }
        edges.append(ids[0], ids[1], weight: weight)
      }
    }
    edges.nodeCount = names.count
    report.lines = line
    report.edgeLines = edges.count
    report.weighted = weighted ?? false
    return ParsedEdgeList(edges: edges, labels: NodeLabelMap(strings: names), report: report)
  }
}
