/// A JSON document built in memory and rendered with stable key order.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  /// An unsigned integer beyond `Int.max` (e.g. a 64-bit seed), written exactly.
  case uint(UInt64)
  /// NaN renders as `null`, ±∞ as the strings `"Infinity"` / `"-Infinity"` (JSON has no
  /// infinity; Python's `float("Infinity")` and JavaScript's `Number("Infinity")` read them).
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// Keys keep their insertion order.
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

  /// The value as JSON text, indented by two spaces per level when `pretty`.
  public func rendered(pretty: Bool = true) -> String {
    var out = ""
    write(to: &out, indent: 0, pretty: pretty)
    return out
  }

  func write(to out: inout String, indent: Int, pretty: Bool) {
    switch self {
    case .null: out += "null"
    case .bool(let v): out += v ? "true" : "false"
    case .int(let v): out += String(v)
    case .uint(let v): out += String(v)
    case .number(let v): out += v.isFinite ? JSONValue.format(v) : v.isNaN ? "null" : v > 0 ? "\"Infinity\"" : "\"-Infinity\""
    case .string(let v): out += JSONValue.quote(v)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Arrays of scalars stay on one line.
      let scalar = items.allSatisfy { if case .array = $0 { return false } else if case .object = $0 { return false } else { return true } }
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += scalar || !pretty ? ", " : "," }
        if pretty && !scalar { out += "\n" + String(repeating: "  ", count: indent + 1) }
        item.write(to: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty && !scalar { out += "\n" + String(repeating: "  ", count: indent) }
      out += "]"
    case .object(let entries):
      if entries.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (index, (key, value)) in entries.enumerated() {
        if index > 0 { out += "," }
        if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
        out += JSONValue.quote(key) + (pretty ? ": " : ":")
        value.write(to: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty { out += "\n" + String(repeating: "  ", count: indent) }
      out += "}"
    }
  }

  /// Shortest text that reads back as the same `Double`.
  static func format(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    return "\(v)"
  }

  /// A JSON string literal.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// XML text and attribute escaping.
enum XML {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
