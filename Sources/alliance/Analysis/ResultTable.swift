import AllianceAnalytics
import AllianceModel
import Foundation

/// A cell of a result table.
enum Cell {
  case text(String)
  case int(Int)
  /// NaN prints as an empty field (undefined), ±∞ as `inf`.
  case number(Double)
  case flag(Bool)

  func plain(full: Bool) -> String {
    switch self {
    case .text(let v): return v
    case .int(let v): return String(v)
    case .flag(let v): return v ? "yes" : "no"
    case .number(let v):
      if v.isNaN { return "" }
      if v.isInfinite { return v > 0 ? "inf" : "-inf" }
      return full ? "\(v)" : String(format: "%.4g", v)
    }
  }

  var json: JSONValue {
    switch self {
    case .text(let v): return .string(v)
    case .int(let v): return .int(v)
    case .flag(let v): return .bool(v)
    case .number(let v):
      if v.isNaN { return .null }
      if v.isInfinite { return .string(v > 0 ? "inf" : "-inf") }
      return .number(v)
    }
  }
}

/// A titled table with named columns.
struct ResultTable {
  var key: String
  var title: String
  var columns: [String]
  var rows: [[Cell]] = []

  init(key: String, title: String, columns: [String]) {
    self.key = key
    self.title = title
    self.columns = columns
  }

  mutating func add(_ row: [Cell]) {
    precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
    rows.append(row)
  }

  func text() -> String {
    alignedTable(header: columns, rows: rows.map { $0.map { $0.plain(full: false) } })
  }

  func csv() -> String {
    ([columns.map(csvField).joined(separator: ",")] + rows.map { $0.map { csvField($0.plain(full: true)) }.joined(separator: ",") })
      .joined(separator: "\n") + "\n"
  }

  var json: JSONValue {
    .array(rows.map { row in .object(zip(columns, row).map { ($0, $1.json) }) })
  }
}

/// What an analytics command prints: tables, scalar results, notes, the dataset and the
/// model parameters — in every format (parameters on stderr for CSV, so CSV stays clean).
struct AnalysisReport {
  var dataset: String
  var year: Int?
  var parameters: ModelParameters
  var tables: [ResultTable] = []
  var scalars: [(String, Cell)] = []
  var notes: [String] = []

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .table:
      var parts: [String] = []
      var header = "dataset: \(dataset)"
      if let year { header += ", year \(year)" }
      parts.append(header + "\n")
      for table in tables {
        parts.append("\(table.title)\n" + (table.rows.isEmpty ? "(none)\n" : table.text()))
      }
      if !scalars.isEmpty {
        let width = scalars.map(\.0.count).max() ?? 0
        parts.append(scalars.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1.plain(full: false) }.joined(separator: "\n") + "\n")
      }
      if !notes.isEmpty { parts.append(notes.map { "note: \($0)" }.joined(separator: "\n") + "\n") }
      parts.append("parameters: \(parameters.summary)\n")
      return parts.joined(separator: "\n")
    case .csv:
      var side = "dataset: \(dataset)" + (year.map { ", year \($0)" } ?? "") + "\n"
      for (key, value) in scalars { side += "\(key): \(value.plain(full: true))\n" }
      for note in notes { side += "note: \(note)\n" }
      for table in tables.dropFirst() { side += "\(table.title)\n" + table.csv() }
      side += "parameters: \(parameters.summary)\n"
      FileHandle.standardError.write(Data(side.utf8))
      return tables.first?.csv() ?? ""
    case .json:
      var entries: [(String, JSONValue)] = [("dataset", .string(dataset))]
      if let year { entries.append(("year", .int(year))) }
      for (key, value) in scalars { entries.append((key, value.json)) }
      for table in tables { entries.append((table.key, table.json)) }
      if !notes.isEmpty { entries.append(("notes", .array(notes.map { .string($0) }))) }
      entries.append(("parameters", .object(parameters.entries.map { ($0.0, Double($0.1).map { JSONValue.number($0) } ?? .string($0.1)) })))
      return JSONValue.object(entries).rendered() + "\n"
    }
  }
}
