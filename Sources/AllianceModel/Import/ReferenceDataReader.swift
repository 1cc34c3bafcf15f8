import GraphCore

/// The NMC column used as capability.
public enum CapabilityColumn: String, CaseIterable, Sendable {
  case cinc, milex, milper, irst, pec, tpop, upop

  public var unit: String {
    switch self {
    case .cinc: "share of world capability (0–1)"
    case .milex: "thousand US$"
    case .milper: "thousand personnel"
    case .irst: "thousand tons of iron and steel"
    case .pec: "thousand coal-ton equivalents"
    case .tpop, .upop: "thousand people"
    }
  }
}

/// Reads ATOP and Correlates of War files laid out like `../shared/data`
/// (`atop/atop5-dyad-year.csv`, `cow/states.csv`, …; files may also sit directly in the folder).
///
/// Nations are COW states (id = the COW code as text); a code that appears in ATOP or
/// elsewhere but not in `states.csv` becomes a nation named "COW <code>" with a warning.
/// O(rows of all files); the 273,000-row dyad-year file dominates.
public enum ReferenceDataReader {
  /// File names the reader looks for.
  public static let dyadYearFile = "atop5-dyad-year.csv"
  public static let statesFile = "states.csv"

  /// Whether `folder` looks like ATOP + COW data (it has the dyad-year file or COW states).
  public static func recognizes(folder: String) -> Bool {
    locate(dyadYearFile, in: folder) != nil || locate(statesFile, in: folder) != nil
  }

  /// The path of `name` in `folder`, `folder/atop` or `folder/cow`.
  static func locate(_ name: String, in folder: String) -> String? {
    for sub in ["", "atop/", "cow/"] {
      let path = "\(folder)/\(sub)\(name)"
      if FileBytes.isFile(path) { return path }
    }
    return nil
  }

  /// Reads every recognised file in `folder`. `states.csv` is required; the others are
  /// optional (their absence is a warning).
  public static func read(folder: String, capability: CapabilityColumn = .cinc) throws -> AllianceNetwork {
    let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    var builder = ReferenceBuilder()
    guard let states = locate(statesFile, in: root) else {
      throw InputError(file: "\(root)/cow/\(statesFile)", "missing file: ATOP/COW data needs the COW state list (cow/states.csv)")
    }
    try builder.readStates(states)
    func optional(_ name: String, _ read: (inout ReferenceBuilder, String) throws -> Void) throws {
      if let path = locate(name, in: root) {
        try read(&builder, path)
      } else {
        builder.warnings.append(DatasetWarning(file: "\(root)/\(name)", "not found: the data it carries is left out"))
      }
    }
    // The dyad-year file is most of the work: parse it on a second thread while the others
    // are read here, then map its codes to nations.
    let dyadPath = locate(dyadYearFile, in: root)
    let parsed = PartResults<Result<RawDyadYears, Error>>(count: 1)
    let others = Box(builder)
    let failure = PartResults<Error>(count: 1)
    Parallel.forEach(parts: 2, threads: 2) { part in
      if part == 0 {
        if let dyadPath { parsed.set(0, Result { try RawDyadYears.parse(dyadPath) }) }
        return
      }
      do {
        var local = others.value
        func read(_ name: String, _ body: (inout ReferenceBuilder, String) throws -> Void) throws {
          if let path = locate(name, in: root) {
            try body(&local, path)
          } else {
            local.warnings.append(DatasetWarning(file: "\(root)/\(name)", "not found: the data it carries is left out"))
          }
        }
        try read("capitals.csv") { try $0.readCapitals($1) }
        try read("nmc.csv") { try $0.readCapabilities($1, column: capability) }
        others.value = local
      } catch {
        failure.set(0, error)
      }
    }
    if let error = failure[0] { throw error }
    builder = others.value
    if let dyadPath, let result = parsed[0] {
      try builder.addDyadYears(try result.get(), path: dyadPath)
    } else {
      builder.warnings.append(DatasetWarning(file: "\(root)/\(dyadYearFile)", "not found: the data it carries is left out"))
    }
    try optional("atop4-member-level.csv") { try $0.readAllianceMembers($1) }
    try optional("atop4-alliance-level.csv") { try $0.readAllianceLevel($1) }
    try optional("rivalries.csv") { try $0.readRivalries($1) }
    try optional("mid-dyad-year.csv") { try $0.readDisputes($1) }
    try optional("contiguity.csv") { try $0.readContiguity($1) }
    try optional("major-powers.csv") { try $0.readMajorPowers($1) }
    try optional("territorial-threat.csv") { try $0.readTerritorialThreat($1) }
    return builder.finish(root: root, capability: capability)
  }
}

