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

  var json: JSONValue {
    switch self {
    case .integer(let v): return .int(v)
    case .unsigned(let v): return .uint(v)
    case .number(let v): return .number(v)
    case .text(let v): return .string(v)
    case .flag(let v): return .bool(v)
    }
  }

  /// The CSV rendering: flags `1`/`0`, numbers in full.
  var csv: String {
    switch self {
    case .flag(let v): return v ? "1" : "0"
    case .number(let v): return Cell.number(v).csv
    default: return plain
    }
  }
}

/// An ordered list of named values, printed as an aligned table, a one-row CSV or a JSON
/// object (with `meta` entries, e.g. timings, kept out of the data).
struct KeyValueReport {
  private(set) var entries: [(key: String, value: ReportValue)] = []
  /// Entries about the run, not the data: JSON `meta`, stderr in the other formats.
  var meta: [(key: String, value: ReportValue)] = []

  mutating func add(_ key: String, _ value: ReportValue) { entries.append((key, value)) }
  mutating func add(_ key: String, _ value: Int) { add(key, .integer(value)) }
  mutating func add(_ key: String, _ value: Double) { add(key, .number(value)) }
  mutating func add(_ key: String, _ value: String) { add(key, .text(value)) }
  mutating func add(_ key: String, _ value: Bool) { add(key, .flag(value)) }

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .table:
      let width = entries.map(\.key.count).max() ?? 0
      for (key, value) in meta { Diagnostics.info("\(key): \(value.plain)\n") }
      return entries.map { $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.value.plain }
        .joined(separator: "\n") + "\n"
    case .csv:
      for (key, value) in meta { Diagnostics.info("\(key): \(value.plain)\n") }
      return entries.map { csvField($0.key) }.joined(separator: ",") + "\n"
        + entries.map { csvField($0.value.csv) }.joined(separator: ",") + "\n"
    case .json:
      let extra = meta.map { ($0.key, $0.value.json) }
      return JSONValue.object(entries.map { ($0.key, $0.value.json) } + [("meta", Meta.object(parameters: nil, extra: extra))]).rendered() + "\n"
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

/// Prints a warning on standard error (once per run; nothing with `--quiet`).
func printWarning(_ message: String) {
  Diagnostics.warning(message)
}

/// Writes text to standard output.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// Prints `time <what>: <seconds> s` on standard error (and records it for `meta`).
func printTiming(_ what: String, _ seconds: Double) {
  Diagnostics.timing(what, seconds, show: true)
}
