/// A treaty or partnership: a set of members with obligations over a span of years.
///
/// Bilateral and trilateral partnerships are alliances of two and three members.
public struct Alliance: Sendable, Hashable {
  public var id: String
  public var name: String
  /// The tie types it creates between every pair of members in force together.
  public var obligations: TieTypeSet
  public var span: YearSpan
  /// The alliance has an integrated military command (interoperability κ = 1).
  public var integratedCommand: Bool
  /// Other ATOP provisions: military aid, basing rights, a formal organisation.
  public var militaryAid: Bool
  public var basing: Bool
  public var organization: Bool
  /// The ATOP alliance id, when known.
  public var atopID: Int?
  public var members: [Membership]
  /// Whether the snapshot expands the alliance into member–member ties. False for ATOP
  /// alliances, whose ties come from the dyad-year file.
  public var generatesTies: Bool
  public var provenance: Provenance
  public var note: String?

  public init(
    id: String, name: String, obligations: TieTypeSet, span: YearSpan, integratedCommand: Bool = false,
    militaryAid: Bool = false, basing: Bool = false, organization: Bool = false, atopID: Int? = nil,
    members: [Membership] = [], generatesTies: Bool = true, provenance: Provenance = Provenance(), note: String? = nil
  ) {
    self.id = id
    self.name = name
    self.obligations = obligations
    self.span = span
    self.integratedCommand = integratedCommand
    self.militaryAid = militaryAid
    self.basing = basing
    self.organization = organization
    self.atopID = atopID
    self.members = members
    self.generatesTies = generatesTies
    self.provenance = provenance
    self.note = note
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

/// One nation's membership in an alliance.
public struct Membership: Sendable, Hashable {
  /// Index into ``AllianceNetwork/nations``.
  public var nation: Int
  public var span: YearSpan
  public init(nation: Int, span: YearSpan) {
    self.nation = nation
    self.span = span
  }
}