/// Accumulates the reference files into one network.
struct ReferenceBuilder {
  var nations: [Nation] = []
  var indexOfCode: [Int: Int] = [:]
  /// Dense copy of ``indexOfCode`` for codes below its size (-1: none), for the hot path.
  var denseIndex: [Int32] = []
  var membership: [[YearSpan]] = []
  var capabilities: [CapabilitySeries] = []
  var dyadYears: DyadYearTable?
  var alliances: [Alliance] = []
  var allianceIndex: [Int: Int] = [:]
  var threats: [ThreatPair] = []
  var disputes: [DisputeYear] = []
  var contiguity: [ContiguitySpell] = []
  var majorPowers: [Int: [YearSpan]] = [:]
  var territorialThreat: [Int: [Int: Double]] = [:]
  var coverage: [SourceCoverage] = []
  var warnings: [DatasetWarning] = []
  var unknownCodes: [Int: (file: String, line: Int)] = [:]
  var systemLastYear = 0
  var nmcLastYear: Int?

  /// COW codes are below a million (they have three digits); a code outside is an error, so
  /// a hostile code cannot size the dense index.
  static let codes = 0..<1_000_000

  /// The nation index of COW `code`, creating a placeholder nation for codes outside states.csv.
  /// - Throws: ``InputError`` at `file`:`line` when the dataset would exceed
  ///   ``ProjectDatasetReader/maximumNations`` nations.
  mutating func nation(_ code: Int, file: String, line: Int) throws -> Int {
    if code >= 0 && code < denseIndex.count && denseIndex[code] >= 0 { return Int(denseIndex[code]) }
    if let index = indexOfCode[code] { return index }
    try checkRoom(file: file, line: line)
    let index = nations.count
    nations.append(Nation(id: String(code), cow: code, abbreviation: String(code), name: "COW \(code)", region: Region(cowCode: code)))
    membership.append([])
    capabilities.append(CapabilitySeries())
    indexOfCode[code] = index
    if code >= 0 && code < denseIndex.count { denseIndex[code] = Int32(index) }
    unknownCodes[code] = (file, line)
    return index
  }

  /// Throws when one more nation would exceed ``ProjectDatasetReader/maximumNations``.
  func checkRoom(file: String, line: Int) throws {
    guard nations.count < ProjectDatasetReader.maximumNations else {
      throw InputError(
        file: file, line: line, "more than \(ProjectDatasetReader.maximumNations) nations: a dataset holds at most that many")
    }
  }

  mutating func readStates(_ path: String) throws {
    let table = try CSVTable(path: path)
    let abb = try table.requireColumn("stateabb"), code = try table.requireColumn("ccode")
    let name = try table.requireColumn("statenme"), start = try table.requireColumn("styear")
    let end = try table.requireColumn("endyear")
    var spans: [(Int, Int, Int)] = []
    try table.forEachRow { row in
      let c = try row.cowCode(code)
      let from = try row.year(start), to = try row.year(end)
      guard to >= from else { throw row.error(end, "end year \(to) is before start year \(from)") }
      if indexOfCode[c] == nil {
        try checkRoom(file: path, line: row.line)
        indexOfCode[c] = nations.count
        nations.append(
          Nation(id: String(c), cow: c, abbreviation: try row.requiredString(abb), name: try row.requiredString(name), region: Region(cowCode: c)))
        membership.append([])
        capabilities.append(CapabilitySeries())
      }
      spans.append((indexOfCode[c]!, from, to))
      systemLastYear = max(systemLastYear, to)
    }
    denseIndex = [Int32](repeating: -1, count: (indexOfCode.keys.max() ?? 0) + 1)
    for (code, index) in indexOfCode where code >= 0 { denseIndex[code] = Int32(index) }
    // Members in the list's last year carry forward past its end.
    for (index, from, to) in spans {
      membership[index].append(YearSpan(start: from, end: to == systemLastYear ? nil : to))
    }
    let first = spans.map(\.1).min() ?? 0
    coverage.append(SourceCoverage(name: "COW state system", firstYear: first, lastYear: systemLastYear))
  }

