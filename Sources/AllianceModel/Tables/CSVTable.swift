import Foundation
import GraphCore

/// A CSV file read into memory, with its header, ready to be walked row by row.
///
/// RFC 4180 quoting (`"a, b"`, `""` for a quote), LF or CRLF line ends, and lines
/// starting with `#` as comments. Fields are parsed lazily from the raw bytes, so a
/// 273,000-row table is walked in a few milliseconds.
///
/// Strict: every row has as many fields as the header (an error names the line and both
/// counts), a quote left open is reported at the line where it opens, and a file above
/// ``maximumFileBytes`` is refused before it is read.
public struct CSVTable: Sendable {
  /// The largest table read (256 MiB, 40 times the ATOP dyad-year file): a table is held in
  /// memory whole, so a larger (or a sparse, hostile) file is refused before reading.
  public static let maximumFileBytes = 256 << 20

  /// The file, for error messages.
  public let path: String
  /// The column names, in file order.
  public let header: [String]
  /// The 1-based line of the header row (comment lines may precede it).
  public let headerLine: Int
  let bytes: [UInt8]
  /// The byte where the first data line starts, and its 1-based line number.
  let bodyStart: Int
  let bodyLine: Int

  /// Reads `path` and its header.
  /// - Throws: ``InputError`` when the file cannot be read, is larger than
  ///   ``maximumFileBytes`` or has no header.
  public init(path: String) throws {
    try self.init(path: path, bytes: CSVTable.readFile(path, limit: CSVTable.maximumFileBytes))
  }

