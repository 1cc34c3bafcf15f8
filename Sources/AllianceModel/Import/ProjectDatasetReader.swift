import Foundation
import GraphCore

/// Where a dataset's files come from: a folder on disk or the copy built into the tool.
public struct DatasetFiles: Sendable {
  /// How file names are shown in messages (`datasets/curated/` or `built-in curated/`).
  public let displayPrefix: String
  let folder: String?
  let embedded: [String: [UInt8]]
  /// The largest JSON file read (`dataset.json`, `formation-model.json`): 16 MiB. Tables
  /// may reach ``CSVTable/maximumFileBytes``.
  public static let maximumJSONBytes = 16 << 20

  /// Files in `folder`.
  public init(folder: String) {
    let trimmed = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    self.folder = trimmed
    self.displayPrefix = trimmed + "/"
    self.embedded = [:]
  }

  /// Files held in memory (name → content).
  public init(embedded: [String: String], displayPrefix: String) {
    self.init(contents: embedded.mapValues { Array($0.utf8) }, displayPrefix: displayPrefix)
  }

  /// Files held in memory as raw bytes (name → content), e.g. for the fuzz targets.
  public init(contents: [String: [UInt8]], displayPrefix: String) {
    self.folder = nil
    self.embedded = contents
    self.displayPrefix = displayPrefix
  }

  /// The name shown in messages for `file`.
  public func display(_ file: String) -> String { displayPrefix + file }

  /// Whether `file` exists.
  public func exists(_ file: String) -> Bool {
    if let folder { return FileBytes.isFile(folder + "/" + file) }
    return embedded[file] != nil
  }

  /// The bytes of `file`; a file on disk larger than ``CSVTable/maximumFileBytes`` (a JSON
  /// file: ``maximumJSONBytes``) is refused before it is read.
  public func bytes(_ file: String) throws -> [UInt8] {
    let limit = file.hasSuffix(".json") ? DatasetFiles.maximumJSONBytes : CSVTable.maximumFileBytes
    if let folder { return try CSVTable.readFile(folder + "/" + file, limit: limit) }
    guard let bytes = embedded[file] else { throw InputError(file: display(file), "missing file") }
    guard bytes.count <= limit else {
      throw InputError(file: display(file), "the file has \(bytes.count) bytes, more than the \(limit >> 20) MiB this reader accepts")
    }
    return bytes
  }

  /// `file` as a CSV table.
  public func table(_ file: String) throws -> CSVTable {
    try CSVTable(path: display(file), bytes: bytes(file))
  }
}

/// Reads and validates a dataset in the project's format (see `datasets/FORMAT.md`).
///
/// Errors stop loading with a message naming file, line and field; softer problems
/// become ``DatasetWarning``s on the network. O(total rows · log rows).
public enum ProjectDatasetReader {
  /// The manifest's `format` value this reader understands.
  public static let formatTag = "alliancegraph-dataset/1"
  /// The most nations a dataset may have (a few hundred states have ever existed; the
  /// analyses hold n × n matrices, about 1 GB at this size), so a hostile table with 10⁶
  /// rows is an error rather than an out-of-memory kill.
  public static let maximumNations = 5_000
  /// Years (spans, `asOf`, capability years) must lie in this range.
  public static let years = 1...9999

  /// Reads the dataset in `files`.
  public static func read(_ files: DatasetFiles) throws -> AllianceNetwork {
    var state = ReaderState(files: files)
    let metadata = try readManifest(files)
    state.asOf = metadata.asOf
    state.alternativeMeasures = metadata.capabilityAlternatives.map(\.measure)
    try state.readSources()
    try state.readNations()
    try state.readCapabilities()
    try state.readAlliances()
    try state.readTies()
    try state.readThreats()
    try state.readGroups()
    try state.checkEligibilityGroups()
    try state.readNuclear()
    try state.readContiguity()
    state.checkCompleteness()
    var lastYear = metadata.asOf
    var firstYear = metadata.asOf
    for alliance in state.alliances {
      firstYear = min(firstYear, alliance.span.start)
      if let end = alliance.span.end { lastYear = max(lastYear, end) }
    }
    for tie in state.ties {
      firstYear = min(firstYear, tie.span.start)
      if let end = tie.span.end { lastYear = max(lastYear, end) }
    }
    var network = AllianceNetwork(
      metadata: metadata, nations: state.nations, capabilities: state.capabilities, capabilityRule: .latestAtOrBefore,
      ties: state.ties, alliances: state.alliances, threats: state.threats, groups: state.groups,
      sources: state.sources, warnings: state.warnings, years: firstYear...max(lastYear, metadata.asOf))
    network.nuclearSpells = state.nuclearSpells
    network.alternativeCapabilities = state.alternativeCapabilities
    network.contiguity = state.contiguity
    for index in state.majorPowers { network.majorPowers[index] = [YearSpan(start: network.years.lowerBound)] }
    if files.exists(FormationModelFile.name) {
      network.formationModel = String(decoding: try files.bytes(FormationModelFile.name), as: UTF8.self)
    }
    return network
  }

