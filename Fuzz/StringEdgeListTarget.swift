@testable import GraphCore

/// `edgelist-string`: SNAP edge lists with string labels (`--labels string`), as the
/// diagrams and string-keyed inputs read them. What parses must build a graph passing
/// `checkInvariants()` with distinct, non-empty labels free of separators, survive a
/// snapshot round trip, and read the same in tiny chunks as whole; rejects must be
/// ``InputError``s naming the file, equal whichever the chunking.
enum StringEdgeListTarget {
  static func run(_ data: UnsafeRawBufferPointer) {
    let path = Scratch.write(data, to: "input.txt")
    var whole = EdgeListTarget.wholeFile
    whole.labels = .string
    let reference = Result { try EdgeListReader.parse(path: path, options: whole) }
    var tiny = whole
    tiny.minimumChunkBytes = 1
    tiny.chunkBytes = 1 + Int(data.first ?? 0) % 48
    EdgeListTarget.requireSame(
      reference, Result { try EdgeListReader.parse(path: path, options: tiny) },
      "string labels, chunks of \(tiny.chunkBytes)")
    switch reference {
    case .failure(let error):
      requireInputError(error, path: path)
    case .success(let parsed):
      require(parsed.labels.count == parsed.edges.nodeCount, "labels for nodes")
      guard case .strings(let names) = parsed.labels.storage else {
        violated("string labels stored as \(parsed.labels.storage)")
      }
      require(Set(names).count == names.count, "two nodes share a label")
      for name in names {
        require(!name.isEmpty, "an empty label")
        require(
          !name.utf8.contains { Byte.isSeparator($0) || Byte.isLineEnd($0) },
          "label \(name.debugDescription) holds a separator")
      }
      do {
        let graph = try EdgeListReader.read(path: path, options: whole).graph
        EdgeListTarget.checkGraph(graph, what: "string labels")
        var directed = whole
        directed.directed = true
        directed.keepSelfLoops = true
        EdgeListTarget.checkGraph(
          try EdgeListReader.read(path: path, options: directed).graph, what: "string labels, directed")
      } catch { violated("parses but does not build: \(error)") }
    }
  }
}