  /// The bytes of `path`, refusing a file larger than `limit` bytes before reading it.
  /// - Throws: ``InputError`` "no such file or directory", too large, or unreadable.
  public static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT { throw InputError(file: path, "no such file or directory") }
      return try FileBytes.read(path: path)  // reports the system's reason
    }
    if (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) > limit {
      throw InputError(
        file: path, "the file has \(info.st_size) bytes, more than the \(limit >> 20) MiB this reader accepts")
    }
    return try FileBytes.read(path: path)
  }

  /// Parses `bytes` as the content of a file named `path`.
  public init(path: String, bytes: [UInt8]) throws {
    self.path = path
    self.bytes = bytes
    var cursor = 0
    var line = 1
    var header: [String]? = nil
    var headerLine = 1
    // Skip a UTF-8 byte-order mark.
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { cursor = 3 }
    while cursor < bytes.count && header == nil {
      let lineNumber = line
      var fields: [String] = []
      var spanned: QuotedSpan?
      let next = try CSVTable.scanLine(bytes, from: cursor, line: &line, path: path, spanned: &spanned) {
        fields.append($0.text(in: bytes))
      }
      defer { cursor = next }
      if fields.count == 1 && fields[0].isEmpty { continue }
      if let first = fields.first, first.hasPrefix("#") { continue }
      headerLine = lineNumber
      header = fields.map { $0.trimmingSpaces() }
    }
    guard let header else { throw InputError(file: path, line: 1, "the file is empty: expected a header row") }
    self.header = header
    self.headerLine = headerLine
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
        file: path, line: headerLine, field: name,
        "missing column \"\(name)\"; the header has: \(header.joined(separator: ", "))")
    }
    return index
  }

  /// Checks the header against the columns this table may have: every column named, known
  /// (or starting with `freePrefix`, for the user's own columns) and listed once. An unknown
  /// name close to a known one (`captial`) gets "did you mean".
  /// - Throws: ``InputError`` at the header line, naming the column.
  /// - Complexity: O(columns · known · name length²).
  public func checkColumns(_ known: [String], freePrefix: String? = nil) throws {
    var seen = Set<String>()
    for (index, name) in header.enumerated() {
      if let freePrefix, name.hasPrefix(freePrefix), name.count > freePrefix.count {
        guard seen.insert(name).inserted else {
          throw InputError(file: path, line: headerLine, field: name, "column \"\(name)\" appears twice in the header")
        }
        continue
      }
      guard !name.isEmpty else {
        throw InputError(
          file: path, line: headerLine, field: "column \(index + 1)",
          "the header gives this column no name: expected one of \(known.joined(separator: ", "))")
      }
      guard known.contains(name) else {
        let hint = Suggestion.closest(to: name, among: known).map { ": did you mean \"\($0)\"?" } ?? ""
        throw InputError(
          file: path, line: headerLine, field: name,
          "unknown column \"\(name)\"\(hint) (this table's columns: \(known.joined(separator: ", "))"
            + (freePrefix.map { "; name your own columns \($0)…" } ?? "") + ")")
      }
      guard seen.insert(name).inserted else {
        throw InputError(file: path, line: headerLine, field: name, "column \"\(name)\" appears twice in the header")
      }
    }
  }

  /// Calls `body` for every data row in file order, skipping blank and comment lines.
  /// - Throws: ``InputError`` for a row whose field count differs from the header's (naming
  ///   the line and both counts), a syntax error, or whatever `body` throws.
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
      var spanned: QuotedSpan?
      cursor = try CSVTable.scanLine(bytes, from: cursor, line: &line, path: path, spanned: &spanned) {
        fields.append($0)
      }
      if fields.count == 1 && fields[0].isEmpty(in: bytes) { continue }
      if let first = fields.first, !first.quoted, first.start < first.end, bytes[first.start] == UInt8(ascii: "#") {
        continue
      }
      if fields.count != header.count { throw fieldCountError(fields.count, line: lineNumber, spanned: spanned) }
      let row = CSVRow(table: self, line: lineNumber, fields: fields)
      try body(row)
    }
  }

  /// The error for a row of `count` fields: which columns are missing, or how many are extra.
  func fieldCountError(_ count: Int, line: Int, spanned: QuotedSpan?) -> InputError {
    var message: String
    if count < header.count {
      let missing = header[count...].prefix(3).joined(separator: ", ") + (header.count - count > 3 ? ", …" : "")
      message = "found \(count) field\(count == 1 ? "" : "s"), the header has \(header.count): missing \(missing)"
    } else {
      let extra = count - header.count
      message =
        "found \(count) fields, the header has \(header.count): \(extra) extra (quote a field that contains a comma)"
    }
    if let spanned {
      message +=
        "; the quoted field opened on line \(spanned.open) closes on line \(spanned.close): is a closing quote missing on line \(spanned.open)?"
      return InputError(file: path, line: spanned.open, message)
    }
    return InputError(file: path, line: line, message)
  }

  /// A quoted field that runs over several lines: where it opens and where it closes.
  struct QuotedSpan {
    var open: Int
    var close: Int
  }

  /// Scans one record starting at `start`; returns where the next one starts. `spanned`
  /// receives the first quoted field that runs over several lines, so a missing closing
  /// quote can be reported where it opened.
  static func scanLine(
    _ bytes: [UInt8], from start: Int, line: inout Int, path: String, spanned: inout QuotedSpan?,
    _ emit: (CSVField) -> Void
  ) throws -> Int {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var i = start
    let n = bytes.count
    while true {
      if i < n && bytes[i] == quote {
        // Quoted field.
        let openLine = line
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
          throw InputError(
            file: path, line: openLine, "a quoted field opened on this line is never closed: expected a closing \"")
        }
        if line > openLine && spanned == nil { spanned = QuotedSpan(open: openLine, close: line) }
        emit(CSVField(start: fieldStart, end: j, quoted: true))
        i = j + 1
        if i < n && bytes[i] == cr { i += 1 }
        if i >= n || bytes[i] == newline {
          line += 1
          return i + 1
        }
        guard bytes[i] == comma else {
          let found = String(decoding: bytes[i..<min(n, i + 20)].prefix { $0 != newline && $0 != cr }, as: UTF8.self)
          if line > openLine {
            throw InputError(
              file: path, line: openLine,
              "the quoted field opened on this line closes on line \(line) and is followed by \"\(found)\": is a closing quote missing on line \(openLine)?"
            )
          }
          throw InputError(
            file: path, line: line,
            "unexpected text \"\(found)\" after a closing quote: expected a comma or the line end")
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
