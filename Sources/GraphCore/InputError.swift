/// Bad input: names the file, the line (when there is one), the field and what was expected.
///
/// Its description reads like a compiler diagnostic, e.g.
/// `graph.el:12: field 3 (weight): expected a number, found "abc"` or
/// `dataset.json:3:10: not valid JSON: invalid value`.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The file being read or written.
  public var file: String
  /// The 1-based line, for text input.
  public var line: Int?
  /// The 1-based column (in characters) within ``line``, when the reader knows it (JSON).
  public var column: Int?
  /// The field, e.g. `field 2 (target label)` or `header.version`.
  public var field: String?
  /// What went wrong and what was expected.
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if line != nil, let column { text += ":\(column)" }
    text += ": "
    if let field { text += "\(field): " }
    return text + message
  }
}