  mutating func readCapitals(_ path: String) throws {
    let table = try CSVTable(path: path)
    let code = try table.requireColumn("ccode"), city = try table.requireColumn("capital")
    let from = try table.requireColumn("stdate"), to = try table.requireColumn("enddate")
    let lat = try table.requireColumn("lat"), lon = try table.requireColumn("lng")
    try table.forEachRow { row in
      let index = try nation(try row.cowCode(code), file: path, line: row.line)
      func day(_ column: Int) throws -> Day {
        let text = try row.requiredString(column)
        guard let day = Day(iso: text) else { throw row.error(column, "expected a date YYYY-MM-DD, found \"\(text)\"") }
        return day
      }
      guard let la = try row.double(lat), let lo = try row.double(lon) else {
        throw row.error(lat, "expected coordinates, found an empty field")
      }
      guard (-90...90).contains(la) else { throw row.error(lat, "latitude must lie in [-90, 90], found \(la)") }
      guard (-180...180).contains(lo) else { throw row.error(lon, "longitude must lie in [-180, 180], found \(lo)") }
      let spell = CapitalSpell(city: try row.requiredString(city), latitude: la, longitude: lo, from: try day(from), to: try day(to))
      guard spell.from <= spell.to else { throw row.error(to, "end date \(spell.to) is before start date \(spell.from)") }
      nations[index].capitals.append(spell)
    }
    coverage.append(SourceCoverage(name: "capitals", firstYear: 1816, lastYear: nations.flatMap(\.capitals).map(\.to.year).max() ?? 0))
  }

  mutating func readCapabilities(_ path: String, column: CapabilityColumn) throws {
    let table = try CSVTable(path: path)
    let code = try table.requireColumn("ccode"), year = try table.requireColumn("year")
    let value = try table.requireColumn(column.rawValue)
    var first = Int.max, last = Int.min
    try table.forEachRow { row in
      let y = try row.year(year)
      first = min(first, y)
      last = max(last, y)
      guard let v = try row.double(value) else { return }
      guard v >= 0 else {
        // NMC codes missing values as -9 in some releases.
        if v == -9 { return }
        throw row.error(value, "capability must be non-negative, found \(v)")
      }
      let index = try nation(try row.cowCode(code), file: path, line: row.line)
      capabilities[index].set(v, in: y)
    }
    if first <= last {
      nmcLastYear = last
      coverage.append(SourceCoverage(name: "NMC capabilities (\(column.rawValue))", firstYear: first, lastYear: last))
    }
  }

  /// Maps parsed dyad-year rows to nations, merges both orders of each pair and groups
  /// them by year.
  mutating func addDyadYears(_ raw: RawDyadYears, path: String) throws {
    // Both orders of a pair appear, not always with the same flags: merge them into one
    // undirected row per pair and year (flags OR-ed). Keys pack year, pair and mask so a
    // sort groups them: (year << 40 | low << 20 | high) << 5 | mask.
    var packed: [UInt64] = []
    packed.reserveCapacity(raw.years.count)
    for r in raw.years.indices {
      let a = try nation(Int(raw.first[r]), file: path, line: Int(raw.lines[r]))
      let b = try nation(Int(raw.second[r]), file: path, line: Int(raw.lines[r]))
      // Rows without any obligation still put both states in that year's snapshot.
      packed.append((UInt64(raw.years[r]) << 40 | UInt64(min(a, b)) << 20 | UInt64(max(a, b))) << 5 | UInt64(raw.masks[r]))
    }
    packed.sort()
    var years = [Int32](), sa = [UInt32](), sb = [UInt32](), masks = [UInt8]()
    var index = 0
    while index < packed.count {
      let key = packed[index] >> 5
      var mask = UInt8(packed[index] & 31)
      index += 1
      while index < packed.count && packed[index] >> 5 == key {
        mask |= UInt8(packed[index] & 31)
        index += 1
      }
      years.append(Int32(key >> 40))
      sa.append(UInt32((key >> 20) & 0xFFFFF))
      sb.append(UInt32(key & 0xFFFFF))
      masks.append(mask)
    }
    let table = DyadYearTable(years: years, a: sa, b: sb, mask: masks)
    dyadYears = table
    if table.count > 0 {
      coverage.append(SourceCoverage(name: "ATOP v5 dyad-year", firstYear: table.firstYear, lastYear: table.lastYear))
    }
  }