  static func readManifest(_ files: DatasetFiles) throws -> DatasetMetadata {
    let name = "dataset.json"
    guard files.exists(name) else {
      throw InputError(file: files.display(name), "missing manifest: a dataset folder needs dataset.json (see datasets/FORMAT.md)")
    }
    let bytes = try files.bytes(name)
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
      throw JSONErrorPosition.inputError(error, bytes: bytes, file: files.display(name))
    }
    guard let root = object as? [String: Any] else {
      throw InputError(file: files.display(name), "expected a JSON object at the top level")
    }
    func string(_ key: String, in dict: [String: Any], path: String, required: Bool) throws -> String? {
      guard let value = dict[key] else {
        if required { throw InputError(file: files.display(name), field: path, "missing key: expected a string") }
        return nil
      }
      guard let text = value as? String else {
        throw InputError(file: files.display(name), field: path, "expected a string, found \(value)")
      }
      return text
    }
    func int(_ key: String, in dict: [String: Any], path: String, required: Bool) throws -> Int? {
      guard let value = dict[key] else {
        if required { throw InputError(file: files.display(name), field: path, "missing key: expected a year (integer)") }
        return nil
      }
      guard let number = value as? NSNumber, !(value is Bool), number.doubleValue == number.doubleValue.rounded(),
        let year = Int(exactly: number.doubleValue), ProjectDatasetReader.years.contains(year)
      else {
        throw InputError(
          file: files.display(name), field: path,
          "expected an integer year in \(years.lowerBound)…\(years.upperBound), found \(value)")
      }
      return year
    }
    let format = try string("format", in: root, path: "format", required: true)!
    guard format == formatTag else {
      throw InputError(file: files.display(name), field: "format", "unsupported format \"\(format)\": expected \"\(formatTag)\"")
    }
    let datasetName = try string("name", in: root, path: "name", required: true)!
    let asOf = try int("asOf", in: root, path: "asOf", required: true)!
    guard let capability = root["capability"] as? [String: Any] else {
      throw InputError(file: files.display(name), field: "capability", "missing object: expected {\"measure\": …}")
    }
    var alternatives: [CapabilityMeasure] = []
    if let value = capability["alternatives"] {
      guard let list = value as? [Any] else {
        throw InputError(file: files.display(name), field: "capability.alternatives", "expected a list of {\"measure\": …} objects")
      }
      for (k, item) in list.enumerated() {
        let path = "capability.alternatives[\(k)]"
        guard let dict = item as? [String: Any] else {
          throw InputError(file: files.display(name), field: path, "expected an object {\"measure\": …}")
        }
        let measure = try string("measure", in: dict, path: path + ".measure", required: true)!
        let fallback: Bool
        switch dict["fallback"] {
        case nil: fallback = false
        case let flag as Bool: fallback = flag
        case let other?: throw InputError(file: files.display(name), field: path + ".fallback", "expected true or false, found \(other)")
        }
        alternatives.append(
          CapabilityMeasure(
            measure: measure, unit: try string("unit", in: dict, path: path + ".unit", required: false) ?? "",
            year: try int("year", in: dict, path: path + ".year", required: false),
            source: try string("source", in: dict, path: path + ".source", required: false), fallback: fallback))
      }
    }
    var metadata = DatasetMetadata(
      name: datasetName,
      title: try string("title", in: root, path: "title", required: false) ?? datasetName,
      layout: .project, asOf: asOf,
      capabilityMeasure: try string("measure", in: capability, path: "capability.measure", required: true)!,
      capabilityUnit: try string("unit", in: capability, path: "capability.unit", required: false) ?? "",
      capabilityYear: try int("year", in: capability, path: "capability.year", required: false),
      capabilitySource: try string("source", in: capability, path: "capability.source", required: false),
      description: try string("description", in: root, path: "description", required: false) ?? "",
      location: files.displayPrefix)
    metadata.capabilityAlternatives = alternatives
    return metadata
  }
}

