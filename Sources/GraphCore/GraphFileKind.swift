/// The kinds of graph file the tools read and write, chosen by file extension.
public enum GraphFileKind: Sendable, Equatable {
  /// A text edge list; the byte separates fields when writing.
  case edgeList(separator: UInt8)
  /// A binary ``GraphSnapshot``.
  case snapshot

  /// Extensions read and written as edge lists (`.wel` is GAPBS's name for a weighted one;
  /// any edge list may carry a weight column).
  public static let edgeListExtensions = ["el", "wel", "txt", "tsv", "csv", "edges"]

  /// The kind of `path` from its extension, or `nil` for an unknown extension.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    switch name[name.index(after: dot)...].lowercased() {
    case "bin": self = .snapshot
    case "csv": self = .edgeList(separator: Byte.comma)
    case "tsv": self = .edgeList(separator: Byte.tab)
    case "el", "wel", "txt", "edges": self = .edgeList(separator: Byte.space)
    default: return nil
    }
  }

  /// A sentence listing the extensions, for error messages.
  public static var supportedDescription: String {
    (edgeListExtensions.map { "." + $0 } + [".bin"]).joined(separator: ", ")
  }
}
