import AllianceModel
import Foundation
import GraphCore

/// Per-node columns and graph-level values, rendered as a table, CSV or JSON.
struct MetricTable {
  let labels: NodeLabelMap
  /// Nation names: when set, rows start with `nation` and `name` instead of `node`.
  var names: [String]? = nil
  private(set) var columns: [(name: String, values: MetricValue)] = []
  private(set) var scalars = KeyValueReport()

  init(labels: NodeLabelMap) { self.labels = labels }

  mutating func add(_ name: String, _ value: MetricValue) {
    if case .scalar(let scalar) = value {
      scalars.add(name, scalar)
    } else {
      columns.append((name, value))
    }
  }

  /// Rows in id order, or the `top` rows by the first column (descending, ties by id).
  func rowOrder(top: Int?) -> [Int] {
    let n = labels.count
    guard let top, let first = columns.first else { return Array(0..<n) }
    let key: (Int) -> Double
    switch first.values {
    case .perNode(let v): key = { v[$0].isNaN ? -.infinity : v[$0] }
    case .integerPerNode(let v): key = { Double(v[$0]) }
    case .scalar: key = { _ in 0 }
    }
    return Array((0..<n).sorted { key($0) != key($1) ? key($0) > key($1) : $0 < $1 }.prefix(top))
  }

  func cell(_ column: MetricValue, _ row: Int, full: Bool) -> String {
    switch column {
    case .perNode(let v): return full ? Cell.number(v[row]).csv : ReportValue.number(v[row]).plain
    case .integerPerNode(let v): return String(v[row])
    case .scalar(let s): return s.plain
    }
  }

  private var leadHeader: [String] { names == nil ? ["node"] : ["nation", "name"] }

  private func lead(_ row: Int) -> [String] {
    let label = labels.label(of: UInt32(row))
    return names.map { [label, $0[row]] } ?? [label]
  }

  func render(_ format: OutputFormat, top: Int?) -> String {
    let rows = rowOrder(top: top)
    switch format {
    case .table:
      var text = ""
      if !columns.isEmpty {
        let header = leadHeader + columns.map(\.name)
        let body = rows.map { row in lead(row) + columns.map { cell($0.values, row, full: false) } }
        text += alignedTable(header: header, rows: body)
      }
      if !scalars.entries.isEmpty {
        if !text.isEmpty { text += "\n" }
        text += scalars.render(.table)
      }
      return text
    case .csv:
      guard !columns.isEmpty else {
        return "metric,value\n" + scalars.entries.map { "\(csvField($0.key)),\(csvField($0.value.csv))" }.joined(separator: "\n") + "\n"
      }
      for entry in scalars.entries { Diagnostics.info("\(entry.key): \(entry.value.plain)\n") }
      var text = (leadHeader + columns.map(\.name)).map(csvField).joined(separator: ",") + "\n"
      for row in rows {
        text += (lead(row).map(csvField) + columns.map { cell($0.values, row, full: true) }).joined(separator: ",")
        text += "\n"
      }
      return text
    case .json:
      var parts: [String] = []
      parts.append("  \"graph\": {" + scalars.entries.map { "\(jsonString($0.key)): \($0.value.json.rendered(pretty: false))" }.joined(separator: ", ") + "}")
      if !columns.isEmpty {
        let nodeRows = rows.map { row -> String in
          let label: String
          if let names {
            label = jsonString(labels.label(of: UInt32(row))) + ", \"name\": " + jsonString(names[row])
          } else {
            label = labels.integerLabel(of: UInt32(row)).map { String($0) } ?? jsonString(labels.label(of: UInt32(row)))
          }
          let fields = columns.map { column -> String in
            let value: String
            switch column.values {
            case .perNode(let v): value = JSONValue.number(v[row]).rendered(pretty: false)
            case .integerPerNode(let v): value = String(v[row])
            case .scalar(let s): value = s.json.rendered(pretty: false)
            }
            return "\(jsonString(column.name)): \(value)"
          }
          return "    {\"\(names == nil ? "node" : "nation")\": \(label), " + fields.joined(separator: ", ") + "}"
        }
        parts.append("  \"nodes\": [\n" + nodeRows.joined(separator: ",\n") + "\n  ]")
      }
      parts.append("  \"meta\": " + Meta.object(parameters: nil).rendered(pretty: false))
      return "{\n" + parts.joined(separator: ",\n") + "\n}\n"
    }
  }
}

/// A text table with left-aligned first column and right-aligned others.
func alignedTable(header: [String], rows: [[String]]) -> String {
  var widths = header.map(\.count)
  for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { i, cell in
      let pad = String(repeating: " ", count: widths[i] - cell.count)
      return i == 0 ? cell + pad : pad + cell
    }.joined(separator: "  ")
  }
  return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
}
