/// A treaty or partnership: a set of members with obligations over a span of years.
///
/// Bilateral and trilateral partnerships are alliances of two and three members.
public struct Alliance: Sendable, Hashable {
  public var id: String
  public var name: String
  /// The tie types it creates between every pair of members in force together.
  public var obligations: TieTypeSet
  public var span: YearSpan
  /// Whether the treaty is practised (multiplies the reliability of its ties).
  public var status: TieStatus
  /// An explicit reliability r of its capability-bearing ties, winning over r₀ and status.
  public var reliability: Double?
  /// An alliance an analyst would call major (NATO, ANZUS, CSTO, …).
  public var major: Bool
  /// Who may join; `nil` when the dataset does not say.
  public var eligibility: EligibilityRule?
  /// Whether its cooperation channels bind every pair of members or the alliance as a whole.
  public var channelScope: ChannelScope
  /// The alliance has an integrated military command (interoperability κ = 1).
  public var integratedCommand: Bool
  /// ATOP provisions that bear on reliability (conditional, asymmetric, institutionalised).
  public var provisions: TreatyProvisions
  /// The ATOP alliance id, when known.
  public var atopID: Int?
  public var members: [Membership]
  /// Whether the snapshot expands the alliance into member–member ties. False for ATOP
  /// alliances, whose ties come from the dyad-year file.
  public var generatesTies: Bool
  public var provenance: Provenance
  public var note: String?

  public init(
    id: String, name: String, obligations: TieTypeSet, span: YearSpan, status: TieStatus = .active, reliability: Double? = nil,
    major: Bool = false, eligibility: EligibilityRule? = nil, channelScope: ChannelScope = .collective, integratedCommand: Bool = false,
    provisions: TreatyProvisions = [], atopID: Int? = nil,
    members: [Membership] = [], generatesTies: Bool = true, provenance: Provenance = Provenance(), note: String? = nil
  ) {
    self.id = id
    self.name = name
    self.obligations = obligations
    self.span = span
    self.status = status
    self.reliability = reliability
    self.major = major
    self.eligibility = eligibility
    self.channelScope = channelScope
    self.integratedCommand = integratedCommand
    self.provisions = integratedCommand ? provisions.union(.integratedCommand) : provisions
    self.atopID = atopID
    self.members = members
    self.generatesTies = generatesTies
    self.provenance = provenance
    self.note = note
  }

  /// The tie types it creates between every pair of members in force together: its treaty
  /// obligations, and its channels when ``channelScope`` is `pairwise`.
  public var pairwiseTypes: TieTypeSet {
    channelScope == .pairwise ? obligations : obligations.obligations
  }

  /// The status of member `nation`'s participation in `year` (the weakest of its spells in
  /// force), or `nil` when it is not a member that year.
  public func memberStatus(_ nation: Int, in year: Int) -> TieStatus? {
    var result: TieStatus?
    for m in members where m.nation == nation && m.span.contains(year) {
      result = result.map { TieStatus.weakest($0, m.status) } ?? m.status
    }
    return result
  }

  /// The indices of the members in force in `year` (sorted, unique).
  public func members(in year: Int) -> [Int] {
    guard span.contains(year) else { return [] }
    return Array(Set(members.filter { $0.span.contains(year) }.map(\.nation))).sorted()
  }

  /// "bilateral", "trilateral" or "multilateral" by the number of distinct members ever.
  public var kind: String {
    switch Set(members.map(\.nation)).count {
    case ...2: "bilateral"
    case 3: "trilateral"
    default: "multilateral"
    }
  }
}

/// One spell of a nation's membership in an alliance (a nation may have several).
public struct Membership: Sendable, Hashable {
  /// Index into ``AllianceNetwork/nations``.
  public var nation: Int
  public var span: YearSpan
  /// The nation's participation in this spell (Armenia in the CSTO from 2024: suspended).
  public var status: TieStatus
  public init(nation: Int, span: YearSpan, status: TieStatus = .active) {
    self.nation = nation
    self.span = span
    self.status = status
  }
}
