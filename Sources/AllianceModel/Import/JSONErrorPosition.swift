import Foundation
import GraphCore

/// Turns a `JSONSerialization` error into an ``InputError`` with the line and column of the
/// problem. Foundation reports "Invalid value around character 22." (a byte offset after any
/// byte-order mark) and "The data is not in the correct format" as its description; this
/// gives `dataset.json:3:10: not valid JSON: invalid value`.
enum JSONErrorPosition {
  /// The ``InputError`` for `error`, thrown while parsing `bytes` read from `file`.
  static func inputError(_ error: Error, bytes: [UInt8], file: String) -> InputError {
    let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
    var reason = detail
    var offset: Int?
    if let range = detail.range(of: " around character ") {
      reason = String(detail[..<range.lowerBound])
      offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
    } else if detail.lowercased().contains("end of file") {
      offset = bytes.count
    }
    if reason.hasSuffix(".") { reason.removeLast() }
    if let first = reason.first, reason.dropFirst().first?.isLowercase ?? true {
      reason = first.lowercased() + reason.dropFirst()
    }
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      return InputError(file: file, line: 1, "not valid JSON: the file is empty, expected an object {…}")
    }
    guard let offset else { return InputError(file: file, "not valid JSON: \(reason)") }
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let (line, column) = position(of: min(bytes.count, bom + max(0, offset)), in: bytes, from: bom)
    return InputError(file: file, line: line, column: column, "not valid JSON: \(reason)")
  }

  /// The 1-based line and column (in characters) of byte `offset`, counting from byte `start`.
  /// O(offset).
  static func position(of offset: Int, in bytes: [UInt8], from start: Int = 0) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = start
    for k in start..<offset where bytes[k] == 0x0A {
      line += 1
      lineStart = k + 1
    }
    // Columns count characters, not bytes: skip UTF-8 continuation bytes.
    let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    return (line, column)
  }
}
