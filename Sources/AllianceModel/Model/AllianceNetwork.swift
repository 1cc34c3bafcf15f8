import GraphCore

/// What a dataset says about itself.
public struct DatasetMetadata: Sendable, Hashable {
  public enum Layout: String, Sendable {
    /// The project's own format (`dataset.json` + CSV tables).
    case project
    /// ATOP + COW files laid out like `../shared/data`.
    case reference
  }
  public var name: String
  public var title: String
  public var layout: Layout
  /// The year used when a command gets no `--year`.
  public var asOf: Int
  /// The capability measure (`milex`, `cinc`, …), its unit and the year of its values.
  public var capabilityMeasure: String
  public var capabilityUnit: String
  public var capabilityYear: Int?
  public var capabilitySource: String?
  public var description: String
  /// Where the data was read from (`built-in` for the embedded dataset).
  public var location: String
  /// Other capability measures the dataset holds (`capabilities.csv` rows naming them).
  public var capabilityAlternatives: [CapabilityMeasure] = []

  public init(
    name: String, title: String, layout: Layout, asOf: Int, capabilityMeasure: String, capabilityUnit: String = "",
    capabilityYear: Int? = nil, capabilitySource: String? = nil, description: String = "", location: String
  ) {
    self.name = name
    self.title = title
    self.layout = layout
    self.asOf = asOf
    self.capabilityMeasure = capabilityMeasure
    self.capabilityUnit = capabilityUnit
    self.capabilityYear = capabilityYear
    self.capabilitySource = capabilitySource
    self.description = description
    self.location = location
  }
}

/// The file of a dataset that holds a fitted formation model.
public enum FormationModelFile {
  public static let name = "formation-model.json"
}

/// A capability measure a dataset holds besides its default one.
public struct CapabilityMeasure: Sendable, Hashable {
  public var measure: String
  public var unit: String
  public var year: Int?
  public var source: String?
  /// A nation without a value of this measure keeps its value of the default measure.
  public var fallback: Bool
  public init(measure: String, unit: String = "", year: Int? = nil, source: String? = nil, fallback: Bool = false) {
    self.measure = measure
    self.unit = unit
    self.year = year
    self.source = source
    self.fallback = fallback
  }
}

/// The last year a data source covers, to warn about years beyond it.
public struct SourceCoverage: Sendable, Hashable {
  public var name: String
  public var firstYear: Int
  public var lastYear: Int
  public init(name: String, firstYear: Int, lastYear: Int) {
    self.name = name
    self.firstYear = firstYear
    self.lastYear = lastYear
  }
}

/// A problem that does not stop loading (see the dataset format's validation policy).
public struct DatasetWarning: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var field: String?
  public var message: String
  public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }
  /// Formatted like ``InputError``: `file:line: field: message`.
  public var description: String { InputError(file: file, line: line, field: field, message).description }
}

/// A whole dataset: nations, ties, alliances, threats and groups over time.
///
/// Nations are addressed by their index in ``nations``; ids, codes and names resolve
/// through ``resolve(_:)``. A ``YearSnapshot`` turns one year into CSR graphs.
public struct AllianceNetwork: Sendable {
  public var metadata: DatasetMetadata
  public var nations: [Nation]
  /// Capability per nation, parallel to ``nations``.
  public var capabilities: [CapabilitySeries]
  public var capabilityRule: CapabilityRule
  public var ties: [Tie]
  /// ATOP v5 dyad-year obligations, when the data has them.
  public var dyadYears: DyadYearTable?
  public var alliances: [Alliance]
  public var threats: [ThreatPair]
  public var disputes: [DisputeYear]
  public var groups: [NationGroup]
  /// State-system membership per nation (COW); `nil` means every nation is present in every year.
  public var systemMembership: [[YearSpan]]?
  public var sources: [Source]
  public var coverage: [SourceCoverage]
  public var warnings: [DatasetWarning]
  /// The years the data covers.
  public var years: ClosedRange<Int>
  /// COW direct contiguity, when the data has it.
  public var contiguity: [ContiguitySpell] = []
  /// Major-power spans per nation index (COW), when the data has them.
  public var majorPowers: [Int: [YearSpan]] = [:]
  /// Miller's latent territorial threat per nation index and year, when the data has it
  /// (`territorial-threat.csv`).
  public var territorialThreat: [Int: [Int: Double]] = [:]
  /// Spans in which nations had nuclear weapons of their own, when the data has them.
  public var nuclearSpells: [NuclearSpell] = []
  /// Capability per nation under each alternative measure (keys: ``CapabilityMeasure/measure``).
  public var alternativeCapabilities: [String: [CapabilitySeries]] = [:]
  /// Which nations use the fallback (default-measure) value under each alternative measure.
  public var capabilityFallbacks: Set<Int> = []
  /// A fitted formation model shipped with the dataset (JSON, ``FormationModelFile``), for
  /// datasets without the history to fit one (the curated present).
  public var formationModel: String?

