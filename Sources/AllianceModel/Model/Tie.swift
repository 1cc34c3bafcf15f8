/// An undirected tie of one type between two nations over a span of years.
public struct Tie: Sendable, Hashable {
  /// Indices into ``AllianceNetwork/nations``; `a < b`.
  public var a: Int
  public var b: Int
  public var type: TieType
  public var span: YearSpan
  /// Whether an obligation tie is practised (channels: always active).
  public var status: TieStatus
  /// An explicit reliability of an obligation tie, winning over r₀ and status.
  public var reliability: Double?
  public var name: String?
  public var provenance: Provenance
  public var note: String?

  public init(
    a: Int, b: Int, type: TieType, span: YearSpan, status: TieStatus = .active, reliability: Double? = nil, name: String? = nil,
    provenance: Provenance = Provenance(), note: String? = nil
  ) {
    self.a = min(a, b)
    self.b = max(a, b)
    self.type = type
    self.span = span
    self.status = status
    self.reliability = reliability
    self.name = name
    self.provenance = provenance
    self.note = note
  }
}

/// Where a threat comes from.
public enum ThreatKind: String, Sendable, CaseIterable {
  /// A strategic rivalry (Thompson and Dreyer, or listed as a rivalry in a dataset).
  case rivalry
  /// A threat pair listed in a dataset.
  case listed
}

/// A mutual threat between two nations over a span of years.
public struct ThreatPair: Sendable, Hashable {
  public var a: Int
  public var b: Int
  public var kind: ThreatKind
  public var span: YearSpan
  /// w in (0, 1]: the threat's weight in threat pressure Θ (open war 1, dormant rivalry low).
  public var intensity: Double
  /// When the pair was last checked against current sources; `nil` when never.
  public var lastVerified: Day?
  public var name: String?
  public var provenance: Provenance

  public init(
    a: Int, b: Int, kind: ThreatKind, span: YearSpan, intensity: Double = 1, lastVerified: Day? = nil, name: String? = nil,
    provenance: Provenance = Provenance()
  ) {
    self.a = min(a, b)
    self.b = max(a, b)
    self.kind = kind
    self.span = span
    self.intensity = intensity
    self.lastVerified = lastVerified
    self.name = name
    self.provenance = provenance
  }
}

/// One militarized-dispute dyad-year (COW MID): who faced whom in which year.
public struct DisputeYear: Sendable, Hashable {
  /// Indices into ``AllianceNetwork/nations``.
  public var a: Int
  public var b: Int
  public var year: Int
  /// The dispute started this year.
  public var onset: Bool
  /// `a` was on side A (the initiating side).
  public var aOnSideA: Bool
  /// The dispute's fatality level (COW MID `fatality`: 0 none … 6 > 999 deaths); `nil` when
  /// missing (−9) or not recorded.
  public var fatality: Int?
  /// The dispute's highest hostility level (COW MID `hostlev`: 5 = war); `nil` when missing.
  public var hostility: Int?
  public init(a: Int, b: Int, year: Int, onset: Bool, aOnSideA: Bool, fatality: Int? = nil, hostility: Int? = nil) {
    self.a = a
    self.b = b
    self.year = year
    self.onset = onset
    self.aOnSideA = aOnSideA
    self.fatality = fatality
    self.hostility = hostility
  }
}

/// A named set of nations (e.g. `oic`).
public struct NationGroup: Sendable, Hashable {
  public var name: String
  /// Indices into ``AllianceNetwork/nations``, sorted.
  public var members: [Int]
  /// Codes listed for the group that the network does not have (e.g. a COW-code list
  /// applied to a year without that state).
  public var missing: [String]
  public init(name: String, members: [Int], missing: [String] = []) {
    self.name = name
    self.members = members
    self.missing = missing
  }
}

/// A cited source.
public struct Source: Sendable, Hashable {
  public var id: String
  public var publisher: String
  public var title: String
  public var date: String
  public var url: String?
  public init(id: String, publisher: String, title: String, date: String, url: String? = nil) {
    self.id = id
    self.publisher = publisher
    self.title = title
    self.date = date
    self.url = url
  }
}