  mutating func readAllianceMembers(_ path: String) throws {
    let table = try CSVTable(path: path)
    let id = try table.requireColumn("atopid"), member = try table.requireColumn("member")
    let entry = try table.requireColumn("yrent"), exit = try table.requireColumn("yrexit")
    let obligations = try ["defense", "offense", "neutral", "nonagg", "consul"].map { try table.requireColumn($0) }
    let intcom = table.column("intcom"), milaid = table.column("milaid"), base = table.column("base"), organ = table.column("organ1")
    let conditio = table.column("conditio"), defcon = table.column("defcon"), asymm = table.column("asymm"), milcon = table.column("milcon")
    let bilateral = table.column("bilat")
    try table.forEachRow { row in
      let atop = try row.requiredInt(id)
      let n = try nation(try row.cowCode(member), file: path, line: row.line)
      let from = try row.year(entry)
      let rawExit = try row.int(exit) ?? 0
      if rawExit != 0 { _ = try row.year(exit) }
      let to: Int? = rawExit == 0 ? nil : rawExit
      if let to, to < from { throw row.error(exit, "exit year \(to) is before entry year \(from)") }
      var types = TieTypeSet()
      for (bit, column) in obligations.enumerated() where (try row.int(column) ?? 0) > 0 {
        types.insert(TieType(rawValue: UInt8(bit))!)
      }
      if allianceIndex[atop] == nil {
        allianceIndex[atop] = alliances.count
        alliances.append(
          Alliance(
            id: String(atop), name: "ATOP \(atop)", obligations: [], span: YearSpan(start: from, end: to),
            atopID: atop, generatesTies: false, provenance: Provenance(sources: ["atop"])))
      }
      let a = allianceIndex[atop]!
      alliances[a].obligations.formUnion(types)
      let command = try row.int(intcom) ?? 0, aid = try row.int(milaid) ?? 0
      let basing = try row.int(base) ?? 0, organised = try row.int(organ) ?? 0
      alliances[a].integratedCommand = alliances[a].integratedCommand || command > 0
      var provisions = TreatyProvisions()
      if command > 0 { provisions.insert(.integratedCommand) }
      if aid > 0 { provisions.insert(.militaryAid) }
      if basing > 0 { provisions.insert(.basing) }
      if organised > 0 { provisions.insert(.organization) }
      if (try row.int(milcon) ?? 0) > 0 { provisions.insert(.militaryContact) }
      let conditional = try row.int(conditio) ?? 0, defenseConditional = try row.int(defcon) ?? 0
      if conditional == 1 || defenseConditional == 1 { provisions.insert(.conditional) }
      if (try row.int(asymm) ?? 0) == 1 { provisions.insert(.asymmetric) }
      alliances[a].provisions.formUnion(provisions)
      alliances[a].span.start = min(alliances[a].span.start, from)
      if let end = alliances[a].span.end { alliances[a].span.end = to.map { max(end, $0) } }
      if (try row.int(bilateral)) == 1 { alliances[a].note = "bilateral" }
      alliances[a].members.append(Membership(nation: n, span: YearSpan(start: from, end: to)))
    }
  }

  mutating func readAllianceLevel(_ path: String) throws {
    let table = try CSVTable(path: path)
    let id = try table.requireColumn("atopid"), begin = try table.requireColumn("begyr"), end = try table.requireColumn("endyr")
    try table.forEachRow { row in
      let atop = try row.requiredInt(id)
      guard let index = allianceIndex[atop] else { return }
      let from = try row.year(begin), to = try row.int(end) ?? 0
      if to != 0 { _ = try row.year(end) }
      alliances[index].span = YearSpan(start: from, end: to == 0 ? nil : max(to, from))
    }
  }

  mutating func readRivalries(_ path: String) throws {
    let table = try CSVTable(path: path)
    let c1 = try table.requireColumn("ccode1"), c2 = try table.requireColumn("ccode2")
    let start = try table.requireColumn("styear"), end = try table.requireColumn("endyear"), name = table.column("rivalryname")
    var last = 0
    try table.forEachRow { row in
      let a = try nation(try row.cowCode(c1), file: path, line: row.line)
      let b = try nation(try row.cowCode(c2), file: path, line: row.line)
      guard a != b else { throw row.error(c2, "a rivalry of a state with itself") }
      let from = try row.year(start), to = try row.year(end)
      guard to >= from else { throw row.error(end, "end year \(to) is before start year \(from)") }
      last = max(last, to)
      threats.append(
        ThreatPair(a: a, b: b, kind: .rivalry, span: YearSpan(start: from, end: to), name: row.string(name), provenance: Provenance(sources: ["thompson-dreyer"])))
    }
    coverage.append(SourceCoverage(name: "strategic rivalries", firstYear: threats.map(\.span.start).min() ?? 0, lastYear: last))
  }

