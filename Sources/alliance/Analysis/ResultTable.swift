import AllianceAnalytics
import AllianceModel
import Foundation

/// A cell of a result table, with one rendering rule per format (README "Output formats"):
///
/// | cell | table | CSV | JSON |
/// | --- | --- | --- | --- |
/// | number | 4 significant digits | shortest round-trip | number |
/// | NaN / missing | empty | empty | `null` |
/// | ±∞ | `inf` | `inf` | `"Infinity"` |
/// | flag | `yes`/`no` | `1`/`0` | `true`/`false` |
/// | list | `a;b` | `a;b` | array of strings |
enum Cell {
  case text(String)
  case int(Int)
  /// NaN is undefined: empty in text and CSV, `null` in JSON.
  case number(Double)
  case flag(Bool)
  /// Codes or names, in order.
  case list([String])
  /// No value (e.g. a nation without a top patron).
  case missing

  /// `text` or `.missing` when nil.
  static func optional(_ value: String?) -> Cell { value.map(Cell.text) ?? .missing }

  /// The aligned-table rendering.
  var plain: String {
    switch self {
    case .flag(let v): return v ? "yes" : "no"
    case .number(let v) where v.isFinite: return String(format: "%.4g", v)
    default: return csv
    }
  }

  /// The CSV rendering (pandas reads every cell without options).
  var csv: String {
    switch self {
    case .text(let v): return v
    case .int(let v): return String(v)
    case .flag(let v): return v ? "1" : "0"
    case .list(let v): return v.joined(separator: ";")
    case .missing: return ""
    case .number(let v):
      if v.isNaN { return "" }
      if v.isInfinite { return v > 0 ? "inf" : "-inf" }
      return "\(v)"
    }
  }

  var json: JSONValue {
    switch self {
    case .text(let v): return .string(v)
    case .int(let v): return .int(v)
    case .flag(let v): return .bool(v)
    case .list(let v): return .array(v.map { .string($0) })
    case .missing: return .null
    case .number(let v): return .number(v)
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
    alignedTable(header: columns, rows: rows.map { $0.map(\.plain) })
  }

  func csv() -> String {
    ([columns.map(csvField).joined(separator: ",")] + rows.map { $0.map { csvField($0.csv) }.joined(separator: ",") })
      .joined(separator: "\n") + "\n"
  }

  var json: JSONValue {
    .array(rows.map { row in .object(zip(columns, row).map { ($0, $1.json) }) })
  }
}

/// What an analytics command prints: tables, scalar results, notes, the dataset and the
/// model parameters, in every format. JSON: `dataset`, `year`, the scalars, one array per
/// table, `notes`, then `meta` (parameters, timings, version); never parameters or timings
/// among the data. CSV: one table per invocation (the first by default, `--table NAME` for
/// another, `--table summary` for the scalars as one row); notes and parameters go to
/// standard error. Table: everything, aligned.
struct AnalysisReport {
  var dataset: String
  var year: Int?
  var parameters: ModelParameters
  var tables: [ResultTable] = []
  var scalars: [(String, Cell)] = []
  var notes: [String] = []

  /// The table names `--table` accepts.
  var tableNames: [String] { tables.map(\.key) + (scalars.isEmpty ? [] : ["summary"]) }

  /// The scalars as a one-row table.
  var summaryTable: ResultTable {
    var table = ResultTable(key: "summary", title: "Summary", columns: scalars.map(\.0))
    table.add(scalars.map(\.1))
    return table
  }

  func render(_ output: OutputFormatOption) throws -> String {
    switch output.format {
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
        parts.append(scalars.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1.plain }.joined(separator: "\n") + "\n")
      }
      if !notes.isEmpty { parts.append(notes.map { "note: \($0)" }.joined(separator: "\n") + "\n") }
      parts.append("parameters: \(parameters.summary)\n")
      return parts.joined(separator: "\n")
    case .csv:
      let chosen: ResultTable
      if let name = output.table {
        if name == "summary" && !scalars.isEmpty {
          chosen = summaryTable
        } else if let table = tables.first(where: { $0.key == name }) {
          chosen = table
        } else {
          throw DataError("--table \(name): this command's tables are \(tableNames.joined(separator: ", "))")
        }
      } else {
        chosen = tables.first ?? summaryTable
      }
      var side = notes.map { "note: \($0)\n" }.joined()
      let others = tableNames.filter { $0 != chosen.key }
      if !others.isEmpty { side += "note: other tables: \(others.joined(separator: ", ")) (--table NAME)\n" }
      side += "parameters: \(parameters.summary)\n"
      Diagnostics.info(side)
      return chosen.csv()
    case .json:
      var entries: [(String, JSONValue)] = [("dataset", .string(dataset))]
      if let year { entries.append(("year", .int(year))) }
      for (key, value) in scalars { entries.append((key, value.json)) }
      for table in tables { entries.append((table.key, table.json)) }
      if !notes.isEmpty { entries.append(("notes", .array(notes.map { .string($0) }))) }
      entries.append(("meta", Meta.object(parameters: parameters)))
      return JSONValue.object(entries).rendered() + "\n"
    }
  }
}
