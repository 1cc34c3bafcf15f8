import Foundation
import GraphCore

/// A CSV file read into memory, with its header, ready to be walked row by row.
///
/// RFC 4180 quoting (`"a, b"`, `""` for a quote), LF or CRLF line ends, and lines
/// starting with `#` as comments. Fields are parsed lazily from the raw bytes, so a
/// 273,000-row table is walked in a few milliseconds.
public struct CSVTable: Sendable {
  /// The file, for error messages.
  public let path: String
  /// The column names, in file order.
  public let header: [String]
  let bytes: [UInt8]
  /// The byte where the first data line starts, and its 1-based line number.
  let bodyStart: Int
  let bodyLine: Int

  /// Reads `path` and its header.
  /// - Throws: ``InputError`` when the file cannot be read or has no header.
  public init(path: String) throws {
    try self.init(path: path, bytes: FileBytes.read(path: path))
  }

  /// Parses `bytes` as the content of a file named `path`.
  public init(path: String, bytes: [UInt8]) throws {
    self.path = path
    self.bytes = bytes
    var cursor = 0
    var line = 1
    var header: [String]? = nil
    // Skip a UTF-8 byte-order mark.
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { cursor = 3 }
    while cursor < bytes.count && header == nil {
      let lineNumber = line
      var fields: [String] = []
      let next = try CSVTable.scanLine(bytes, from: cursor, line: &line, path: path) { fields.append($0.text(in: bytes)) }
      defer { cursor = next }
      if fields.count == 1 && fields[0].isEmpty { continue }
      if let first = fields.first, first.hasPrefix("#") { continue }
      _ = lineNumber
      header = fields.map { $0.trimmingSpaces() }
    }
    guard let header else { throw InputError(file: path, line: 1, "the file is empty: expected a header row") }
    self.header = header
    bodyStart = cursor
    bodyLine = line
  }

  /// The column index of `name`, or `nil`.
  public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

  /// The column index of `name`.
  /// - Throws: ``InputError`` naming the missing column and the columns found.
  public func requireColumn(_ name: String) throws -> Int {
    guard let index = column(name) else {
      throw InputError(
        file: path, line: 1, field: name,
        "missing column \"\(name)\"; the header has: \(header.joined(separator: ", "))")
    }
    return index
  }

  /// Calls `body` for every data row in file order, skipping blank and comment lines.
  ///
  /// O(size of the file).
  public func forEachRow(_ body: (CSVRow) throws -> Void) throws {
    var cursor = bodyStart
    var line = bodyLine
    var fields: [CSVField] = []
    fields.reserveCapacity(header.count)
    while cursor < bytes.count {
      let lineNumber = line
      fields.removeAll(keepingCapacity: true)
      cursor = try CSVTable.scanLine(bytes, from: cursor, line: &line, path: path) { fields.append($0) }
      if fields.count == 1 && fields[0].isEmpty(in: bytes) { continue }
      if let first = fields.first, !first.quoted, first.start < first.end, bytes[first.start] == UInt8(ascii: "#") {
        continue
      }
      let row = CSVRow(table: self, line: lineNumber, fields: fields)
      try body(row)
    }
  }

  /// Scans one record starting at `start`; returns where the next one starts.
  static func scanLine(
    _ bytes: [UInt8], from start: Int, line: inout Int, path: String, _ emit: (CSVField) -> Void
  ) throws -> Int {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var i = start
    let n = bytes.count
    let startLine = line
    while true {
      if i < n && bytes[i] == quote {
        // Quoted field.
        let fieldStart = i + 1
        var j = fieldStart
        var closed = false
        while j < n {
          if bytes[j] == quote {
            if j + 1 < n && bytes[j + 1] == quote { j += 2; continue }
            closed = true
            break
          }
          if bytes[j] == newline { line += 1 }
          j += 1
        }
        guard closed else {
          throw InputError(file: path, line: startLine, "a quoted field is never closed: expected a closing \"")
        }
        emit(CSVField(start: fieldStart, end: j, quoted: true))
        i = j + 1
        if i < n && bytes[i] == cr { i += 1 }
        if i >= n || bytes[i] == newline {
          line += 1
          return i + 1
        }
        guard bytes[i] == comma else {
          throw InputError(file: path, line: line, "unexpected text after a closing quote: expected a comma or the line end")
        }
        i += 1
      } else {
        var j = i
        while j < n && bytes[j] != comma && bytes[j] != newline { j += 1 }
        var end = j
        if end > i && bytes[end - 1] == cr { end -= 1 }
        emit(CSVField(start: i, end: end, quoted: false))
        if j >= n || bytes[j] == newline {
          line += 1
          return j + 1
        }
        i = j + 1
      }
    }
  }
}