  mutating func readDisputes(_ path: String) throws {
    let table = try CSVTable(path: path)
    let c1 = try table.requireColumn("ccode1"), c2 = try table.requireColumn("ccode2"), year = try table.requireColumn("year")
    let onset = try table.requireColumn("cowmidonset"), sideA = try table.requireColumn("sidea1")
    let fatality = table.column("fatality"), hostility = table.column("hostlev")
    var first = Int.max, last = Int.min
    try table.forEachRow { row in
      let a = try nation(try row.cowCode(c1), file: path, line: row.line)
      let b = try nation(try row.cowCode(c2), file: path, line: row.line)
      let y = try row.year(year)
      first = min(first, y)
      last = max(last, y)
      // −9 is COW's missing value, not zero.
      let deaths = try row.int(fatality).flatMap { $0 < 0 ? nil : $0 }
      let level = try row.int(hostility).flatMap { $0 < 0 ? nil : $0 }
      disputes.append(
        DisputeYear(
          a: a, b: b, year: y, onset: (try row.int(onset) ?? 0) == 1, aOnSideA: (try row.int(sideA) ?? 0) == 1, fatality: deaths, hostility: level))
    }
    if first <= last { coverage.append(SourceCoverage(name: "militarized disputes (MID)", firstYear: first, lastYear: last)) }
  }

  /// Miller's latent territorial threat (`ccode,year,lterrthreat`), per nation and year.
  mutating func readTerritorialThreat(_ path: String) throws {
    let table = try CSVTable(path: path)
    let code = try table.requireColumn("ccode"), year = try table.requireColumn("year"), value = try table.requireColumn("lterrthreat")
    try table.forEachRow { row in
      // Codes outside the state system are not nations of the network: skipped.
      guard let n = indexOfCode[try row.requiredInt(code)], let v = try row.double(value) else { return }
      territorialThreat[n, default: [:]][try row.year(year)] = v
    }
  }

  mutating func readContiguity(_ path: String) throws {
    let table = try CSVTable(path: path)
    let c1 = try table.requireColumn("ccode1"), c2 = try table.requireColumn("ccode2"), type = try table.requireColumn("conttype")
    let from = try table.requireColumn("stdate"), to = try table.requireColumn("enddate")
    try table.forEachRow { row in
      let a = try nation(try row.cowCode(c1), file: path, line: row.line)
      let b = try nation(try row.cowCode(c2), file: path, line: row.line)
      let kind = try row.requiredInt(type)
      guard (0...5).contains(kind) else { throw row.error(type, "expected a contiguity type 0–5, found \(kind)") }
      let start = try row.requiredString(from), end = try row.requiredString(to)
      guard let d0 = Day(iso: start) else { throw row.error(from, "expected a date YYYY-MM-DD, found \"\(start)\"") }
      guard let d1 = Day(iso: end) else { throw row.error(to, "expected a date YYYY-MM-DD, found \"\(end)\"") }
      // Type 0 marks a span without contiguity.
      if kind > 0 { contiguity.append(ContiguitySpell(a: a, b: b, type: kind, from: d0, to: d1)) }
    }
    // Relations in force at the file's last date carry forward past its end.
    if let last = contiguity.map(\.to).max() {
      for index in contiguity.indices where contiguity[index].to == last { contiguity[index].to = .distantFuture }
      coverage.append(SourceCoverage(name: "contiguity", firstYear: contiguity.map(\.from.year).min() ?? 0, lastYear: last.year))
    }
  }

  mutating func readMajorPowers(_ path: String) throws {
    let table = try CSVTable(path: path)
    let code = try table.requireColumn("ccode"), start = try table.requireColumn("styear"), end = try table.requireColumn("endyear")
    try table.forEachRow { row in
      let index = try nation(try row.cowCode(code), file: path, line: row.line)
      let from = try row.year(start), to = try row.year(end)
      guard to >= from else { throw row.error(end, "end year \(to) is before start year \(from)") }
      majorPowers[index, default: []].append(YearSpan(start: from, end: to >= systemLastYear ? nil : to))
    }
  }

