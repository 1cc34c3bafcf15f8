/// A column of a Parquet file this encoder writes: always `REQUIRED` (no nulls), PLAIN
/// encoded, uncompressed.
public struct ParquetColumn: Sendable, Equatable {
  /// The value type of a column.
  public enum Kind: Sendable, Equatable {
    /// `INT64`, 8 bytes little-endian per value.
    case int64
    /// `DOUBLE`, IEEE 754 binary64 little-endian per value.
    case double
    /// `BYTE_ARRAY` annotated as UTF-8 text (converted type `UTF8`, logical type `STRING`):
    /// a 4-byte little-endian length, then the bytes, per value.
    case string
  }

  /// The column's name (its path in the flat schema).
  public var name: String
  /// The value type.
  public var kind: Kind

  public init(_ name: String, _ kind: Kind) {
    self.name = name
    self.kind = kind
  }

  /// Parquet's physical type code (`Type` in parquet.thrift).
  var physicalType: Int32 {
    switch kind {
    case .int64: return 2
    case .double: return 5
    case .string: return 6
    }
  }
}

/// The values of one column for one row group.
public enum ParquetValues: Sendable {
  case int64([Int64])
  case double([Double])
  case string([String])

  /// The number of values.
  public var count: Int {
    switch self {
    case .int64(let v): return v.count
    case .double(let v): return v.count
    case .string(let v): return v.count
    }
  }

  var kind: ParquetColumn.Kind {
    switch self {
    case .int64: return .int64
    case .double: return .double
    case .string: return .string
    }
  }

  /// The PLAIN encoding of the values.
  /// - Complexity: O(count) (O(total bytes) for strings).
  func plainEncoded() -> [UInt8] {
    var out: [UInt8] = []
    switch self {
    case .int64(let values):
      out.reserveCapacity(values.count * 8)
      for v in values { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    case .double(let values):
      out.reserveCapacity(values.count * 8)
      for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
    case .string(let values):
      for v in values {
        let utf8 = Array(v.utf8)
        withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: utf8)
      }
    }
    return out
  }
}

/// Encodes a Parquet file (Apache Parquet format specification, parquet.thrift) row group by
/// row group: the magic `PAR1`, then for each row group one column chunk per column, each a
/// single data page (v1 page header in the Thrift compact protocol, then the PLAIN values;
/// required columns have no repetition or definition levels), then the `FileMetaData`
/// footer in the compact protocol, its length as 4 bytes little-endian, and `PAR1` again.
///
/// The caller writes the bytes each method returns, in order, to one file:
///
/// ```swift
/// var encoder = ParquetEncoder(columns: [ParquetColumn("src", .int64), ParquetColumn("dst", .int64)])
/// var file = encoder.header()
/// file += try encoder.rowGroup([.int64([0, 1]), .int64([1, 2])])
/// file += encoder.footer()
/// ```
///
/// Memory is one row group's encoded bytes at a time plus O(row groups × columns) metadata;
/// bound row groups (and so pages) by the caller's choice of rows per group.
public struct ParquetEncoder: Sendable {
  /// The columns, in file order.
  public let columns: [ParquetColumn]
  /// The `created_by` string of the footer.
  public let createdBy: String

  private struct ChunkRecord {
    var dataPageOffset: Int64
    var totalSize: Int64
    var values: Int64
  }

  private struct RowGroupRecord {
    var rows: Int64
    var chunks: [ChunkRecord]
  }

  private var offset: Int64 = 0
  private var rowGroups: [RowGroupRecord] = []

  /// The magic at both ends of every Parquet file.
  public static let magic: [UInt8] = Array("PAR1".utf8)

  /// An encoder for a file with `columns` (at least one, distinct names).
  public init(columns: [ParquetColumn], createdBy: String = "AllianceGraph") {
    precondition(!columns.isEmpty, "a Parquet file needs at least one column")
    precondition(Set(columns.map(\.name)).count == columns.count, "column names must be distinct")
    self.columns = columns
    self.createdBy = createdBy
  }

  /// The rows written so far.
  public var rowCount: Int64 { rowGroups.reduce(0) { $0 + $1.rows } }

  /// The file's first bytes: the magic.
  public mutating func header() -> [UInt8] {
    precondition(offset == 0, "header() must come first")
    offset = Int64(Self.magic.count)
    return Self.magic
  }