/// The columns of each table (`datasets/FORMAT.md`), each with `note`. Any other column is
/// an error ("did you mean" for a misspelling), except the user's own, named `x_…`.
enum DatasetColumns {
  /// The prefix of columns the reader ignores.
  static let freePrefix = "x_"
  static let sources = ["id", "publisher", "title", "date", "url", "note"]
  static let nations = ["id", "cow", "abbr", "name", "region", "capital", "lat", "lon", "nuclear", "major_power", "source", "note"]
  static let capabilities = ["nation", "year", "value", "measure", "source", "confidence", "note"]
  static let alliances = ["id", "name", "obligations", "start", "end", "status", "reliability", "major", "integrated_command", "provisions", "eligibility", "channel_scope", "atopid", "source", "confidence", "note"]
  static let members = ["alliance", "nation", "entry", "exit", "status", "source", "note"]
  static let ties = ["a", "b", "type", "start", "end", "status", "reliability", "name", "source", "confidence", "note"]
  static let threats = ["a", "b", "kind", "start", "end", "intensity", "last_verified", "name", "source", "confidence", "note"]
  static let groups = ["group", "nation", "source", "note"]
  static let nuclear = ["nation", "start", "end", "basis", "source", "confidence", "note"]
  static let contiguity = ["a", "b", "type", "source", "note"]
}

/// The tables read so far, with the checks that need more than one table.
struct ReaderState {
  let files: DatasetFiles
  var sources: [Source] = []
  var sourceIDs: Set<String> = []
  var nations: [Nation] = []
  var nationIndex: [String: Int] = [:]
  var capabilities: [CapabilitySeries] = []
  var alliances: [Alliance] = []
  var ties: [Tie] = []
  var threats: [ThreatPair] = []
  var groups: [NationGroup] = []
  var warnings: [DatasetWarning] = []
  var nuclearSpells: [NuclearSpell] = []
  var contiguity: [ContiguitySpell] = []
  var majorPowers: [Int] = []
  var alternativeCapabilities: [String: [CapabilitySeries]] = [:]
  var asOf = 0
  var alternativeMeasures: [String] = []
  /// Where each alliance's eligibility rule was read, for group names checked after groups.csv.
  var eligibilityRows: [(alliance: Int, line: Int, groups: [String])] = []

  init(files: DatasetFiles) { self.files = files }

