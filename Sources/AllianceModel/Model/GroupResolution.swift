import GraphCore

/// A group of nations resolved by name: its members (nation indices) and what could not be
/// placed.
public struct ResolvedGroup: Sendable, Equatable {
  public var name: String
  /// Network nation indices, in the order found, without repeats.
  public var members: [Int]
  /// Members the group lists that the dataset lacks (e.g. Palestine in COW data).
  public var missing: Int
}

extension AllianceNetwork {
  /// The group called `name`: a dataset group (e.g. `oic`), a region group, a built-in COW
  /// group, or a file of nation codes (one per line, the first field of a CSV line; a
  /// header line and `#` comments skipped). One resolver for every command and the report.
  /// `present` picks, for a name several states carried, the one present (see
  /// ``resolve(_:preferring:)``). O(members) (plus the file).
  /// - Throws: ``InputError`` naming the file and line of an unknown nation; ``GroupError``
  ///   for an unknown group name.
  public func resolveGroup(_ name: String, preferring present: ((Int) -> Bool)? = nil) throws -> ResolvedGroup {
    if let group = group(named: name) {
      return ResolvedGroup(name: group.name, members: group.members, missing: group.missing.count)
    }
    if let codes = BuiltInGroups.cowCodes(of: name) {
      let members = codes.compactMap { try? resolve(String($0)) }
      return ResolvedGroup(name: name, members: members, missing: codes.count - members.count)
    }
    if FileBytes.isFile(name) {
      let text = String(decoding: try FileBytes.read(path: name), as: UTF8.self)
      var members: [Int] = []
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = line.split(separator: ",").first.map { String($0).trimmingSpaces() } ?? ""
        guard !code.isEmpty, !code.hasPrefix("#") else { continue }
        if number == 0 && (try? resolve(code, preferring: present)) == nil { continue }  // a header
        do {
          let index = try resolve(code, preferring: present)
          if !members.contains(index) { members.append(index) }
        } catch {
          throw InputError(file: name, line: number + 1, field: "nation", error.description)
        }
      }
      return ResolvedGroup(name: name, members: members, missing: 0)
    }
    let known = Set(groups.map(\.name) + BuiltInGroups.names + Region.allCases.map(\.groupName)).sorted()
    throw GroupError("unknown group \"\(name)\": expected one of \(known.joined(separator: ", ")) or a file of nation codes")
  }
}

/// A group name that is neither a known group nor a file.
public struct GroupError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
