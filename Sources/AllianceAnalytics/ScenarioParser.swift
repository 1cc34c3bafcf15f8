import AllianceModel
import GraphCore

/// Turns `--defect PAK`, `--add-tie PAK,TUR,defense`, … and scenario files into
/// ``ScenarioChange``s: one parser for the options and the files. O(length).
public struct ScenarioParser: Sendable {
  public let year: AnalysisYear

  public init(year: AnalysisYear) { self.year = year }

  func trim(_ text: some StringProtocol) -> String {
    String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }

  func node(_ text: String, option: String) throws(ScenarioError) -> Int {
    do {
      return try year.node(text)
    } catch .lookup(let error) {
      throw ScenarioError(error.description)
    } catch {
      throw ScenarioError("\(option) \(text): \(error)")
    }
  }

  func pair(_ text: String, option: String, arity: Int) throws(ScenarioError) -> [String] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }
    guard parts.count == arity, parts.allSatisfy({ !$0.isEmpty }) else {
      throw ScenarioError("\(option) \(text): expected \(arity == 2 ? "A,B" : "A,B,TYPE")")
    }
    return parts
  }

  func type(_ text: String, option: String) throws(ScenarioError) -> TieType {
    guard let type = TieType(name: text) else {
      throw ScenarioError("\(option): unknown tie type \"\(text)\": expected one of \(TieType.namesDescription)")
    }
    return type
  }

  /// Parses one change written as the option `name` (without `--`) with `value`.
  public func change(_ name: String, _ value: String) throws(ScenarioError) -> ScenarioChange {
    let option = "--\(name)"
    switch name {
    case "defect": return .defect(try node(value, option: option))
    case "drop-tie":
      let p = try pair(value, option: option, arity: 2)
      return .dropTie(try node(p[0], option: option), try node(p[1], option: option))
    case "drop-alliance": return .dropAlliance(value)
    case "add-tie", "add-channel", "drop-channel":
      let p = try pair(value, option: option, arity: 3)
      let a = try node(p[0], option: option), b = try node(p[1], option: option)
      let t = try type(p[2], option: option)
      if name == "add-tie" { return .addTie(a, b, t) }
      return name == "add-channel" ? .addChannel(a, b, t) : .dropChannel(a, b, t)
    case "join":
      let p = try pair(value, option: option, arity: 2)
      return .joinAlliance(try node(p[0], option: option), p[1])
    case "set-capability":
      let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let number = Double(trim(parts[1])), number >= 0, number.isFinite else {
        throw ScenarioError("\(option) \(value): expected NATION=VALUE with a non-negative number")
      }
      return .setCapability(try node(parts[0], option: option), number)
    default:
      throw ScenarioError("unknown scenario change \"\(name)\": expected defect, drop-tie, drop-alliance, add-tie, add-channel, drop-channel, join or set-capability")
    }
  }

  /// The largest scenario file read (1 MiB; a scenario is a few lines).
  public static let maximumFileBytes = 1 << 20

  /// Reads a scenario file: one change per line, `name value` (e.g. `defect PAK`), `#` comments,
  /// LF or CRLF line ends.
  /// - Throws: ``InputError`` naming the file, line and field.
  public func file(_ path: String) throws -> [ScenarioChange] {
    try parse(CSVTable.readFile(path, limit: ScenarioParser.maximumFileBytes), file: path)
  }

  /// Parses the bytes of a scenario file named `path` (see ``file(_:)``). O(length).
  func parse(_ bytes: [UInt8], file path: String) throws -> [ScenarioChange] {
    var changes: [ScenarioChange] = []
    // Lines split on LF bytes (a String splits "\r\n" as one character, not at "\n").
    for (number, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      let line = trim(String(decoding: raw, as: UTF8.self))
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      let parts = line.split(maxSplits: 1, whereSeparator: \.isWhitespace).map(String.init)
      guard parts.count == 2 else {
        throw InputError(file: path, line: number + 1, field: "change", "expected `NAME VALUE`, e.g. `defect PAK` or `add-tie PAK,TUR,defense`")
      }
      do {
        changes.append(try change(parts[0].hasPrefix("--") ? String(parts[0].dropFirst(2)) : parts[0], trim(parts[1])))
      } catch {
        throw InputError(file: path, line: number + 1, field: parts[0], error.description)
      }
    }
    return changes
  }
}
