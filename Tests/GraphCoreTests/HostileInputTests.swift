import Foundation
import Testing

@testable import GraphCore

/// Hostile sizes and shapes (issue 19, item 7): each is a clear error or bounded memory,
/// found before anything large is allocated. Sizes come from sparse files, so the tests
/// neither write nor read gigabytes.
@Suite struct HostileInputTests {
  /// A file of `size` bytes that starts with `prefix` and is a hole after it.
  func sparseFile(_ dir: TemporaryDirectory, _ name: String, prefix: [UInt8] = [], size: UInt64) throws -> String {
    let path = try dir.write(name, bytes: prefix)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: size)
    try handle.close()
    return path
  }

  // MARK: - Edge lists: one line of 1 GB, a 10 GB hole

  @Test(arguments: [LabelKind.integer, .string])
  func aLineOfOneGigabyteIsRefusedAfterOneChunk(labels: LabelKind) throws {
    try withTemporaryDirectory { dir throws in
      // "0 1\n", then 1 GB of zero bytes without a newline.
      let path = try sparseFile(dir, "long.el", prefix: Array("0 1\n".utf8), size: 1 << 30)
      var options = EdgeListReadOptions(labels: labels, threads: 1)
      options.chunkBytes = 4 << 20
      let start = ContinuousClock.now
      let error = #expect(throws: InputError.self) { _ = try EdgeListReader.read(path: path, options: options) }
      #expect(error?.line == 2)
      #expect(error?.message.hasPrefix("the line is longer than 1 MiB") == true, "\(error?.message ?? "")")
      // Refused after reading about a megabyte, not the gigabyte.
      #expect(ContinuousClock.now - start < .seconds(5))
    }
  }

  @Test(arguments: [LabelKind.integer, .string])
  func aLineJustOverTheLimitInsideAChunkIsAnError(labels: LabelKind) throws {
    // The limit holds for lines inside a chunk too, not only for lines that overflow it.
    let limit = EdgeListReadOptions.maximumLineBytes
    let text = "0 1\n# " + String(repeating: "x", count: limit) + "\n1 2\n"
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("g.el", text)
      let error = #expect(throws: InputError.self) {
        _ = try EdgeListReader.read(path: path, options: EdgeListReadOptions(labels: labels, threads: 1))
      }
      #expect(error?.line == 2)
      #expect(error?.message.hasPrefix("the line is longer than 1 MiB") == true, "\(error?.message ?? "")")
      // A line of exactly the limit is read.
      let fits = "0 1\n# " + String(repeating: "x", count: limit - 2) + "\n1 2\n"
      let ok = try EdgeListReader.read(
        path: try dir.write("ok.el", fits), options: EdgeListReadOptions(labels: labels, threads: 1))
      #expect(ok.graph.graph.edgeCount == 2)
    }
  }

  @Test(arguments: [LabelKind.integer, .string])
  func aTenGigabyteHoleAfterTheEdgesIsRefused(labels: LabelKind) throws {
    // Real edges, then a 10 GB hole: the reader must not size its arrays (or, for string
    // labels, a whole-file buffer) from the file's size.
    try withTemporaryDirectory { dir throws in
      var text = ""
      for k in 0..<20_000 { text += "\(k) \(k + 1)\n" }
      let path = try sparseFile(dir, "holey.el", prefix: Array(text.utf8), size: 10_000_000_000)
      let error = #expect(throws: InputError.self) {
        _ = try EdgeListReader.read(path: path, options: EdgeListReadOptions(labels: labels, threads: 2))
      }
      #expect(error?.line == 20_001)
      #expect(error?.message.hasPrefix("the line is longer than") == true)
    }
  }

  // MARK: - Snapshots: headers claiming 2⁴⁰ nodes or entries, a 10 GB file

  /// A snapshot header with the given sizes and valid checksums (of an empty payload).
  func header(nodes: Int, entries: Int, flags: GraphSnapshot.Flags = [.directed]) -> [UInt8] {
    GraphSnapshot.Header(
      flags: flags, nodeCount: nodes, entryCount: entries, labelKind: .identity, labelTextBytes: 0, selfLoopCount: 0,
      payloadChecksum: 0
    ).encoded()
  }

  @Test(arguments: [(1 << 40, 0), (3, 1 << 40), (3, (1 << 40) - 1), (Int(Int32.max), 4), (1 << 33, 2)])
  func aHeaderClaimingHugeSizesIsRefusedBeforeAllocating(nodes: Int, entries: Int) throws {
    try withTemporaryDirectory { dir throws in
      let path = try dir.write(
        "huge.bin", bytes: header(nodes: nodes, entries: entries) + [UInt8](repeating: 0, count: 64))
      let error = #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: path, threads: 1) }
      // The sizes themselves, the node limit, or the file size: never a read of the payload.
      #expect(["header.sizes", "header.nodes", "size"].contains(error?.field ?? ""), "\(String(describing: error))")
      if error?.field == "size" { #expect(error?.message.hasPrefix("file is truncated: the header describes") == true) }
    }
  }

  @Test func aTenGigabyteSnapshotBeyondTheMemoryIsRefused() throws {
    // A well-formed header describing 10 GB, on a 10 GB sparse file: the sizes agree, so only
    // the memory check stops it (lowered here to 1 GiB, whatever the machine has).
    let entries = (10_000_000_000 - 128 - 16) / 4
    let size = UInt64(128 + 16 + GraphSnapshot.padded(entries * 4))
    try withTemporaryDirectory { dir throws in
      let path = try sparseFile(dir, "ten.bin", prefix: header(nodes: 1, entries: entries), size: size)
      let error = GraphSnapshot.$memoryLimit.withValue(1 << 30) {
        #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: path, threads: 1) }
      }
      #expect(error?.field == "size")
      #expect(error?.message == "the snapshot needs 9536 MiB of memory to load; this machine has 1024 MiB")
    }
  }

  // MARK: - Found by fuzzing

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func aSnapshotWithANonFiniteWeightIsRefused(weight: Double) throws {
    // Fuzz `snapshot`: NaN weights loaded (checksums valid), and a graph holding them equals
    // nothing, not even itself read back. The edge-list reader never makes them.
    let graph = CSRGraph(uncheckedOffsets: [0, 1, 2], targets: [1, 0], weights: [weight, weight], isDirected: false)
    try withTemporaryDirectory { dir throws in
      let path = dir.path("nan.bin")
      try GraphSnapshot.write(LabeledGraph(graph: graph), to: path, threads: 1)
      let error = #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: path, threads: 1) }
      #expect(error?.field == "payload.weights")
      #expect(error?.message == "weight 0 is \(weight): weights must be finite numbers")
    }
  }
}
