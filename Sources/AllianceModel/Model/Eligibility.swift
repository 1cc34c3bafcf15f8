/// Who may join an alliance: terms joined by `|` (see `datasets/FORMAT.md`).
///
/// A nation is eligible when some positive term admits it and no `not:` term names it.
/// Current members are members whatever the rule.
public struct EligibilityRule: Sendable, Hashable, CustomStringConvertible {
  public enum Term: Sendable, Hashable {
    /// Nobody beyond the members.
    case closed
    /// Any state.
    case open
    case regions(Set<Region>)
    /// Nation indices.
    case states(Set<Int>)
    /// A group of the dataset, by name (resolved when the rule is applied).
    case group(String)
    /// Never these nation indices.
    case excluded(Set<Int>)
  }

  public var terms: [Term]
  /// The rule as written in the dataset.
  public var text: String

  public init(terms: [Term], text: String) {
    self.terms = terms
    self.text = text
  }

  /// Parses `closed`, `open`, `regions:A;B`, `states:X,Y`, `group:NAME`, `not:X,Y`, joined by `|`.
  /// `resolve` maps a nation id to its index (or `nil` when unknown). O(length of the text).
  /// - Throws: a message naming the first term that does not parse.
  public static func parse(_ text: String, resolve: (String) -> Int?) throws(EligibilityParseError) -> EligibilityRule {
    var terms: [Term] = []
    for raw in text.split(separator: "|", omittingEmptySubsequences: false) {
      let term = String(raw).trimmingSpaces()
      let lower = term.lowercased()
      if lower == "closed" { terms.append(.closed); continue }
      if lower == "open" { terms.append(.open); continue }
      guard let colon = term.firstIndex(of: ":") else {
        throw EligibilityParseError("unknown eligibility term \"\(term)\": expected closed, open, regions:…, states:…, group:… or not:…")
      }
      let key = String(term[..<colon]).lowercased().trimmingSpaces()
      let body = String(term[term.index(after: colon)...])
      func nationList() throws(EligibilityParseError) -> Set<Int> {
        var set = Set<Int>()
        for part in body.split(whereSeparator: { $0 == "," || $0 == ";" }) {
          let id = String(part).trimmingSpaces()
          guard let index = resolve(id) else { throw EligibilityParseError("unknown nation \"\(id)\" in eligibility term \"\(term)\"") }
          set.insert(index)
        }
        guard !set.isEmpty else { throw EligibilityParseError("empty nation list in eligibility term \"\(term)\"") }
        return set
      }
      switch key {
      case "regions", "region":
        var set = Set<Region>()
        for part in body.split(separator: ";") {
          let name = String(part).trimmingSpaces()
          guard let region = Region(name: name) else {
            throw EligibilityParseError("unknown region \"\(name)\" in eligibility term \"\(term)\": expected \(Region.allCases.map(\.rawValue).joined(separator: ", "))")
          }
          set.insert(region)
        }
        guard !set.isEmpty else { throw EligibilityParseError("empty region list in eligibility term \"\(term)\"") }
        terms.append(.regions(set))
      case "states": terms.append(.states(try nationList()))
      case "not": terms.append(.excluded(try nationList()))
      case "group":
        let name = body.trimmingSpaces()
        guard !name.isEmpty else { throw EligibilityParseError("empty group name in eligibility term \"\(term)\"") }
        terms.append(.group(name))
      default:
        throw EligibilityParseError("unknown eligibility term \"\(term)\": expected closed, open, regions:…, states:…, group:… or not:…")
      }
    }
    return EligibilityRule(terms: terms, text: text)
  }

  /// The group names the rule refers to.
  public var groupNames: [String] {
    terms.compactMap { if case .group(let name) = $0 { name } else { nil } }
  }

  /// Whether nation `index` (of `region`) may join; `groupMembers` gives a group's members.
  /// O(terms).
  public func admits(_ index: Int, region: Region?, groupMembers: (String) -> Set<Int>) -> Bool {
    var admitted = false
    for term in terms {
      switch term {
      case .closed: break
      case .open: admitted = true
      case .regions(let set): if let region, set.contains(region) { admitted = true }
      case .states(let set): if set.contains(index) { admitted = true }
      case .group(let name): if groupMembers(name).contains(index) { admitted = true }
      case .excluded(let set): if set.contains(index) { return false }
      }
    }
    return admitted
  }

  public var description: String { text }
}

/// An eligibility rule that does not parse.
public struct EligibilityParseError: Error, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