  private var lookup: [String: Int] = [:]
  /// Every lookup key, sorted (for suggestions).
  private var lookupKeys: [String] = []
  /// ``lookupKeys`` as scalars, and every nation's folded name, for the suggestions.
  private var lookupScalars: [[Unicode.Scalar]] = []
  private var nameKeys: [String] = []
  private var ambiguous: [String: [Int]] = [:]

  public init(
    metadata: DatasetMetadata, nations: [Nation], capabilities: [CapabilitySeries], capabilityRule: CapabilityRule,
    ties: [Tie] = [], dyadYears: DyadYearTable? = nil, alliances: [Alliance] = [], threats: [ThreatPair] = [],
    disputes: [DisputeYear] = [], groups: [NationGroup] = [], systemMembership: [[YearSpan]]? = nil,
    sources: [Source] = [], coverage: [SourceCoverage] = [], warnings: [DatasetWarning] = [], years: ClosedRange<Int>
  ) {
    precondition(capabilities.count == nations.count)
    self.metadata = metadata
    self.nations = nations
    self.capabilities = capabilities
    self.capabilityRule = capabilityRule
    self.ties = ties
    self.dyadYears = dyadYears
    self.alliances = alliances
    self.threats = threats
    self.disputes = disputes
    self.groups = groups
    self.systemMembership = systemMembership
    self.sources = sources
    self.coverage = coverage
    self.warnings = warnings
    self.years = years
    rebuildLookup()
  }

  /// Recomputes the name lookup; call after editing ``nations``.
  public mutating func rebuildLookup() {
    var keys: [String: Set<Int>] = [:]
    for (index, nation) in nations.enumerated() {
      var names = [nation.id, nation.abbreviation, nation.name]
      if let cow = nation.cow {
        names.append(String(cow))
        names += NationAliases.byCOWCode[cow] ?? []
      }
      for name in names where !name.isEmpty { keys[NationAliases.key(name), default: []].insert(index) }
    }
    lookup = [:]
    ambiguous = [:]
    for (key, indices) in keys {
      if indices.count == 1 { lookup[key] = indices.first! } else { ambiguous[key] = indices.sorted() }
    }
    // An exact id always wins over another nation's name or abbreviation.
    for (index, nation) in nations.enumerated() { lookup[NationAliases.key(nation.id)] = index }
    lookupKeys = keys.keys.sorted()
    lookupScalars = lookupKeys.map { Array($0.unicodeScalars) }
    nameKeys = nations.map { NationAliases.key($0.name) }
  }

  /// The index of the nation named by `text`: its id, COW code, abbreviation, name or a
  /// historical or alternative name (``NationAliases``); case, diacritics and apostrophe
  /// styles do not matter. When several nations match and exactly one of them satisfies
  /// `present` (e.g. is in the analysed year), that one. O(1), or O(names · |text|²) for
  /// the suggestions of an unknown name.
  /// - Throws: ``NationLookupError`` when no nation or several match (with suggestions:
  ///   names within a small edit distance, or containing the text).
  public func resolve(_ text: String, preferring present: ((Int) -> Bool)? = nil) throws(NationLookupError) -> Int {
    let key = NationAliases.key(text.trimmingSpaces())
    if let index = lookup[key] { return index }
    if let indices = ambiguous[key] {
      if let present {
        let here = indices.filter(present)
        if here.count == 1 { return here[0] }
        if here.count > 1 { throw .ambiguous(text, here.map { describe($0) }) }
      }
      throw .ambiguous(text, indices.map { describe($0) })
    }
    // Near misses: a small edit distance (a third of the length, at most 3), then names
    // containing the text.
    let scalars = Array(key.unicodeScalars)
    let limit = min(3, max(1, scalars.count / 3))
    var scored: [(Int, String)] = []
    for (k, candidate) in lookupScalars.enumerated() where abs(candidate.count - scalars.count) <= limit {
      let d = NationAliases.distance(candidate, scalars, limit: limit)
      if d <= limit { scored.append((d, lookupKeys[k])) }
    }
    var seen = Set<Int>()
    var close: [String] = []
    for (_, candidate) in scored.sorted(by: { $0 < $1 }) {
      for index in lookup[candidate].map({ [$0] }) ?? ambiguous[candidate] ?? [] where seen.insert(index).inserted {
        close.append(describe(index))
      }
    }
    if close.isEmpty && scalars.count >= 3 {
      for (index, name) in nameKeys.enumerated() where name.contains(key) && seen.insert(index).inserted {
        close.append(describe(index))
      }
    }
    throw .unknown(text, Array(close.prefix(5)))
  }

