import Foundation
import Testing

@testable import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct GraphSnapshotTests {
  /// Writes `graph` as a snapshot and reads it back.
  func roundTrip(_ graph: LabeledGraph, threads: Int = 2) throws -> LabeledGraph {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("g.bin")
      try GraphSnapshot.write(graph, to: path, threads: threads)
      #expect(try dir.listing() == ["g.bin"])
      return try GraphSnapshot.read(path: path, threads: threads)
    }
  }

  static func weightedTyped() -> CSRGraph {
    build(
      5, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 4)], weights: [0.1, -2, 1e-300, 7, 3], types: [1, 2, 3, 4, 5],
      selfLoops: .keep
    ).graph
  }

  @Test func identityLabels() throws {
    let original = LabeledGraph(graph: build(4, [(0, 1), (1, 2), (2, 3)]).graph)
    let back = try roundTrip(original)
    #expect(back == original)
    #expect(back.labels.storage == .identity(count: 4))
  }

  @Test func integerLabels() throws {
    let original = LabeledGraph(graph: Self.weightedTyped(), labels: NodeLabelMap(integers: [2, 3, 5, 7, 4_000_000_000]))
    #expect(try roundTrip(original) == original)
  }

  @Test func unsortedIntegerLabels() throws {
    let original = LabeledGraph(graph: build(3, [(0, 1)]).graph, labels: NodeLabelMap(integers: [30, -1, 20]))
    let back = try roundTrip(original)
    #expect(back == original)
    #expect(back.labels.id(of: "-1") == 1)
  }

  @Test func stringLabels() throws {
    let labels = NodeLabelMap(strings: ["USA", "", "日本", "Côte d'Ivoire", "a,b"])
    let original = LabeledGraph(graph: Self.weightedTyped(), labels: labels)
    let back = try roundTrip(original)
    #expect(back == original)
    #expect(back.labels.id(of: "日本") == 2)
  }

  @Test func weightedAndTypedArePreservedBitForBit() throws {
    let original = LabeledGraph(graph: Self.weightedTyped())
    let back = try roundTrip(original)
    #expect(back.graph.weights?.map(\.bitPattern) == original.graph.weights?.map(\.bitPattern))
    #expect(back.graph.edgeTypes == original.graph.edgeTypes)
    #expect(back.graph.selfLoopCount == 1)
    #expect(back == original)
  }

  @Test func typedWithoutWeights() throws {
    let g = build(3, [(0, 1), (1, 2)], types: [9, 8]).graph
    let back = try roundTrip(LabeledGraph(graph: g))
    #expect(back.graph.edgeTypes == [9, 9, 8, 8])
    #expect(back.graph.weights == nil)
  }

  @Test func directedGraph() throws {
    let g = build(3, [(0, 1), (1, 0), (2, 0)], weights: [1, 2, 3], directed: true).graph
    let back = try roundTrip(LabeledGraph(graph: g))
    #expect(back.graph.isDirected)
    #expect(back.graph == g)
  }

  @Test func emptyGraph() throws {
    for labels in [NodeLabelMap(identity: 0), NodeLabelMap(integers: []), NodeLabelMap(strings: [])] {
      let original = LabeledGraph(graph: CSRGraph(isolatedNodes: 0), labels: labels)
      #expect(try roundTrip(original) == original)
    }
  }

  @Test func isolatedNodes() throws {
    let original = LabeledGraph(graph: build(6, [(1, 4)]).graph, labels: NodeLabelMap(strings: ["a", "b", "c", "d", "e", "f"]))
    let back = try roundTrip(original)
    #expect(back == original)
    #expect(back.graph.nodeCount == 6)
  }

  @Test func largeGraphIsIndependentOfThreads() throws {
    let list = CSRGraphBuilderTests.randomList(seed: 3, n: 20_000, m: 150_000)
    let g = CSRGraph(edges: list, options: BuildOptions(threads: 2))
    let original = LabeledGraph(graph: g)
    try withTemporaryDirectory { dir throws in
      try GraphSnapshot.write(original, to: dir.path("one.bin"), threads: 1)
      try GraphSnapshot.write(original, to: dir.path("four.bin"), threads: 4)
      #expect(try dir.bytes("one.bin") == dir.bytes("four.bin"))
      #expect(try GraphSnapshot.read(path: dir.path("one.bin"), threads: 4) == original)
      #expect(try GraphSnapshot.read(path: dir.path("four.bin"), threads: 1) == original)
    }
  }

  @Test func fileLayoutMatchesTheHeader() throws {
    // 3 nodes, 4 entries, weighted, integer labels: 128 + 32 + 16 + 32 + 24 bytes.
    let g = build(3, [(0, 1), (1, 2)], weights: [1, 2]).graph
    try withTemporaryDirectory { dir throws in
      try GraphSnapshot.write(LabeledGraph(graph: g, labels: NodeLabelMap(integers: [5, 6, 7])), to: dir.path("g.bin"))
      let bytes = try dir.bytes("g.bin")
      #expect(bytes.count == 128 + 32 + 16 + 32 + 24)
      #expect(Array(bytes[0..<8]) == Array("AGCSRBIN".utf8))
      #expect(bytes[8] == 2)  // version 2, little-endian
      #expect(bytes[12] == 2)  // flags: weighted
      #expect(bytes[16] == 3)  // nodes
      #expect(bytes[24] == 4)  // entries
      #expect(bytes[32] == 1)  // integer labels
    }
  }

  // MARK: - Corruption

  /// A valid snapshot's bytes and the error from reading `mutate(bytes)`.
  func corruptionError(
    of graph: LabeledGraph = LabeledGraph(graph: GraphSnapshotTests.weightedTyped(), labels: NodeLabelMap(strings: ["a", "b", "c", "d", "e"])),
    _ mutate: (inout [UInt8]) -> Void
  ) throws -> InputError? {
    try withTemporaryDirectory { dir throws in
      let good = dir.path("good.bin")
      try GraphSnapshot.write(graph, to: good, threads: 1)
      var bytes = try dir.bytes("good.bin")
      mutate(&bytes)
      let path = try dir.write("bad.bin", bytes: bytes)
      let error = #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: path, threads: 2) }
      #expect(error?.file == path)
      return error
    }
  }

  @Test func snapshotSize() throws {
    // 5 nodes, 9 entries, weighted, typed, string labels a..e:
    // 128 + 48 + 40 (36) + 72 + 16 (9) + 48 + 8 (5) = 360.
    try withTemporaryDirectory { dir throws in
      try GraphSnapshot.write(
        LabeledGraph(graph: Self.weightedTyped(), labels: NodeLabelMap(strings: ["a", "b", "c", "d", "e"])),
        to: dir.path("g.bin"))
      #expect(try dir.bytes("g.bin").count == 360)
    }
  }

  @Test(arguments: [0, 1, 7, 8, 64, 119, 120, 127])
  func truncatedInsideTheHeader(length: Int) throws {
    let error = try corruptionError { $0.removeLast($0.count - length) }
    #expect(error?.field == "header")
    #expect(error?.message.contains(length == 0 ? "empty" : "truncated") == true)
  }

  @Test(arguments: [128, 129, 176, 200, 300, 352, 359])
  func truncatedAfterTheHeader(length: Int) throws {
    let error = try corruptionError { $0.removeLast($0.count - length) }
    #expect(error?.field == "size")
    #expect(error?.message.contains("truncated") == true)
  }

  @Test(arguments: [1, 8, 1000])
  func trailingGarbage(extra: Int) throws {
    let error = try corruptionError { $0.append(contentsOf: [UInt8](repeating: 0xAB, count: extra)) }
    #expect(error?.field == "size")
    #expect(error?.message.contains("unexpected bytes") == true)
  }

  /// Byte offsets of data (not padding) in the payload of the sample snapshot.
  static let payloadOffsets = [
    128,  // offsets[0]
    128 + 8 * 3 + 1,  // offsets[3]
    176,  // targets[0]
    176 + 35,  // targets[8], high byte
    216, 216 + 71,  // weights
    288, 288 + 8,  // types
    304, 304 + 40,  // label text offsets
    352, 356,  // label text
  ]

  @Test(arguments: payloadOffsets)
  func flippedPayloadByteFailsTheChecksum(offset: Int) throws {
    let error = try corruptionError { $0[offset] ^= 0x10 }
    #expect(error?.field == "payload.checksum")
    #expect(error?.message.contains("checksum") == true)
  }

  @Test(arguments: [16, 17, 24, 32, 40, 48, 55, 100, 119, 120, 127])
  func flippedHeaderByteFailsTheHeaderChecksum(offset: Int) throws {
    let error = try corruptionError { $0[offset] ^= 0x01 }
    #expect(error?.field == "header.checksum")
  }

  @Test(arguments: 0..<8)
  func wrongMagic(offset: Int) throws {
    let error = try corruptionError { $0[offset] ^= 0x20 }
    #expect(error?.field == "header.magic")
    #expect(error?.message.contains("not an AllianceGraph snapshot") == true)
  }

  @Test(arguments: [UInt8(0), 1, 3, 255])
  func unsupportedVersion(version: UInt8) throws {
    let error = try corruptionError { $0[8] = version }
    #expect(error?.field == "header.version")
    #expect(error?.message.contains("version \(version) is not supported") == true)
  }

  @Test func textFileIsNotASnapshot() throws {
    let error = try corruptionError { bytes in
      bytes = Array(("0 1\n1 2\n" + String(repeating: "2 3\n", count: 100)).utf8)
    }
    #expect(error?.field == "header.magic")
  }

  @Test func emptyFile() throws {
    let error = try corruptionError { $0 = [] }
    #expect(error?.field == "header")
    #expect(error?.message.contains("empty") == true)
  }

  @Test func nonexistentAndDirectoryPaths() throws {
    try withTemporaryDirectory { dir throws in
      let missing = #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: dir.path("none.bin")) }
      #expect(missing?.message.contains("cannot open") == true)
      let directory = #expect(throws: InputError.self) { _ = try GraphSnapshot.read(path: dir.path) }
      #expect(directory?.message.contains("directory") == true)
    }
  }

  @Test func everySingleByteFlipIsDetectedOrHarmless() throws {
    // Flip one bit in every byte of a small snapshot: each read either fails with an
    // InputError or (for padding bytes) returns the original graph. It never crashes.
    let original = LabeledGraph(graph: Self.weightedTyped(), labels: NodeLabelMap(integers: [1, 2, 3, 4, 5]))
    try withTemporaryDirectory { dir throws in
      try GraphSnapshot.write(original, to: dir.path("g.bin"), threads: 1)
      let good = try dir.bytes("g.bin")
      var detected = 0
      for offset in good.indices {
        var bytes = good
        bytes[offset] ^= 0x04
        let path = try dir.write("flip.bin", bytes: bytes)
        do {
          let back = try GraphSnapshot.read(path: path, threads: 1)
          #expect(back == original, "byte \(offset) changed the graph without an error")
        } catch is InputError {
          detected += 1
        }
      }
      // Only padding bytes (4 after the targets, 7 after the types) may go unnoticed.
      #expect(detected == good.count - 11)
    }
  }

  // MARK: - Crafted files with valid checksums

  @Test func targetOutOfRangeWithValidChecksums() throws {
    let broken = CSRGraph(uncheckedOffsets: [0, 1, 1], targets: [7], isDirected: true)
    let error = try corruptionError(of: LabeledGraph(graph: broken)) { _ in }
    #expect(error?.field == "payload.csr")
    #expect(error?.message.contains("7") == true)
  }

  @Test func asymmetricUndirectedGraphWithValidChecksums() throws {
    // 0 → 1 and 0 → 2 without 1 → 0 and 2 → 0; and 0 – 1 with different weights each way.
    let missing = CSRGraph(uncheckedOffsets: [0, 2, 2, 2], targets: [1, 2], isDirected: false)
    let error = try corruptionError(of: LabeledGraph(graph: missing)) { _ in }
    #expect(error?.field == "payload.csr")
    #expect(error?.message.contains("not symmetric") == true, "\(error?.message ?? "")")
    let weights = CSRGraph(uncheckedOffsets: [0, 1, 2], targets: [1, 0], weights: [1, 2], isDirected: false)
    let weightError = try corruptionError(of: LabeledGraph(graph: weights)) { _ in }
    #expect(weightError?.message.contains("different weights") == true, "\(weightError?.message ?? "")")
  }

  @Test func unsortedRowWithValidChecksums() throws {
    let broken = CSRGraph(uncheckedOffsets: [0, 2, 2, 2], targets: [2, 1], isDirected: true)
    let error = try corruptionError(of: LabeledGraph(graph: broken)) { _ in }
    #expect(error?.field == "payload.csr")
    #expect(error?.message.contains("not sorted") == true)
  }

  @Test func badOffsetsWithValidChecksums() throws {
    for offsets in [[0, 3, 1, 2], [1, 1, 2, 2], [0, 1, 1, 1]] {
      let broken = CSRGraph(uncheckedOffsets: offsets, targets: [0, 1], isDirected: true)
      let error = try corruptionError(of: LabeledGraph(graph: broken)) { _ in }
      #expect(error?.field == "payload.csr", "\(offsets)")
    }
  }

  @Test func negativeOffsetWithValidChecksums() throws {
    // Directed 0 → 1, 1 → 2 on 3 nodes: offsets [0, 1, 2, 2] at 128, targets at 160.
    let error = try corruptionError(of: LabeledGraph(graph: build(3, [(0, 1), (1, 2)], directed: true).graph)) {
      bytes in
      for k in 136..<144 { bytes[k] = 0xFF }  // offsets[1] = -1
      Self.resealChecksums(&bytes, sections: [(128, 32), (160, 8)])
    }
    #expect(error?.field == "payload.csr")
  }

  @Test func selfLoopCountSurvivesTheRoundTrip() throws {
    let g = build(3, [(0, 0), (0, 1), (2, 2), (1, 2)], selfLoops: .keep).graph
    #expect(g.selfLoopCount == 2)
    let back = try roundTrip(LabeledGraph(graph: g))
    #expect(back.graph.selfLoopCount == 2)
    #expect(back.graph.edgeCount == 4)
  }

  @Test
  func selfLoopCountInTheHeaderIsChecked() throws {
    // A version-1 file whose header has 0 at bytes 56..<64 (as the writer before the
    // self-loop field produced, with the same version number) for a graph with 2 loops.
    let g = build(3, [(0, 0), (0, 1), (2, 2), (1, 2)], selfLoops: .keep).graph
    try withTemporaryDirectory { dir throws in
      try GraphSnapshot.write(LabeledGraph(graph: g), to: dir.path("g.bin"), threads: 1)
      var bytes = try dir.bytes("g.bin")
      #expect(bytes[56] == 2)
      bytes[56] = 0
      let header = Array(bytes[0..<120]).withUnsafeBytes { Checksum.of($0, threads: 1) }
      for k in 0..<8 { bytes[120 + k] = UInt8(truncatingIfNeeded: header >> (8 * UInt64(k))) }
      let path = try dir.write("old.bin", bytes: bytes)
      // Either the count is recomputed from the data or the file is rejected; a graph
      // whose counts disagree with its arrays must not come back.
      do {
        let back = try GraphSnapshot.read(path: path, threads: 1)
        #expect(back.graph.selfLoopCount == 2)
        #expect(back.graph.edgeCount == 4)
        #expect(back == LabeledGraph(graph: g))
      } catch let error as InputError {
        #expect(error.field?.hasPrefix("header") == true)
      }
    }
  }

  @Test func duplicateLabelsWithValidChecksums() throws {
    // NodeLabelMap refuses duplicates, so write a valid file and patch labels + checksums.
    let error = try corruptionError(of: LabeledGraph(graph: build(2, [(0, 1)]).graph, labels: NodeLabelMap(integers: [4, 9]))) {
      bytes in
      // Layout: header, offsets (24 bytes), targets (8), labels (16) at 160.
      bytes.replaceSubrange(168..<176, with: bytes[160..<168])
      Self.resealChecksums(&bytes, sections: [(128, 24), (152, 8), (160, 16)])
    }
    #expect(error?.field == "payload.labels")
    #expect(error?.message.contains("same label") == true)
  }

  /// Recomputes the payload and header checksums after editing sections in place.
  static func resealChecksums(_ bytes: inout [UInt8], sections: [(start: Int, length: Int)]) {
    let sums = sections.map { section in
      Array(bytes[section.start..<section.start + section.length]).withUnsafeBytes { Checksum.of($0, threads: 1) }
    }
    func put(_ offset: Int, _ value: UInt64) {
      for k in 0..<8 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }
    put(48, Checksum.combine(sums))
    put(120, Array(bytes[0..<120]).withUnsafeBytes { Checksum.of($0, threads: 1) })
  }

  @Test func stringLabelOffsetsOutOfRangeWithValidChecksums() throws {
    // Two nodes "a", "b": header, offsets 24, targets 8, label offsets 24 at 160, text 2 (8) at 184.
    let graph = LabeledGraph(graph: build(2, [(0, 1)]).graph, labels: NodeLabelMap(strings: ["a", "b"]))
    let error = try corruptionError(of: graph) { bytes in
      bytes[176] = 9  // the end offset of "b" points past the text
      Self.resealChecksums(&bytes, sections: [(128, 24), (152, 8), (160, 24), (184, 2)])
    }
    #expect(error?.field == "payload.labels")
  }

  @Test
  func hugeStringLabelOffsetIsAnErrorNotACrash() async throws {
    // The file is prepared here, read in a child process (a trap must not end the test run),
    // and its directory removed here whatever the child did.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("graphcore-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("crafted.bin").path
    let graph = LabeledGraph(graph: build(2, [(0, 1)]).graph, labels: NodeLabelMap(strings: ["a", "b"]))
    try GraphSnapshot.write(graph, to: path, threads: 1)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[183] = 0x80  // label offset 2 becomes 2 + 2^63
    Self.resealChecksums(&bytes, sections: [(128, 24), (152, 8), (160, 24), (184, 2)])
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    await #expect(processExitsWith: .success) { [path = path as String] in
      do {
        _ = try GraphSnapshot.read(path: path, threads: 1)
        exit(1)
      } catch let error as InputError {
        exit(error.field == "payload.labels" ? 0 : 2)
      }
    }
  }
}
