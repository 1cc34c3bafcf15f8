/// An encoder for the Thrift compact protocol, the encoding of Parquet's page headers and
/// file footer (Apache Thrift, "Thrift Compact protocol encoding", THRIFT-110).
///
/// Only what Parquet metadata uses is here: structs with field ids, i16/i32/i64 as zigzag
/// varints, binary/string as a varint length and the bytes, lists, and the stop byte.
///
/// A field header carries the type in its low nibble and, when the field id is 1–15 above
/// the previous field id of the same struct, that delta in its high nibble; otherwise the
/// high nibble is 0 and the field id follows as a zigzag varint i16. Nested structs start
/// their own field-id sequence at 0 and end with a stop byte (`0x00`).
///
/// ```swift
/// var thrift = ThriftCompactWriter()
/// thrift.field(1, i32: 1)    // 0x15 0x02
/// thrift.stop()              // 0x00
/// ```
///
/// Every method is O(1) amortised, except `field(_:binary:)`, O(length).
public struct ThriftCompactWriter: Sendable {
  /// Compact-protocol type codes, as they appear in field headers and list headers.
  public enum TypeCode: UInt8, Sendable {
    case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
    case binary = 8, list = 9, set = 10, map = 11, structure = 12
  }

  /// The encoded bytes so far.
  public private(set) var bytes: [UInt8] = []
  /// The last field id of each open struct, innermost last.
  private var lastFieldIDs: [Int16] = [0]

  public init() {}

  // MARK: Primitive encodings

  /// Appends `value` as an unsigned LEB128 varint (7 bits per byte, low group first).
  public mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// The zigzag mapping of a signed integer: 0, −1, 1, −2, … → 0, 1, 2, 3, …
  @inlinable public static func zigzag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  /// Appends a signed integer (i16, i32 or i64) as a zigzag varint.
  public mutating func signed(_ value: Int64) { varint(Self.zigzag(value)) }

  // MARK: Fields

  /// Appends a field header for field `id` of type `type`, using the delta form when the
  /// id is 1–15 above the previous one in the current struct.
  public mutating func fieldHeader(_ id: Int16, _ type: TypeCode) {
    let delta = Int(id) - Int(lastFieldIDs[lastFieldIDs.count - 1])
    if delta > 0 && delta <= 15 {
      bytes.append(UInt8(delta) << 4 | type.rawValue)
    } else {
      bytes.append(type.rawValue)
      signed(Int64(id))
    }
    lastFieldIDs[lastFieldIDs.count - 1] = id
  }

  /// Appends an i32 field (Thrift enums are i32 too).
  public mutating func field(_ id: Int16, i32 value: Int32) {
    fieldHeader(id, .i32)
    signed(Int64(value))
  }

  /// Appends an i64 field.
  public mutating func field(_ id: Int16, i64 value: Int64) {
    fieldHeader(id, .i64)
    signed(value)
  }

  /// Appends a binary field: the length as a varint, then the bytes.
  public mutating func field(_ id: Int16, binary value: [UInt8]) {
    fieldHeader(id, .binary)
    varint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  /// Appends a string field (UTF-8 binary).
  public mutating func field(_ id: Int16, string value: String) { field(id, binary: Array(value.utf8)) }

  /// Appends a struct field: `body` writes its fields, then the stop byte ends it.
  public mutating func field(_ id: Int16, structure body: (inout ThriftCompactWriter) -> Void) {
    fieldHeader(id, .structure)
    structure(body)
  }

  /// Appends a list field whose elements are `elementType`; `body` writes `count` elements
  /// (with `element…` methods or `structure(_:)`).
  public mutating func field(
    _ id: Int16, listOf elementType: TypeCode, count: Int, _ body: (inout ThriftCompactWriter) -> Void
  ) {
    fieldHeader(id, .list)
    listHeader(elementType, count: count)
    body(&self)
  }

  /// Appends a list header: the size in the high nibble when below 15, else `0xF` and the
  /// size as a varint after the byte.
  public mutating func listHeader(_ elementType: TypeCode, count: Int) {
    precondition(count >= 0, "negative list size")
    if count < 15 {
      bytes.append(UInt8(count) << 4 | elementType.rawValue)
    } else {
      bytes.append(0xF0 | elementType.rawValue)
      varint(UInt64(count))
    }
  }

  /// Appends a struct value (a list element, or after a struct field header): its own
  /// field-id sequence, closed by the stop byte.
  public mutating func structure(_ body: (inout ThriftCompactWriter) -> Void) {
    lastFieldIDs.append(0)
    body(&self)
    stop()
    lastFieldIDs.removeLast()
  }

  /// Appends a list element that is a string.
  public mutating func element(string value: String) {
    let utf8 = Array(value.utf8)
    varint(UInt64(utf8.count))
    bytes.append(contentsOf: utf8)
  }

  /// Appends a list element that is an i32 (or enum).
  public mutating func element(i32 value: Int32) { signed(Int64(value)) }

  /// Appends the stop byte that ends a struct.
  public mutating func stop() { bytes.append(0) }
}
