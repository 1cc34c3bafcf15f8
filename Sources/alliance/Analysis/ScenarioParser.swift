import AllianceAnalytics
import AllianceModel
import ArgumentParser
import GraphCore

/// Turns `--defect PAK`, `--add-tie PAK,TUR,defense`, … and scenario files into changes.
struct ScenarioParser {
  let year: AnalysisYear

  func pair(_ text: String, option: String, arity: Int) throws -> [String] {
    let parts = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    guard parts.count == arity, parts.allSatisfy({ !$0.isEmpty }) else {
      throw DataError("\(option) \(text): expected \(arity == 2 ? "A,B" : "A,B,TYPE")")
    }
    return parts
  }

  func type(_ text: String, option: String) throws -> TieType {
    guard let type = TieType(name: text) else {
      throw DataError("\(option): unknown tie type \"\(text)\": expected one of \(TieType.namesDescription)")
    }
    return type
  }

  /// Parses one change written as the option `name` with `value`.
  func change(_ name: String, _ value: String) throws -> ScenarioChange {
    let option = "--\(name)"
    switch name {
    case "defect": return .defect(try year.node(value, option: option))
    case "drop-tie":
      let p = try pair(value, option: option, arity: 2)
      return .dropTie(try year.node(p[0], option: option), try year.node(p[1], option: option))
    case "drop-alliance": return .dropAlliance(value)
    case "add-tie", "add-channel", "drop-channel":
      let p = try pair(value, option: option, arity: 3)
      let a = try year.node(p[0], option: option), b = try year.node(p[1], option: option)
      let t = try type(p[2], option: option)
      if name == "add-tie" { return .addTie(a, b, t) }
      return name == "add-channel" ? .addChannel(a, b, t) : .dropChannel(a, b, t)
    case "join":
      let p = try pair(value, option: option, arity: 2)
      return .joinAlliance(try year.node(p[0], option: option), p[1])
    case "set-capability":
      let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let number = Double(parts[1].trimmingCharacters(in: .whitespaces)), number >= 0, number.isFinite else {
        throw DataError("\(option) \(value): expected NATION=VALUE with a non-negative number")
      }
      return .setCapability(try year.node(parts[0], option: option), number)
    default:
      throw DataError("unknown scenario change \"\(name)\": expected defect, drop-tie, drop-alliance, add-tie, add-channel, drop-channel, join or set-capability")
    }
  }

  /// Reads a scenario file: one change per line, `name value` (e.g. `defect PAK`), `#` comments.
  func file(_ path: String) throws -> [ScenarioChange] {
    let text = String(decoding: try FileBytes.read(path: path), as: UTF8.self)
    var changes: [ScenarioChange] = []
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw InputError(file: path, line: number + 1, field: "change", "expected `NAME VALUE`, e.g. `defect PAK` or `add-tie PAK,TUR,defense`")
      }
      do {
        changes.append(try change(parts[0].hasPrefix("--") ? String(parts[0].dropFirst(2)) : parts[0], parts[1].trimmingCharacters(in: .whitespaces)))
      } catch let error as InputError {
        throw error
      } catch {
        throw InputError(file: path, line: number + 1, field: parts[0], String(describing: error))
      }
    }
    return changes
  }
}