  mutating func readSources() throws {
    let table = try files.table("sources.csv")
    try table.checkColumns(DatasetColumns.sources, freePrefix: DatasetColumns.freePrefix)
    let id = try table.requireColumn("id"), publisher = try table.requireColumn("publisher")
    let title = try table.requireColumn("title"), date = try table.requireColumn("date")
    let url = table.column("url")
    try table.forEachRow { row in
      let key = try row.requiredString(id)
      guard key.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
        throw row.error(id, "expected letters, digits, '-', '_' or '.', found \"\(key)\"")
      }
      guard !sourceIDs.contains(key) else { throw row.error(id, "duplicate source id \"\(key)\"") }
      let day = try row.requiredString(date)
      guard Day(iso: day) != nil else { throw row.error(date, "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"\(day)\"") }
      sourceIDs.insert(key)
      sources.append(
        Source(id: key, publisher: try row.requiredString(publisher), title: try row.requiredString(title), date: day, url: row.string(url)))
    }
  }

  mutating func readNations() throws {
    let table = try files.table("nations.csv")
    try table.checkColumns(DatasetColumns.nations, freePrefix: DatasetColumns.freePrefix)
    let id = try table.requireColumn("id"), name = try table.requireColumn("name")
    let cow = table.column("cow"), abbr = table.column("abbr"), region = try table.requireColumn("region")
    let capital = table.column("capital"), lat = table.column("lat"), lon = table.column("lon")
    let source = table.column("source"), nuclear = table.column("nuclear"), major = table.column("major_power")
    var cowCodes: [Int: Int] = [:]
    try table.forEachRow { row in
      let key = try row.requiredString(id)
      guard nationIndex[key] == nil else { throw row.error(id, "duplicate nation id \"\(key)\"") }
      guard nations.count < ProjectDatasetReader.maximumNations else {
        throw row.error(id, "more than \(ProjectDatasetReader.maximumNations) nations: a dataset holds at most that many")
      }
      let regionText = try row.requiredString(region)
      guard let parsedRegion = Region(name: regionText) else {
        throw row.error(region, "unknown region \"\(regionText)\": expected one of \(Region.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      let code = try row.int(cow)
      if let code {
        if let other = cowCodes[code] { throw row.error(cow, "COW code \(code) is already used by \(nations[other].id)") }
        cowCodes[code] = nations.count
      }
      var spells: [CapitalSpell] = []
      let latitude = try row.double(lat), longitude = try row.double(lon)
      switch (latitude, longitude) {
      case (let la?, let lo?):
        guard (-90...90).contains(la) else { throw row.error(lat, "latitude must lie in [-90, 90], found \(la)") }
        guard (-180...180).contains(lo) else { throw row.error(lon, "longitude must lie in [-180, 180], found \(lo)") }
        spells.append(CapitalSpell(city: row.string(capital) ?? "", latitude: la, longitude: lo))
      case (nil, nil):
        warnings.append(DatasetWarning(file: table.path, line: row.line, field: "lat", "\(key) has no capital coordinates: its distances are unknown (g = 0)"))
      default:
        throw row.error(latitude == nil ? lat : lon, "expected both lat and lon, or neither")
      }
      try checkSources(row, source, required: false)
      let nuclearText = row.string(nuclear) ?? "none"
      guard let nuclearStatus = NuclearStatus(rawValue: nuclearText.lowercased()) else {
        throw row.error(nuclear, "unknown nuclear status \"\(nuclearText)\": expected none or own")
      }
      if try parseFlag(row, major) { majorPowers.append(nations.count) }
      nationIndex[key] = nations.count
      nations.append(
        Nation(
          id: key, cow: code, abbreviation: row.string(abbr) ?? key, name: try row.requiredString(name), region: parsedRegion, capitals: spells,
          nuclear: nuclearStatus))
    }
    capabilities = Array(repeating: CapabilitySeries(), count: nations.count)
  }

  mutating func readCapabilities() throws {
    guard files.exists("capabilities.csv") else { return }
    let table = try files.table("capabilities.csv")
    try table.checkColumns(DatasetColumns.capabilities, freePrefix: DatasetColumns.freePrefix)
    let nation = try table.requireColumn("nation"), year = try table.requireColumn("year")
    let value = try table.requireColumn("value"), source = table.column("source"), confidence = table.column("confidence")
    let measure = table.column("measure")
    for name in alternativeMeasures { alternativeCapabilities[name] = Array(repeating: CapabilitySeries(), count: nations.count) }
    try table.forEachRow { row in
      let index = try resolveNation(row, nation)
      let y = try requiredYear(row, year)
      guard let v = try row.double(value) else { throw row.error(value, "expected a number, found an empty field") }
      guard v >= 0 else { throw row.error(value, "capability must be non-negative, found \(v)") }
      let measureName = row.string(measure)
      if let measureName, alternativeCapabilities[measureName] == nil {
        throw row.error(
          measure,
          "unknown measure \"\(measureName)\": expected empty (the default measure) or one of dataset.json's capability.alternatives"
            + (alternativeMeasures.isEmpty ? " (none listed)" : " (\(alternativeMeasures.joined(separator: ", ")))"))
      }
      let existing = measureName.map { alternativeCapabilities[$0]![index] } ?? capabilities[index]
      if existing.value(exactly: y) != nil {
        throw row.error(year, "\(nations[index].id) already has a \(measureName ?? "capability") value for \(y)")
      }
      try checkSources(row, source, required: true)
      let level = try parseConfidence(row, confidence)
      if let measureName {
        alternativeCapabilities[measureName]![index].set(v, in: y, confidence: level)
      } else {
        capabilities[index].set(v, in: y, confidence: level)
      }
    }
  }

  mutating func readAlliances() throws {
    guard files.exists("alliances.csv") else { return }
    let table = try files.table("alliances.csv")
    try table.checkColumns(DatasetColumns.alliances, freePrefix: DatasetColumns.freePrefix)
    let id = try table.requireColumn("id"), name = try table.requireColumn("name")
    let obligations = try table.requireColumn("obligations"), start = try table.requireColumn("start")
    let end = table.column("end"), command = table.column("integrated_command"), atop = table.column("atopid")
    let source = table.column("source"), confidence = table.column("confidence"), note = table.column("note")
    let status = table.column("status"), reliability = table.column("reliability"), major = table.column("major")
    let eligibility = table.column("eligibility"), scope = table.column("channel_scope"), provisionsColumn = table.column("provisions")
    var allianceIndex: [String: Int] = [:]
    try table.forEachRow { row in
      let key = try row.requiredString(id)
      guard allianceIndex[key] == nil else { throw row.error(id, "duplicate alliance id \"\(key)\"") }
      let types = try parseTypes(row, obligations)
      let span = try parseSpan(row, start, end)
      let commandFlag = try parseFlag(row, command)
      let provenance = Provenance(sources: try checkSources(row, source, required: true), confidence: try parseConfidence(row, confidence))
      let scopeText = row.string(scope) ?? "collective"
      guard let channelScope = ChannelScope(rawValue: scopeText.lowercased()) else {
        throw row.error(scope, "unknown channel_scope \"\(scopeText)\": expected collective or pairwise")
      }
      var provisions = TreatyProvisions()
      if let text = row.string(provisionsColumn) {
        let parsed = TreatyProvisions.parse(text)
        if let word = parsed.unknown {
          throw row.error(
            provisionsColumn, "unknown provision \"\(word)\": expected \(TreatyProvisions.names.map(\.0).joined(separator: ", ")), separated by ';'")
        }
        provisions = parsed.provisions
      }
      var rule: EligibilityRule?
      if let text = row.string(eligibility) {
        let index = nationIndex
        switch Result(catching: { () throws(EligibilityParseError) in try EligibilityRule.parse(text) { index[$0] } }) {
        case .success(let parsed): rule = parsed
        case .failure(let failure): throw row.error(eligibility, failure.message)
        }
        eligibilityRows.append((alliances.count, row.line, rule!.groupNames))
      } else {
        warnings.append(DatasetWarning(file: table.path, line: row.line, field: "eligibility", "alliance \(key) has no eligibility rule: who may join is unknown"))
      }
      allianceIndex[key] = alliances.count
      alliances.append(
        Alliance(
          id: key, name: try row.requiredString(name), obligations: types, span: span, status: try parseStatus(row, status),
          reliability: try parseReliability(row, reliability, note: note), major: try parseFlag(row, major), eligibility: rule,
          channelScope: channelScope, integratedCommand: commandFlag,
          provisions: commandFlag ? provisions : provisions.subtracting(.integratedCommand), atopID: try row.int(atop), provenance: provenance,
          note: row.string(note)))
    }
    guard !alliances.isEmpty else { return }
    let members = try files.table("members.csv")
    try members.checkColumns(DatasetColumns.members, freePrefix: DatasetColumns.freePrefix)
    let alliance = try members.requireColumn("alliance"), nation = try members.requireColumn("nation")
    let entry = members.column("entry"), exit = members.column("exit"), memberSource = members.column("source")
    let memberStatus = members.column("status")
    try members.forEachRow { row in
      let allianceID = try row.requiredString(alliance)
      guard let a = allianceIndex[allianceID] else {
        throw row.error(alliance, "unknown alliance \"\(allianceID)\": expected an id from alliances.csv")
      }
      let n = try resolveNation(row, nation)
      let parent = alliances[a].span
      let from = try year(row, entry) ?? parent.start
      let to = try year(row, exit) ?? parent.end
      if let to, to < from { throw row.error(exit, "exit \(to) is before entry \(from)") }
      let span = YearSpan(start: from, end: to)
      if let other = alliances[a].members.first(where: { $0.nation == n && $0.span.overlaps(span) }) {
        throw row.error(
          entry ?? nation, "membership \(span) of \(nations[n].id) in \(allianceID) overlaps its spell \(other.span): spells must not overlap")
      }
      if from < parent.start || (parent.end != nil && (to == nil || to! > parent.end!)) {
        warnings.append(DatasetWarning(file: members.path, line: row.line, field: "entry", "membership \(span) of \(nations[n].id) lies outside \(allianceID)'s span \(parent)"))
      }
      try checkSources(row, memberSource, required: false)
      alliances[a].members.append(Membership(nation: n, span: span, status: try parseStatus(row, memberStatus)))
    }
    for alliance in alliances where Set(alliance.members.map(\.nation)).count < 2 {
      warnings.append(DatasetWarning(file: files.display("members.csv"), "alliance \(alliance.id) has fewer than two members"))
    }
  }

  mutating func readTies() throws {
    guard files.exists("ties.csv") else { return }
    let table = try files.table("ties.csv")
    try table.checkColumns(DatasetColumns.ties, freePrefix: DatasetColumns.freePrefix)
    let a = try table.requireColumn("a"), b = try table.requireColumn("b"), type = try table.requireColumn("type")
    let start = try table.requireColumn("start"), end = table.column("end"), name = table.column("name")
    let source = table.column("source"), confidence = table.column("confidence"), note = table.column("note")
    let status = table.column("status"), reliability = table.column("reliability")
    var byKey: [String: [Int]] = [:]
    try table.forEachRow { row in
      let i = try resolveNation(row, a), j = try resolveNation(row, b)
      guard i != j else { throw row.error(b, "a tie of \(nations[i].id) with itself") }
      let typeText = try row.requiredString(type)
      guard let tieType = TieType(name: typeText) else {
        throw row.error(type, "unknown tie type \"\(typeText)\": expected one of \(TieType.namesDescription)")
      }
      let span = try parseSpan(row, start, end)
      let provenance = Provenance(sources: try checkSources(row, source, required: true), confidence: try parseConfidence(row, confidence))
      let tieStatus = try parseStatus(row, status)
      let r = try parseReliability(row, reliability, note: note)
      if tieType.isChannel && (tieStatus != .active || r != nil) {
        throw row.error(r != nil ? reliability : status, "status and reliability apply to obligation ties only, not to the channel \(tieType)")
      }
      let tie = Tie(
        a: i, b: j, type: tieType, span: span, status: tieStatus, reliability: r, name: row.string(name), provenance: provenance,
        note: row.string(note))
      let key = "\(tie.a)|\(tie.b)|\(tieType.rawValue)"
      // Any earlier row of the pair and type may overlap, not only the latest one.
      if let previous = byKey[key]?.first(where: { ties[$0].span.overlaps(span) }) {
        warnings.append(DatasetWarning(file: table.path, line: row.line, field: "start", "\(nations[i].id)–\(nations[j].id) \(tieType) overlaps an earlier row (\(ties[previous].span)); merged"))
        let merged = ties[previous].span
        ties[previous].span = YearSpan(
          start: min(merged.start, span.start),
          end: (merged.end == nil || span.end == nil) ? nil : max(merged.end!, span.end!))
        return
      }
      byKey[key, default: []].append(ties.count)
      ties.append(tie)
    }
  }

  mutating func readThreats() throws {
    guard files.exists("threats.csv") else { return }
    let table = try files.table("threats.csv")
    try table.checkColumns(DatasetColumns.threats, freePrefix: DatasetColumns.freePrefix)
    let a = try table.requireColumn("a"), b = try table.requireColumn("b"), kind = table.column("kind")
    let start = try table.requireColumn("start"), end = table.column("end"), name = table.column("name")
    let source = table.column("source"), confidence = table.column("confidence")
    let intensity = table.column("intensity"), verified = table.column("last_verified")
    try table.forEachRow { row in
      let i = try resolveNation(row, a), j = try resolveNation(row, b)
      guard i != j else { throw row.error(b, "a threat of \(nations[i].id) to itself") }
      let w = try row.double(intensity) ?? 1
      guard w > 0 && w <= 1 else { throw row.error(intensity, "intensity must lie in (0, 1], found \(w)") }
      var checked: Day?
      if let text = row.string(verified) {
        guard let day = Day(iso: text) else { throw row.error(verified, "expected a date YYYY, YYYY-MM or YYYY-MM-DD, found \"\(text)\"") }
        checked = day
      } else {
        warnings.append(DatasetWarning(file: table.path, line: row.line, field: "last_verified", "threat \(nations[i].id)–\(nations[j].id) was never verified (no last_verified)"))
      }
      let kindText = row.string(kind) ?? "listed"
      guard let threatKind = ThreatKind(rawValue: kindText.lowercased()) else {
        throw row.error(kind, "unknown threat kind \"\(kindText)\": expected rivalry or listed")
      }
      let provenance = Provenance(sources: try checkSources(row, source, required: true), confidence: try parseConfidence(row, confidence))
      threats.append(
        ThreatPair(
          a: i, b: j, kind: threatKind, span: try parseSpan(row, start, end), intensity: w, lastVerified: checked, name: row.string(name),
          provenance: provenance))
    }
  }

  mutating func readGroups() throws {
    guard files.exists("groups.csv") else { return }
    let table = try files.table("groups.csv")
    try table.checkColumns(DatasetColumns.groups, freePrefix: DatasetColumns.freePrefix)
    let group = try table.requireColumn("group"), nation = try table.requireColumn("nation"), source = table.column("source")
    var members: [String: Set<Int>] = [:]
    var order: [String] = []
    try table.forEachRow { row in
      let name = try row.requiredString(group)
      let n = try resolveNation(row, nation)
      if members[name] == nil { order.append(name) }
      guard members[name, default: []].insert(n).inserted else {
        throw row.error(nation, "\(nations[n].id) is listed twice in group \(name)")
      }
      try checkSources(row, source, required: false)
    }
    groups = order.map { NationGroup(name: $0, members: members[$0]!.sorted()) }
  }

  /// Group names in eligibility rules must name a group of groups.csv or a region group.
  func checkEligibilityGroups() throws {
    let known = Set(groups.map { $0.name.lowercased() })
    for entry in eligibilityRows {
      for name in entry.groups where !known.contains(name.lowercased()) && !Region.allCases.contains(where: { $0.groupName == name.lowercased() }) {
        throw InputError(
          file: files.display("alliances.csv"), line: entry.line, field: "eligibility",
          "unknown group \"\(name)\" in the eligibility rule of \(alliances[entry.alliance].id): expected a group of groups.csv")
      }
    }
  }

  /// `nuclear.csv`: spells of nuclear weapons; they must agree with `nations.csv` at `asOf`.
  mutating func readNuclear() throws {
    guard files.exists("nuclear.csv") else { return }
    let table = try files.table("nuclear.csv")
    try table.checkColumns(DatasetColumns.nuclear, freePrefix: DatasetColumns.freePrefix)
    let nation = try table.requireColumn("nation"), start = try table.requireColumn("start"), end = table.column("end")
    let basis = try table.requireColumn("basis"), source = table.column("source"), confidence = table.column("confidence")
    try table.forEachRow { row in
      let n = try resolveNation(row, nation)
      let span = try parseSpan(row, start, end)
      let basisText = try row.requiredString(basis).lowercased()
      guard basisText == "test" || basisText == "believed" else {
        throw row.error(basis, "unknown basis \"\(basisText)\": expected test or believed")
      }
      if let other = nuclearSpells.first(where: { $0.nation == n && $0.span.overlaps(span) }) {
        throw row.error(start, "spell \(span) of \(nations[n].id) overlaps its spell \(other.span)")
      }
      let provenance = Provenance(sources: try checkSources(row, source, required: true), confidence: try parseConfidence(row, confidence))
      nuclearSpells.append(NuclearSpell(nation: n, span: span, basis: basisText, provenance: provenance))
    }
    for (index, nation) in nations.enumerated() {
      let armed = nuclearSpells.contains { $0.nation == index && $0.span.contains(asOf) }
      guard armed == (nation.nuclear == .own) else {
        throw InputError(
          file: files.display("nations.csv"), field: "nuclear",
          "\(nation.id) is nuclear=\(nation.nuclear.rawValue) but nuclear.csv \(armed ? "has" : "has no") spell in force in \(asOf)")
      }
    }
  }

  /// `contiguity.csv`: pairs directly contiguous (COW types 1–5) in the dataset's present.
  mutating func readContiguity() throws {
    guard files.exists("contiguity.csv") else { return }
    let table = try files.table("contiguity.csv")
    try table.checkColumns(DatasetColumns.contiguity, freePrefix: DatasetColumns.freePrefix)
    let a = try table.requireColumn("a"), b = try table.requireColumn("b"), type = table.column("type"), source = table.column("source")
    try table.forEachRow { row in
      let i = try resolveNation(row, a), j = try resolveNation(row, b)
      guard i != j else { throw row.error(b, "\(nations[i].id) cannot border itself") }
      let kind = try row.int(type) ?? 1
      guard (1...5).contains(kind) else { throw row.error(type, "expected a COW contiguity type 1–5, found \(kind)") }
      try checkSources(row, source, required: false)
      contiguity.append(ContiguitySpell(a: i, b: j, type: kind, from: .distantPast, to: .distantFuture))
    }
  }

  mutating func checkCompleteness() {
    for (index, nation) in nations.enumerated() where capabilities[index].isEmpty {
      warnings.append(DatasetWarning(file: files.display("capabilities.csv"), "\(nation.id) (\(nation.name)) has no capability: analytics treat it as 0"))
    }
  }

  // MARK: Field parsers

  func resolveNation(_ row: CSVRow, _ column: Int) throws -> Int {
    let key = try row.requiredString(column)
    guard let index = nationIndex[key] else {
      throw row.error(column, "unknown nation \"\(key)\": expected an id from nations.csv")
    }
    return index
  }

  /// The year in `column`, or `nil` when empty.
  /// - Throws: ``InputError`` for a non-integer or a year outside ``ProjectDatasetReader/years``.
  func year(_ row: CSVRow, _ column: Int?) throws -> Int? {
    guard let value = try row.int(column) else { return nil }
    let range = ProjectDatasetReader.years
    guard range.contains(value) else {
      throw row.error(column, "expected a year in \(range.lowerBound)…\(range.upperBound), found \(value)")
    }
    return value
  }

  func requiredYear(_ row: CSVRow, _ column: Int) throws -> Int {
    guard let value = try year(row, column) else { throw row.error(column, "expected a year, found an empty field") }
    return value
  }

  func parseSpan(_ row: CSVRow, _ start: Int, _ end: Int?) throws -> YearSpan {
    let from = try requiredYear(row, start)
    let to = try year(row, end)
    if let to, to < from { throw row.error(end, "end \(to) is before start \(from)") }
    return YearSpan(start: from, end: to)
  }

  func parseTypes(_ row: CSVRow, _ column: Int) throws -> TieTypeSet {
    let text = try row.requiredString(column)
    var set = TieTypeSet()
    for part in text.split(separator: ";") {
      let name = String(part).trimmingSpaces()
      guard let type = TieType(name: name) else {
        throw row.error(column, "unknown tie type \"\(name)\": expected one of \(TieType.namesDescription), separated by ';'")
      }
      set.insert(type)
    }
    return set
  }

  func parseStatus(_ row: CSVRow, _ column: Int?) throws -> TieStatus {
    guard let text = row.string(column) else { return .active }
    guard let value = TieStatus(rawValue: text.lowercased()) else {
      throw row.error(column, "unknown status \"\(text)\": expected \(TieStatus.namesDescription)")
    }
    return value
  }

  func parseFlag(_ row: CSVRow, _ column: Int?) throws -> Bool {
    let flag = try row.int(column) ?? 0
    guard flag == 0 || flag == 1 else { throw row.error(column, "expected 0 or 1, found \(flag)") }
    return flag == 1
  }

  /// An explicit reliability in [0, 1]; the reason must be given in `note`.
  func parseReliability(_ row: CSVRow, _ column: Int?, note: Int?) throws -> Double? {
    guard let r = try row.double(column) else { return nil }
    guard (0...1).contains(r) else { throw row.error(column, "reliability must lie in [0, 1], found \(r)") }
    guard row.string(note) != nil else { throw row.error(column, "a reliability override needs its reason in the note column") }
    return r
  }

  func parseConfidence(_ row: CSVRow, _ column: Int?) throws -> Confidence {
    guard let text = row.string(column) else { return .high }
    guard let value = Confidence(rawValue: text.lowercased()) else {
      throw row.error(column, "unknown confidence \"\(text)\": expected high, medium or low")
    }
    return value
  }

  @discardableResult
  func checkSources(_ row: CSVRow, _ column: Int?, required: Bool) throws -> [String] {
    guard let text = row.string(column) else {
      if required && column != nil { throw row.error(column, "expected a source id from sources.csv, found an empty field") }
      return []
    }
    let ids = text.split(separator: ";").map { String($0).trimmingSpaces() }
    for id in ids where !sourceIDs.contains(id) {
      throw row.error(column, "unknown source \"\(id)\": expected an id from sources.csv")
    }
    return ids
  }
}