  /// `Egypt, Syria, Saudi Arabia +2, 1950 (ATOP 3225)`: up to three members by entry year
  /// (founders first, then by code), how many more, the first year and the ATOP id.
  static func label(_ alliance: Alliance, nations: [Nation]) -> String {
    var first: [Int: Int] = [:]
    for m in alliance.members { first[m.nation] = min(first[m.nation] ?? .max, m.span.start) }
    let order = first.keys.sorted { (first[$0]!, nations[$0].cow ?? .max) < (first[$1]!, nations[$1].cow ?? .max) }
    var text = order.prefix(3).map { nations[$0].name }.joined(separator: ", ")
    if order.count > 3 { text += " +\(order.count - 3)" }
    return "\(text), \(alliance.span.start) (ATOP \(alliance.id))"
  }

  mutating func finish(root: String, capability: CapabilityColumn) -> AllianceNetwork {
    for (code, place) in unknownCodes.sorted(by: { $0.key < $1.key }) {
      warnings.append(DatasetWarning(file: place.file, line: place.line, "COW code \(code) is not in states.csv: kept as \"COW \(code)\""))
    }
    // ATOP has no alliance names: a readable label from the founding members and first year.
    for a in alliances.indices where alliances[a].name == "ATOP \(alliances[a].id)" {
      alliances[a].name = Self.label(alliances[a], nations: nations)
    }
    // Snapshot years: the state system and ATOP (rivalries reach back to 1494, which no
    // other source covers).
    let systemFirst = coverage.first { $0.name == "COW state system" }?.firstYear ?? 1816
    let first = min(systemFirst, dyadYears.map { $0.count > 0 ? $0.firstYear : systemFirst } ?? systemFirst)
    let last = max(dyadYears?.lastYear ?? 0, systemLastYear, first)
    let metadata = DatasetMetadata(
      name: "atop-cow", title: "ATOP v5 and Correlates of War", layout: .reference, asOf: last,
      capabilityMeasure: capability.rawValue, capabilityUnit: capability.unit, capabilitySource: "cow-nmc",
      description: "Alliance Treaty Obligations and Provisions with COW states, capabilities, capitals, contiguity, rivalries and disputes.",
      location: root + "/")
    var network = AllianceNetwork(
      metadata: metadata, nations: nations, capabilities: capabilities,
      capabilityRule: .exactYear(sourceEnd: nmcLastYear ?? last), dyadYears: dyadYears, alliances: alliances,
      threats: threats, disputes: disputes, groups: BuiltInGroups.cowGroups(indexOfCode: indexOfCode),
      systemMembership: membership, sources: ReferenceSources.all, coverage: coverage, warnings: warnings,
      years: first...last)
    network.contiguity = contiguity
    network.majorPowers = majorPowers
    network.territorialThreat = territorialThreat
    network.nuclearSpells = ReferenceNuclear.spells.compactMap { code, start, end, basis in
      indexOfCode[code].map { NuclearSpell(nation: $0, span: YearSpan(start: start, end: end), basis: basis, provenance: Provenance(sources: ["nuclear"])) }
    }
    return network
  }
}

extension CSVRow {
  /// The COW state code in `column`.
  /// - Throws: ``InputError`` when empty, not an integer or outside ``ReferenceBuilder/codes``.
  func cowCode(_ column: Int) throws -> Int {
    let code = try requiredInt(column)
    guard ReferenceBuilder.codes.contains(code) else {
      throw error(column, "expected a COW code in 0…\(ReferenceBuilder.codes.upperBound - 1), found \(code)")
    }
    return code
  }

  /// The year in `column`.
  /// - Throws: ``InputError`` when empty, not an integer or outside ``ProjectDatasetReader/years``.
  func year(_ column: Int) throws -> Int {
    let value = try requiredInt(column)
    let range = ProjectDatasetReader.years
    guard range.contains(value) else {
      throw error(column, "expected a year in \(range.lowerBound)…\(range.upperBound), found \(value)")
    }
    return value
  }
}

/// A direct-contiguity relation (COW): 1 = land border, 2–5 = across at most 12, 24, 150, 400 miles of water.
public struct ContiguitySpell: Sendable, Hashable {
  public var a: Int
  public var b: Int
  public var type: Int
  public var from: Day
  public var to: Day
}

