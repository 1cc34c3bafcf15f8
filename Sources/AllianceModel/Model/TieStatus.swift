/// Whether a treaty, a membership or a tie is practised (DESIGN §5).
///
/// Ordered from strongest to weakest: the status of a pair's tie is the weakest of the
/// alliance's and both members' statuses (``weakest(_:_:)``).
public enum TieStatus: String, Sendable, CaseIterable, Comparable {
  /// In force and practised (the default).
  case active
  /// In force in law but not practised: no consultations, exercises or planning under it.
  case dormant
  /// A party has suspended its obligations or its participation.
  case suspended

  private var rank: Int {
    switch self {
    case .active: 0
    case .dormant: 1
    case .suspended: 2
    }
  }

  public static func < (a: TieStatus, b: TieStatus) -> Bool { a.rank < b.rank }

  /// The weaker of two statuses (suspended < dormant < active in strength).
  public static func weakest(_ a: TieStatus, _ b: TieStatus) -> TieStatus { max(a, b) }

  /// Every accepted value, for error messages.
  public static var namesDescription: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How an alliance's cooperation channels apply to its members.
public enum ChannelScope: String, Sendable, CaseIterable {
  /// Held by the alliance as a whole (a coalition, a multilateral exercise): not expanded
  /// into a channel between every pair of members. The default.
  case collective
  /// Every pair of members holds the channel (Five Eyes).
  case pairwise
}

/// Whether a nation has nuclear weapons of its own.
public enum NuclearStatus: String, Sendable, CaseIterable {
  case none
  /// An arsenal of its own (weapons hosted under an ally's control do not count).
  case own
}

/// A span of years in which a nation had nuclear weapons of its own.
public struct NuclearSpell: Sendable, Hashable {
  /// Index into ``AllianceNetwork/nations``.
  public var nation: Int
  public var span: YearSpan
  /// `test` (first test) or `believed` (believed to have had weapons, never tested openly).
  public var basis: String
  public var provenance: Provenance
  public init(nation: Int, span: YearSpan, basis: String, provenance: Provenance = Provenance()) {
    self.nation = nation
    self.span = span
    self.basis = basis
    self.provenance = provenance
  }
}

/// ATOP v4 provisions of a treaty that bear on its reliability (DESIGN §5).
public struct TreatyProvisions: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The commitment is conditional (ATOP `conditio`, or `defcon` for the defense pledge).
  public static let conditional = TreatyProvisions(rawValue: 1 << 0)
  /// Obligations differ between the parties (ATOP `asymm`).
  public static let asymmetric = TreatyProvisions(rawValue: 1 << 1)
  public static let militaryAid = TreatyProvisions(rawValue: 1 << 2)
  public static let basing = TreatyProvisions(rawValue: 1 << 3)
  public static let integratedCommand = TreatyProvisions(rawValue: 1 << 4)
  /// Peacetime military contact or coordination (ATOP `milcon`).
  public static let militaryContact = TreatyProvisions(rawValue: 1 << 5)
  /// A formal organisation (ATOP `organ1`).
  public static let organization = TreatyProvisions(rawValue: 1 << 6)

  /// The dataset names, in bit order.
  public static let names: [(String, TreatyProvisions)] = [
    ("conditional", .conditional), ("asymmetric", .asymmetric), ("military_aid", .militaryAid), ("basing", .basing),
    ("integrated_command", .integratedCommand), ("military_contact", .militaryContact), ("organization", .organization),
  ]

  /// Any provision that institutionalises the treaty (aid, bases, command, contact, organisation).
  public var isInstitutionalised: Bool {
    !intersection([.militaryAid, .basing, .integratedCommand, .militaryContact, .organization]).isEmpty
  }

  /// Parses `conditional;military_aid` (empty: none); `unknown` is the first word that is
  /// not a provision name.
  public static func parse(_ text: String) -> (provisions: TreatyProvisions, unknown: String?) {
    var set = TreatyProvisions()
    for part in text.split(separator: ";") {
      let word = String(part).trimmingSpaces().lowercased()
      guard let match = names.first(where: { $0.0 == word }) else { return (set, word) }
      set.insert(match.1)
    }
    return (set, nil)
  }

  /// `conditional;military_aid`.
  public var description: String { Self.names.filter { contains($0.1) }.map(\.0).joined(separator: ";") }
}