/// One field of a CSV row: a range of the file's bytes.
public struct CSVField: Sendable {
  let start: Int
  let end: Int
  let quoted: Bool

  /// Whether the field is empty or only spaces.
  func isEmpty(in bytes: [UInt8]) -> Bool {
    var i = start
    while i < end {
      if bytes[i] != UInt8(ascii: " ") && bytes[i] != UInt8(ascii: "\t") { return false }
      i += 1
    }
    return true
  }

  /// The field's text, with quotes undone and surrounding spaces kept.
  func text(in bytes: [UInt8]) -> String {
    let raw = String(decoding: bytes[start..<end], as: UTF8.self)
    return quoted ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
  }
}

/// One data row of a ``CSVTable`` with typed, validating accessors.
///
/// Every accessor that fails throws an ``InputError`` naming the file, the line, the column
/// and what was expected.
public struct CSVRow {
  let table: CSVTable
  /// The 1-based line the row starts on.
  public let line: Int
  let fields: [CSVField]

  /// The raw field in column `index`, or `nil` when the row is shorter.
  func field(_ index: Int) -> CSVField? { index < fields.count ? fields[index] : nil }

  /// The trimmed text in column `index`, or `nil` when absent or empty.
  public func string(_ index: Int?) -> String? {
    guard let index, let field = field(index), !field.isEmpty(in: table.bytes) else { return nil }
    return field.text(in: table.bytes).trimmingSpaces()
  }

  /// The trimmed text in column `index`.
  /// - Throws: ``InputError`` when the field is empty or missing.
  public func requiredString(_ index: Int) throws -> String {
    guard let value = string(index) else { throw error(index, "expected a value, found an empty field") }
    return value
  }

  /// The integer in column `index`, or `nil` when empty.
  /// - Throws: ``InputError`` when the field is not an integer.
  public func int(_ index: Int?) throws -> Int? {
    guard let index, let field = field(index) else { return nil }
    if let value = CSVRow.parseInt(field, table.bytes) { return value }
    if field.isEmpty(in: table.bytes) { return nil }
    // Accept integral decimals such as "1816.0", which some exports write.
    if let value = double(field), value == value.rounded(), abs(value) < 1e15 { return Int(value) }
    throw error(index, "expected an integer, found \"\(field.text(in: table.bytes))\"")
  }

  /// The integer in column `index`.
  /// - Throws: ``InputError`` when empty or not an integer.
  public func requiredInt(_ index: Int) throws -> Int {
    guard let value = try int(index) else { throw error(index, "expected an integer, found an empty field") }
    return value
  }

  /// The number in column `index`, or `nil` when empty (or `NA`).
  /// - Throws: ``InputError`` when the field is not a finite number.
  public func double(_ index: Int?) throws -> Double? {
    guard let index, let field = field(index), !field.isEmpty(in: table.bytes) else { return nil }
    if let value = double(field) { return value }
    let text = field.text(in: table.bytes).trimmingSpaces()
    if text == "NA" || text == "NaN" || text == "." { return nil }
    throw error(index, "expected a number, found \"\(text)\"")
  }

  /// An ``InputError`` at this row and column.
  public func error(_ index: Int?, _ message: String) -> InputError {
    let name = index.flatMap { $0 < table.header.count ? table.header[$0] : nil }
    return InputError(file: table.path, line: line, field: name, message)
  }

  private func double(_ field: CSVField) -> Double? {
    let bytes = table.bytes
    var s = field.start, e = field.end
    while s < e && (bytes[s] == 32 || bytes[s] == 9) { s += 1 }
    while e > s && (bytes[e - 1] == 32 || bytes[e - 1] == 9) { e -= 1 }
    return bytes.withUnsafeBufferPointer { buffer in
      parseDecimal(UnsafeBufferPointer(rebasing: buffer[s..<e]))
    }
  }

  static func parseInt(_ field: CSVField, _ bytes: [UInt8]) -> Int? {
    var i = field.start, e = field.end
    while i < e && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
    while e > i && (bytes[e - 1] == 32 || bytes[e - 1] == 9) { e -= 1 }
    guard i < e else { return nil }
    var negative = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    guard i < e, e - i <= 18 else { return nil }
    var value = 0
    while i < e {
      let digit = bytes[i] &- 48
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
      i += 1
    }
    return negative ? -value : value
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