/// The sources of the ATOP/COW layout, cited wherever its results are shown.
public enum ReferenceSources {
  public static let all: [Source] = [
    Source(id: "atop", publisher: "ATOP project (atopdata.org)", title: "Alliance Treaty Obligations and Provisions, v5 dyad-year and v4.01 alliance/member level; Leeds, Ritter, Mitchell and Long (2002), International Interactions 28:237–260", date: "2022"),
    Source(id: "cow-states", publisher: "Correlates of War Project", title: "State System Membership", date: "2016"),
    Source(id: "cow-nmc", publisher: "Correlates of War Project", title: "National Material Capabilities; Singer, Bremer and Stuckey (1972)", date: "2022"),
    Source(id: "cow-contiguity", publisher: "Correlates of War Project", title: "Direct Contiguity v3.2; Stinnett et al. (2002)", date: "2016"),
    Source(id: "cow-mid", publisher: "Correlates of War Project", title: "Militarized Interstate Disputes; Palmer et al.", date: "2014"),
    Source(id: "thompson-dreyer", publisher: "CQ Press", title: "Thompson and Dreyer (2012), Handbook of International Rivalries, 1494–2010", date: "2012"),
    Source(id: "peacesciencer", publisher: "Conflict Management and Peace Science", title: "Miller (2022), peacesciencer: An R Package for Quantitative Peace Science Research (capitals, packaging, latent territorial threat)", date: "2022"),
    Source(id: "nuclear", publisher: "AllianceGraph curated dataset", title: "Nuclear weapons of their own: first tests (Arms Control Association test tally), Israel from 1967 and South Africa 1979–1991 (believed); the sources are those of datasets/curated/nuclear.csv", date: "2025"),
  ]
}

/// The nuclear spells of the curated dataset's `nuclear.csv` by COW code (its sources
/// there), for reference data, which has none: (code, first year, last year, basis).
enum ReferenceNuclear {
  static let spells: [(Int, Int, Int?, String)] = [
    (2, 1945, nil, "test"), (365, 1949, nil, "test"), (200, 1952, nil, "test"), (220, 1960, nil, "test"), (710, 1964, nil, "test"),
    (666, 1967, nil, "believed"), (750, 1974, nil, "test"), (560, 1979, 1991, "believed"), (770, 1998, nil, "test"), (731, 2006, nil, "test"),
  ]
}

/// A mutable value shared with one worker thread.
final class Box<T>: @unchecked Sendable {
  var value: T
  init(_ value: T) { self.value = value }
}

/// ATOP v5 dyad-year rows as parsed, before codes become nations.
struct RawDyadYears: Sendable {
  var years: [Int32] = []
  var first: [Int32] = []
  var second: [Int32] = []
  var masks: [UInt8] = []
  var lines: [Int32] = []

  /// Parses and checks every row. O(rows).
  static func parse(_ path: String) throws -> RawDyadYears {
    let table = try CSVTable(path: path)
    let c1 = try table.requireColumn("ccode1"), c2 = try table.requireColumn("ccode2"), year = try table.requireColumn("year")
    let flags = try ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"].map { try table.requireColumn($0) }
    var raw = RawDyadYears()
    for keyPath in [\RawDyadYears.years, \.first, \.second, \.lines] as [WritableKeyPath<RawDyadYears, [Int32]>] {
      raw[keyPath: keyPath].reserveCapacity(280_000)
    }
    raw.masks.reserveCapacity(280_000)
    try table.forEachRow { row in
      let y = try row.requiredInt(year)
      guard (0..<4096).contains(y) else { throw row.error(year, "expected a year in 0…4095, found \(y)") }
      let a = try row.requiredInt(c1), b = try row.requiredInt(c2)
      guard (0..<1_000_000).contains(a) else { throw row.error(c1, "expected a COW code in 0…999999, found \(a)") }
      guard (0..<1_000_000).contains(b) else { throw row.error(c2, "expected a COW code in 0…999999, found \(b)") }
      guard a != b else { throw row.error(c2, "a dyad of a state with itself") }
      var mask: UInt8 = 0
      for (bit, column) in flags.enumerated() {
        let flag = try row.int(column) ?? 0
        guard flag == 0 || flag == 1 else { throw row.error(column, "expected 0 or 1, found \(flag)") }
        if flag == 1 { mask |= 1 << UInt8(bit) }
      }
      raw.years.append(Int32(y))
      raw.first.append(Int32(a))
      raw.second.append(Int32(b))
      raw.masks.append(mask)
      raw.lines.append(Int32(truncatingIfNeeded: row.line))
    }
    return raw
  }
}
