import AllianceAnalytics
import AllianceModel
import Foundation

/// Everything the tool prints on standard error besides errors: warnings (each message
/// once per run), notes, timings and progress. `--quiet` silences all of it; errors are
/// always printed.
enum Diagnostics {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var quietFlag = false
  nonisolated(unsafe) private static var printed = Set<String>()
  nonisolated(unsafe) private static var recorded: [(String, Double)] = []

  /// Set by `--quiet` (``OutputFormatOption``).
  static var quiet: Bool {
    get { lock.withLock { quietFlag } }
    set { lock.withLock { quietFlag = newValue } }
  }

  /// `warning: message` on standard error, unless quiet or already printed in this run.
  static func warning(_ message: String) {
    let fresh = lock.withLock { quietFlag ? false : printed.insert(message).inserted }
    if fresh { FileHandle.standardError.write(Data("warning: \(message)\n".utf8)) }
  }

  /// Informational text (notes, parameters) on standard error, unless quiet.
  static func info(_ text: String) {
    guard !quiet, !text.isEmpty else { return }
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Records the wall time of a phase (for `meta.timings_seconds`); prints it with `show`.
  static func timing(_ what: String, _ seconds: Double, show: Bool) {
    lock.withLock { recorded.append((what, seconds)) }
    if show { info("time \(what): \(String(format: "%.6f", seconds)) s\n") }
  }

  /// The phases timed so far, in order.
  static var timings: [(String, Double)] { lock.withLock { recorded } }
}

/// The `meta` object of every JSON output: what produced the data, never the data itself.
enum Meta {
  /// `{"version", "parameters"?, "timings_seconds"}`; parameters typed (numbers, booleans,
  /// strings), so `--params FILE` reads them back.
  static func object(parameters: ModelParameters?, extra: [(String, JSONValue)] = []) -> JSONValue {
    var entries: [(String, JSONValue)] = [("version", .string(AllianceCommand.version))]
    if let parameters { entries.append(("parameters", .object(parameters.entries.map { ($0.0, typed($0.1)) }))) }
    entries += extra
    entries.append(("timings_seconds", .object(Diagnostics.timings.map { ($0.0, .number($0.1)) })))
    return .object(entries)
  }

  /// A parameter's printed value as JSON: an integer, a number, a boolean or a string.
  static func typed(_ text: String) -> JSONValue {
    if let v = Int(text) { return .int(v) }
    if let v = Double(text) { return .number(v) }
    if text == "yes" { return .bool(true) }
    if text == "no" { return .bool(false) }
    return .string(text)
  }
}
