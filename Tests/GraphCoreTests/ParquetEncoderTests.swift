import Foundation
import Testing

@testable import GraphCore

/// Hand-checked bytes of the Thrift compact protocol and the Parquet layout, and the graph
/// export's folder (its round trip through pyarrow is in allianceTests/ExportEdgesTests).
@Suite struct ParquetEncoderTests {
  @Test func zigzagAndVarints() {
    #expect(ThriftCompactWriter.zigzag(0) == 0)
    #expect(ThriftCompactWriter.zigzag(-1) == 1)
    #expect(ThriftCompactWriter.zigzag(1) == 2)
    #expect(ThriftCompactWriter.zigzag(-2) == 3)
    #expect(ThriftCompactWriter.zigzag(Int64.max) == UInt64.max - 1)
    #expect(ThriftCompactWriter.zigzag(Int64.min) == UInt64.max)
    var t = ThriftCompactWriter()
    t.varint(300)
    t.varint(127)
    t.varint(128)
    #expect(t.bytes == [0xAC, 0x02, 0x7F, 0x80, 0x01])
  }

  @Test func fieldHeadersUseDeltasUpToFifteen() {
    var t = ThriftCompactWriter()
    t.field(1, i32: 1)  // delta 1, i32 (5): 0x15, zigzag(1) = 2
    t.field(20, i32: 0)  // delta 19: long form, type byte then zigzag(20) = 40
    t.field(22, i64: -3)  // delta 2, i64 (6): 0x26, zigzag(-3) = 5
    t.field(23, string: "ab")  // delta 1, binary (8): length 2
    #expect(t.bytes == [0x15, 0x02, 0x05, 0x28, 0x00, 0x26, 0x05, 0x18, 0x02, 0x61, 0x62])
  }

  @Test func nestedStructsRestartFieldIDs() {
    var t = ThriftCompactWriter()
    t.structure { t in
      t.field(3, i32: 1)
      t.field(4) { t in t.field(1, i32: 0) }
      t.field(5, i32: 0)
    }
    #expect(t.bytes == [0x35, 0x02, 0x1C, 0x15, 0x00, 0x00, 0x15, 0x00, 0x00])
  }

  @Test func listHeadersShortAndLong() {
    var t = ThriftCompactWriter()
    t.listHeader(.i32, count: 3)
    t.listHeader(.structure, count: 14)
    t.listHeader(.i32, count: 20)
    #expect(t.bytes == [0x35, 0xEC, 0xF5, 0x14])
  }