  /// `730 (Korea, 1887–1905)`, `732 (South Korea, since 1949)`: the id, name and the
  /// state-system years when known.
  func describe(_ index: Int) -> String {
    let nation = nations[index]
    var years = ""
    if let spans = systemMembership?[index], let first = spans.first {
      years = spans.last?.end.map { ", \(first.start)–\($0)" } ?? ", since \(first.start)"
    }
    return "\(nation.id) (\(nation.name)\(years))"
  }

  /// The group called `name` (case-insensitive), including the built-in region groups.
  public func group(named name: String) -> NationGroup? {
    let key = name.lowercased()
    if let group = groups.first(where: { $0.name.lowercased() == key }) { return group }
    if let region = Region.allCases.first(where: { $0.groupName == key || $0.rawValue.lowercased() == key }) {
      return NationGroup(name: region.groupName, members: nations.indices.filter { nations[$0].region == region })
    }
    return nil
  }

  /// Whether nation `index` had nuclear weapons of its own in `year`: from the spells when
  /// the data has them, else the nation's status as of the dataset's as-of year.
  public func isNuclear(_ index: Int, in year: Int) -> Bool {
    if nuclearSpells.isEmpty { return nations[index].nuclear == .own && year >= metadata.asOf }
    return nuclearSpells.contains { $0.nation == index && $0.span.contains(year) }
  }

  /// Whether nation `index` may join alliance `alliance` under its eligibility rule (`nil`
  /// when the rule is unknown). Members in force in `year` are eligible. O(terms + members).
  public func isEligible(_ index: Int, for alliance: Int, in year: Int) -> Bool? {
    let a = alliances[alliance]
    if a.members(in: year).contains(index) { return true }
    guard let rule = a.eligibility else { return nil }
    return rule.admits(index, region: nations[index].region) { name in
      Set(self.group(named: name)?.members ?? [])
    }
  }

  /// The network with capability taken from alternative measure `measure`: nations without
  /// a value keep their default value when the measure has `fallback`, else have none.
  /// - Throws: ``CapabilityMeasureError`` when the dataset does not hold `measure`.
  public func usingCapability(_ measure: String) throws(CapabilityMeasureError) -> AllianceNetwork {
    if measure == metadata.capabilityMeasure { return self }
    guard let info = metadata.capabilityAlternatives.first(where: { $0.measure == measure }),
      let series = alternativeCapabilities[measure]
    else {
      throw CapabilityMeasureError(
        measure: measure, known: [metadata.capabilityMeasure] + metadata.capabilityAlternatives.map(\.measure))
    }
    var copy = self
    var fallbacks = Set<Int>()
    for index in nations.indices {
      if series[index].isEmpty && info.fallback {
        fallbacks.insert(index)
      } else {
        copy.capabilities[index] = series[index]
      }
    }
    copy.capabilityFallbacks = fallbacks
    copy.metadata.capabilityMeasure = info.measure
    copy.metadata.capabilityUnit = info.unit
    copy.metadata.capabilityYear = info.year
    copy.metadata.capabilitySource = info.source
    return copy
  }

  /// Whether nation `index` is in the state system in `year`.
  public func isSystemMember(_ index: Int, in year: Int) -> Bool {
    guard let systemMembership else { return true }
    return systemMembership[index].contains { $0.contains(year) }
  }
}

/// A capability measure the dataset does not hold.
public struct CapabilityMeasureError: Error, CustomStringConvertible, Equatable {
  public var measure: String
  public var known: [String]
  public var description: String {
    "unknown capability measure \"\(measure)\": the dataset holds \(known.joined(separator: ", "))"
  }
}

/// A nation name that matches no nation, or several.
public enum NationLookupError: Error, CustomStringConvertible, Equatable {
  case unknown(String, [String])
  case ambiguous(String, [String])

  public var description: String {
    switch self {
    case .unknown(let text, let close):
      "unknown nation \"\(text)\": expected a code, abbreviation or name from the dataset"
        + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: ", "))?")
    case .ambiguous(let text, let matches):
      "\"\(text)\" names several nations: \(matches.joined(separator: ", ")); use the code"
    }
  }
}
