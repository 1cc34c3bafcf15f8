/// Nation groups that ship with the tool as COW-code lists (`datasets/groups/*-cow.csv`),
/// so they apply to ATOP/COW years too.
public enum BuiltInGroups {
  /// The names of the built-in groups (e.g. `oic`).
  public static var names: [String] {
    EmbeddedDatasets.groups.keys.compactMap { $0.hasSuffix("-cow.csv") ? String($0.dropLast(8)) : nil }.sorted()
  }

  /// The COW codes of group `name`, in file order, or `nil` when there is no such group.
  public static func cowCodes(of name: String) -> [Int]? {
    guard let text = EmbeddedDatasets.groups["\(name.lowercased())-cow.csv"],
      let table = try? CSVTable(path: "built-in \(name)-cow.csv", bytes: Array(text.utf8)),
      let column = table.column("cow")
    else { return nil }
    var codes: [Int] = []
    try? table.forEachRow { row in
      if let code = try row.int(column) { codes.append(code) }
    }
    return codes
  }

  /// Every built-in group resolved against COW codes (nations missing from the data are
  /// listed in ``NationGroup/missing``).
  static func cowGroups(indexOfCode: [Int: Int]) -> [NationGroup] {
    names.compactMap { name in
      guard let codes = cowCodes(of: name) else { return nil }
      let members = codes.compactMap { indexOfCode[$0] }
      let missing = codes.filter { indexOfCode[$0] == nil }.map(String.init)
      return NationGroup(name: name, members: Array(Set(members)).sorted(), missing: missing)
    }
  }
}
