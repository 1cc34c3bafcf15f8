import AllianceModel
import Foundation
import GraphCore

/// A value in a report.
enum ReportValue {
  case integer(Int)
  case unsigned(UInt64)
  case number(Double)
  case text(String)
  case flag(Bool)

  var plain: String {
    switch self {
    case .integer(let v): return String(v)
    case .unsigned(let v): return String(v)
    case .number(let v): return v.isFinite ? String(format: "%.6g", v) : (v > 0 ? "inf" : v < 0 ? "-inf" : "nan")
    case .text(let v): return v
    case .flag(let v): return v ? "true" : "false"
    }
  }

  var json: String {
    switch self {
    case .integer(let v): return String(v)
    case .unsigned(let v): return String(v)
    case .number(let v): return v.isFinite ? "\(v)" : "null"
    case .text(let v): return jsonString(v)
    case .flag(let v): return v ? "true" : "false"
    }
  }
}

/// An ordered list of named values, printed as an aligned table, a one-row CSV or a JSON object.
struct KeyValueReport {
  private(set) var entries: [(key: String, value: ReportValue)] = []

  mutating func add(_ key: String, _ value: ReportValue) { entries.append((key, value)) }
  mutating func add(_ key: String, _ value: Int) { add(key, .integer(value)) }
  mutating func add(_ key: String, _ value: Double) { add(key, .number(value)) }
  mutating func add(_ key: String, _ value: String) { add(key, .text(value)) }
  mutating func add(_ key: String, _ value: Bool) { add(key, .flag(value)) }

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .table:
      let width = entries.map(\.key.count).max() ?? 0
      return entries.map { $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.value.plain }
        .joined(separator: "\n") + "\n"
    case .csv:
      return entries.map { csvField($0.key) }.joined(separator: ",") + "\n"
        + entries.map { csvField($0.value.plain) }.joined(separator: ",") + "\n"
    case .json:
      return "{\n" + entries.map { "  \(jsonString($0.key)): \($0.value.json)" }.joined(separator: ",\n") + "\n}\n"
    }
  }
}

/// A JSON string literal.
func jsonString(_ text: String) -> String { JSONValue.quote(text) }

/// A CSV field, quoted when needed (RFC 4180).
func csvField(_ text: String) -> String {
  guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
  return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Prints a warning on standard error.
func printWarning(_ message: String) {
  FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
}

/// Writes text to standard output.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// Prints `time <what>: <seconds> s` on standard error.
func printTiming(_ what: String, _ seconds: Double) {
  FileHandle.standardError.write(Data("time \(what): \(String(format: "%.6f", seconds)) s\n".utf8))
}