  /// One row group: `values[i]` holds column `i`'s values, all of one length.
  /// - Throws: ``ParquetEncodingError`` when a column's type or length does not match, or a
  ///   page would exceed Parquet's 2 GiB page size limit.
  /// - Complexity: O(rows × columns).
  public mutating func rowGroup(_ values: [ParquetValues]) throws(ParquetEncodingError) -> [UInt8] {
    precondition(offset > 0, "header() must come first")
    guard values.count == columns.count else {
      throw ParquetEncodingError("expected \(columns.count) columns, got \(values.count)")
    }
    let rows = values[0].count
    var out: [UInt8] = []
    var chunks: [ChunkRecord] = []
    for (column, data) in zip(columns, values) {
      guard data.kind == column.kind else { throw ParquetEncodingError("column \(column.name): values of the wrong type") }
      guard data.count == rows else {
        throw ParquetEncodingError("column \(column.name): \(data.count) values, expected \(rows) as in \(columns[0].name)")
      }
      let page = data.plainEncoded()
      guard page.count <= Int(Int32.max) else {
        throw ParquetEncodingError("column \(column.name): a page of \(page.count) bytes exceeds 2 GiB; use smaller row groups")
      }
      let header = Self.pageHeader(values: rows, bytes: page.count)
      let start = offset + Int64(out.count)
      out += header
      out += page
      chunks.append(ChunkRecord(dataPageOffset: start, totalSize: Int64(header.count + page.count), values: Int64(rows)))
    }
    offset += Int64(out.count)
    rowGroups.append(RowGroupRecord(rows: Int64(rows), chunks: chunks))
    return out
  }

  /// The footer: `FileMetaData`, its length (4 bytes little-endian) and the magic.
  /// - Complexity: O(row groups × columns).
  public func footer() -> [UInt8] {
    var thrift = ThriftCompactWriter()
    thrift.structure { t in
      t.field(1, i32: 1)  // version
      t.field(2, listOf: .structure, count: columns.count + 1) { t in
        t.structure { t in  // the root of the schema tree
          t.field(4, string: "schema")
          t.field(5, i32: Int32(columns.count))
        }
        for column in columns {
          t.structure { t in
            t.field(1, i32: column.physicalType)
            t.field(3, i32: 0)  // repetition_type REQUIRED
            t.field(4, string: column.name)
            if column.kind == .string {
              t.field(6, i32: 0)  // converted_type UTF8
              t.field(10) { t in t.field(1) { _ in } }  // logicalType: STRING (an empty StringType)
            }
          }
        }
      }
      t.field(3, i64: rowCount)
      t.field(4, listOf: .structure, count: rowGroups.count) { t in
        for (ordinal, group) in rowGroups.enumerated() {
          let total = group.chunks.reduce(0) { $0 + $1.totalSize }
          t.structure { t in
            t.field(1, listOf: .structure, count: group.chunks.count) { t in
              for (column, chunk) in zip(columns, group.chunks) {
                t.structure { t in
                  t.field(2, i64: chunk.dataPageOffset)  // file_offset
                  t.field(3) { t in  // meta_data: ColumnMetaData
                    t.field(1, i32: column.physicalType)
                    t.field(2, listOf: .i32, count: 1) { t in t.element(i32: 0) }  // encodings: PLAIN
                    t.field(3, listOf: .binary, count: 1) { t in t.element(string: column.name) }
                    t.field(4, i32: 0)  // codec UNCOMPRESSED
                    t.field(5, i64: chunk.values)
                    t.field(6, i64: chunk.totalSize)  // total_uncompressed_size (page headers included)
                    t.field(7, i64: chunk.totalSize)  // total_compressed_size
                    t.field(9, i64: chunk.dataPageOffset)
                  }
                }
              }
            }
            t.field(2, i64: total)  // total_byte_size
            t.field(3, i64: group.rows)
            t.field(5, i64: group.chunks[0].dataPageOffset)  // file_offset
            t.field(6, i64: total)  // total_compressed_size
            t.fieldHeader(7, .i16)  // ordinal
            t.signed(Int64(ordinal))
          }
        }
      }
      t.field(6, string: createdBy)
    }
    var out = thrift.bytes
    withUnsafeBytes(of: UInt32(thrift.bytes.count).littleEndian) { out.append(contentsOf: $0) }
    out += Self.magic
    return out
  }

  /// A v1 data page header (`PageHeader` with a `DataPageHeader`) for `values` PLAIN values
  /// in `bytes` bytes, uncompressed, without levels.
  static func pageHeader(values: Int, bytes: Int) -> [UInt8] {
    var thrift = ThriftCompactWriter()
    thrift.structure { t in
      t.field(1, i32: 0)  // type DATA_PAGE
      t.field(2, i32: Int32(bytes))  // uncompressed_page_size
      t.field(3, i32: Int32(bytes))  // compressed_page_size
      t.field(5) { t in  // data_page_header
        t.field(1, i32: Int32(values))
        t.field(2, i32: 0)  // encoding PLAIN
        t.field(3, i32: 3)  // definition_level_encoding RLE (no levels: required column)
        t.field(4, i32: 3)  // repetition_level_encoding RLE
      }
    }
    return thrift.bytes
  }
}

/// Values that do not fit the file's schema or Parquet's limits.
public struct ParquetEncodingError: Error, CustomStringConvertible, Equatable, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