  @Test func dataPageHeaderBytes() {
    // type DATA_PAGE, sizes 16, then DataPageHeader{2 values, PLAIN, RLE, RLE}.
    #expect(
      ParquetEncoder.pageHeader(values: 2, bytes: 16) == [
        0x15, 0x00, 0x15, 0x20, 0x15, 0x20, 0x2C, 0x15, 0x04, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00,
      ])
  }

  @Test func fileLayout() throws {
    var encoder = ParquetEncoder(columns: [ParquetColumn("x", .int64), ParquetColumn("w", .double)])
    var file = encoder.header()
    file += try encoder.rowGroup([.int64([1, -1]), .double([0.5, 2])])
    let footer = encoder.footer()
    file += footer
    #expect(Array(file.prefix(4)) == Array("PAR1".utf8))
    #expect(Array(file.suffix(4)) == Array("PAR1".utf8))
    let header = ParquetEncoder.pageHeader(values: 2, bytes: 16)
    // The first column chunk: its page header, then 1 and −1 as 8-byte little-endian.
    #expect(Array(file[4..<(4 + header.count)]) == header)
    let values = Array(file[(4 + header.count)..<(4 + header.count + 16)])
    #expect(values == [1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    let second = 4 + 2 * header.count + 16
    #expect(Array(file[second..<(second + 8)]) == [0, 0, 0, 0, 0, 0, 0xE0, 0x3F])  // 0.5
    // The footer's length field counts the FileMetaData bytes.
    let lengthBytes = file[(file.count - 8)..<(file.count - 4)]
    let length = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
    #expect(length == footer.count - 8)
    // FileMetaData: version 1, then the schema list of three elements (root + 2 columns).
    let metadata = Array(file[(file.count - 8 - length)...].prefix(4))
    #expect(metadata == [0x15, 0x02, 0x19, 0x3C])
    #expect(encoder.rowCount == 2)
  }

  @Test func stringsArePlainByteArraysAnnotatedUTF8() throws {
    var encoder = ParquetEncoder(columns: [ParquetColumn("label", .string)])
    _ = encoder.header()
    let group = try encoder.rowGroup([.string(["é", ""])])
    let header = ParquetEncoder.pageHeader(values: 2, bytes: 10)
    #expect(Array(group.prefix(header.count)) == header)
    #expect(Array(group.dropFirst(header.count)) == [2, 0, 0, 0, 0xC3, 0xA9, 0, 0, 0, 0])
    let footer = encoder.footer()
    // The leaf schema element: type BYTE_ARRAY (6), REQUIRED, name, converted_type UTF8, logicalType STRING.
    let leaf: [UInt8] = [0x15, 0x0C, 0x25, 0x00, 0x18, 0x05] + Array("label".utf8) + [0x25, 0x00, 0x4C, 0x1C, 0x00, 0x00, 0x00]
    #expect(footer.firstRange(of: leaf) != nil)
  }

  @Test func mismatchedColumnsAreErrors() throws {
    var encoder = ParquetEncoder(columns: [ParquetColumn("a", .int64), ParquetColumn("b", .int64)])
    _ = encoder.header()
    #expect(throws: ParquetEncodingError.self) { try encoder.rowGroup([.int64([1])]) }
    #expect(throws: ParquetEncodingError.self) { try encoder.rowGroup([.int64([1]), .int64([1, 2])]) }
    #expect(throws: ParquetEncodingError.self) { try encoder.rowGroup([.int64([1]), .double([1])]) }
  }

  // MARK: The graph export

  @Test func exportWritesEachUndirectedEdgeOnceInPartitions() throws {
    let graph = build(5, [(0, 1), (1, 2), (2, 0), (3, 4)]).graph
    try withTemporaryDirectory { dir throws in
      let out = dir.path("g")
      let summary = try GraphParquetExport.write(LabeledGraph(graph: graph), to: out, partitions: 3, rowGroupRows: 1)
      #expect(summary.edges == 4 && summary.nodes == 5 && !summary.directed && !summary.stringLabels)
      let parts = try FileManager.default.contentsOfDirectory(atPath: out + "/edges").sorted()
      #expect(parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"])
      let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/_graph.json"))) as? [String: Any]
      #expect(manifest?["edges"] as? Int == 4)
      #expect(manifest?["partitions"] as? Int == 3)
      #expect(manifest?["directed"] as? Bool == false)
      // No temporary folder is left beside the export.
      #expect(try dir.listing() == ["g"])
    }
  }

  @Test func exportReplacesAnEarlierExportButNotOtherFolders() throws {
    let graph = build(3, [(0, 1)]).graph
    try withTemporaryDirectory { dir throws in
      let out = dir.path("g")
      try GraphParquetExport.write(LabeledGraph(graph: graph), to: out, partitions: 2)
      try GraphParquetExport.write(LabeledGraph(graph: graph), to: out, partitions: 1)
      #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/edges") == ["part-00000.parquet"])
      #expect(try dir.listing() == ["g"])
      let other = dir.path("other")
      try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: false)
      try Data("keep".utf8).write(to: URL(fileURLWithPath: other + "/notes.txt"))
      #expect(throws: InputError.self) { try GraphParquetExport.write(LabeledGraph(graph: graph), to: other, partitions: 1) }
      #expect(try FileManager.default.contentsOfDirectory(atPath: other) == ["notes.txt"])
    }
  }

  @Test func partNames() {
    #expect(GraphParquetExport.partName(0) == "part-00000.parquet")
    #expect(GraphParquetExport.partName(123) == "part-00123.parquet")
  }
}
