import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// A small dataset in the project's format, written to a temporary folder.
///
/// Four nations: AAA (Europe), BBB (Asia), CCC (Africa, no COW code), DDD (Oceania).
/// `pact` (defense; consultation, 2000–) has AAA, BBB and, from 2012, CCC; `duo`
/// (nonaggression, 2010–2015) has AAA and DDD. Ties: AAA–DDD exercise 2018–, BBB–DDD
/// intelligence 2005–2010. The base dataset loads without warnings.
struct MiniDataset {
  static let base: [String: String] = [
    "dataset.json": """
    {"format": "alliancegraph-dataset/1", "name": "mini", "asOf": 2020,
     "capability": {"measure": "milex", "unit": "million US$", "year": 2019, "source": "s1"}}
    """,
    "sources.csv": """
    id,publisher,title,date,url
    s1,Pub,Title one,2020-01-02,
    s2,Pub,"Title, two",2021,https://example.org/two

    """,
    "nations.csv": """
    id,cow,abbr,name,region,capital,lat,lon,source
    AAA,100,AA,Alpha,Europe,Acity,10.5,20.25,s1
    BBB,200,BB,Beta,asia,Bcity,-10,-20,s1;s2
    CCC,,CC,Gamma,Africa,Ccity,0,0,
    DDD,400,DD,"Delta, Republic of",Oceania,Dcity,5,-180,s1

    """,
    "capabilities.csv": """
    nation,year,value,source,confidence
    AAA,2020,200,s1,high
    AAA,2010,100,s1,
    BBB,2015,50,s1;s2,medium
    CCC,2000,1,s1,low
    DDD,2019,7,s2,

    """,
    "alliances.csv": """
    id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility
    pact,Triple Pact,defense;consultation,2000,,1,123,s1,high,,regions:Europe;Asia
    duo,Duo,nonaggression,2010,2015,0,,s2,,a note,closed

    """,
    "members.csv": """
    alliance,nation,entry,exit,source
    pact,AAA,,,s1
    pact,BBB,,,s1
    pact,CCC,2012,,s1
    duo,AAA,,,
    duo,DDD,,,

    """,
    "ties.csv": """
    a,b,type,start,end,name,source,confidence,note
    DDD,AAA,exercise,2018,,Drill,s1,medium,
    BBB,DDD,intelligence,2005,2010,,s2,,

    """,
    "threats.csv": """
    a,b,kind,start,end,name,source,confidence,last_verified
    AAA,DDD,rivalry,1990,,AD rivalry,s1,,2020-06
    BBB,CCC,listed,2019,,,s2,low,2020

    """,
    "groups.csv": """
    group,nation,source
    club,AAA,s1
    club,CCC,

    """,
  ]

  var files = MiniDataset.base

  /// Appends `row` to `file`; returns the line it lands on.
  @discardableResult
  mutating func append(_ file: String, _ row: String) -> Int {
    let text = files[file]!
    files[file] = text + row + "\n"
    return text.split(separator: "\n", omittingEmptySubsequences: false).count
  }

  /// Writes the files into `dir` and reads them.
  func read(in dir: TemporaryDirectory) throws -> AllianceNetwork {
    for (name, text) in files { try dir.write(name, text) }
    return try ProjectDatasetReader.read(DatasetFiles(folder: dir.path + "/"))
  }

  func read() throws -> AllianceNetwork { try withTemporaryDirectory { try read(in: $0) } }

  /// The InputError of reading the dataset, with the folder prefix removed from its file.
  func error() throws -> InputError? {
    try withTemporaryDirectory { dir throws in
      let error = #expect(throws: InputError.self) { _ = try read(in: dir) }
      guard var error else { return nil }
      #expect(error.file.hasPrefix(dir.path + "/"), "\(error.file)")
      error.file = String(error.file.dropFirst(dir.path.count + 1))
      return error
    }
  }
}

@Suite struct ProjectDatasetReaderTests {
  // MARK: - A valid dataset

  @Test func loadsNationsSourcesAndMetadata() throws {
    let network = try MiniDataset().read()
    #expect(network.warnings.isEmpty, "\(network.warnings)")
    #expect(network.metadata.name == "mini")
    #expect(network.metadata.title == "mini")
    #expect(network.metadata.layout == .project)
    #expect(network.metadata.asOf == 2020)
    #expect(network.metadata.capabilityMeasure == "milex")
    #expect(network.metadata.capabilityUnit == "million US$")
    #expect(network.metadata.capabilityYear == 2019)
    // From the earliest alliance or tie start to the as-of year.
    #expect(network.years == 2000...2020)
    #expect(network.nations.map(\.id) == ["AAA", "BBB", "CCC", "DDD"])
    #expect(network.nations.map(\.region) == [.europe, .asia, .africa, .oceania])
    #expect(network.nations.map(\.cow) == [100, 200, nil, 400])
    #expect(network.nations[3].name == "Delta, Republic of")
    #expect(network.nations[3].abbreviation == "DD")
    #expect(network.nations[0].capitals == [CapitalSpell(city: "Acity", latitude: 10.5, longitude: 20.25)])
    #expect(network.sources.map(\.id) == ["s1", "s2"])
    #expect(network.sources[1].title == "Title, two")
    #expect(network.sources[1].url == "https://example.org/two")
    #expect(network.sources[0].url == nil)
    #expect(try network.resolve("dd") == 3)
    #expect(try network.resolve("Delta, Republic of") == 3)
    #expect(try network.resolve("200") == 1)
  }

  @Test func alliancesTiesThreatsAndGroups() throws {
    let network = try MiniDataset().read()
    #expect(network.alliances.map(\.id) == ["pact", "duo"])
    let pact = network.alliances[0], duo = network.alliances[1]
    #expect(pact.obligations == TieTypeSet([.defense, .consultation]))
    #expect(pact.integratedCommand)
    #expect(pact.atopID == 123)
    #expect(pact.kind == "trilateral")
    #expect(pact.provenance == Provenance(sources: ["s1"], confidence: .high))
    #expect(pact.members(in: 2011) == [0, 1])
    #expect(pact.members(in: 2012) == [0, 1, 2])
    #expect(duo.span == YearSpan(start: 2010, end: 2015))
    #expect(!duo.integratedCommand)
    #expect(duo.atopID == nil)
    #expect(duo.kind == "bilateral")
    #expect(duo.note == "a note")
    #expect(duo.members(in: 2016).isEmpty)
    #expect(network.ties.count == 2)
    // Ties are stored with a < b whatever the row order.
    #expect(network.ties[0].a == 0 && network.ties[0].b == 3)
    #expect(network.ties[0].type == .exercise)
    #expect(network.ties[0].provenance.confidence == .medium)
    #expect(network.ties[1].span == YearSpan(start: 2005, end: 2010))
    #expect(network.threats.map(\.kind) == [.rivalry, .listed])
    #expect(network.threats[1].provenance.confidence == .low)
    #expect(network.groups == [NationGroup(name: "club", members: [0, 2])])
    #expect(network.group(named: "CLUB")?.members == [0, 2])
    #expect(network.group(named: "europe")?.members == [0])
    #expect(network.group(named: "nope") == nil)
  }

  @Test func alliancesExpandToMemberTiesInSnapshots() throws {
    let network = try MiniDataset().read()
    func pairs(_ graph: CSRGraph, _ snapshot: YearSnapshot) -> [String] {
      (0..<graph.nodeCount).flatMap { u in
        graph.neighbors(of: UInt32(u)).filter { Int($0) > u }.map {
          snapshot.labels.label(of: UInt32(u)) + "-" + snapshot.labels.label(of: $0)
        }
      }
    }
    let y2011 = try YearSnapshot(network: network, year: 2011)
    #expect(y2011.nodeCount == 4)
    #expect(pairs(y2011.layer(.defense), y2011) == ["AAA-BBB"])
    #expect(pairs(y2011.layer(.nonaggression), y2011) == ["AAA-DDD"])

    let y2012 = try YearSnapshot(network: network, year: 2012)
    #expect(pairs(y2012.layer(.defense), y2012) == ["AAA-BBB", "AAA-CCC", "BBB-CCC"])
    #expect(pairs(y2012.layer(.consultation), y2012) == ["AAA-BBB", "AAA-CCC", "BBB-CCC"])
    #expect(pairs(y2012.union, y2012) == ["AAA-BBB", "AAA-CCC", "AAA-DDD", "BBB-CCC"])
    #expect(y2012.types(between: 0, and: 1) == TieTypeSet([.defense, .consultation]))
    #expect(y2012.types(between: 1, and: 3).isEmpty)
    #expect(y2012.alliances.map(\.members) == [[0, 1, 2], [0, 3]])

    let y2008 = try YearSnapshot(network: network, year: 2008)
    #expect(pairs(y2008.layer(.intelligence), y2008) == ["BBB-DDD"])
    #expect(y2008.alliances.count == 1)

    let y2018 = try YearSnapshot(network: network, year: 2018)
    #expect(pairs(y2018.layer(.exercise), y2018) == ["AAA-DDD"])
    #expect(y2018.types(between: 0, and: 3) == TieTypeSet(.exercise))
    #expect(pairs(y2018.layer(.nonaggression), y2018).isEmpty)
    #expect(pairs(y2018.threats, y2018) == ["AAA-DDD"])
    let y2020 = try YearSnapshot(network: network, year: 2020)
    #expect(pairs(y2020.threats, y2020) == ["AAA-DDD", "BBB-CCC"])
    let summary = SnapshotSummary(y2020, network: network)
    #expect(summary.tiedPairs == 4)
    #expect(summary.obligationPairs == 3)
    #expect(summary.alliances == 1)
    #expect(summary.trilateral == 1)
    #expect(summary.withCapital == 4)
  }

  @Test func capabilityIsTheLatestValueAtOrBeforeTheYear() throws {
    let network = try MiniDataset().read()
    let y2015 = try YearSnapshot(network: network, year: 2015)
    // AAA: 2010 value; BBB: 2015; CCC: 2000; DDD has only 2019: the earliest, with a warning.
    #expect(y2015.capability == [100, 50, 1, 7])
    #expect(y2015.capabilityKnown == [true, true, true, true])
    #expect(y2015.warnings.count == 1)
    #expect(y2015.warnings.first?.message.contains("only later capability values") == true)
    #expect(y2015.warnings.first?.message.contains("DDD") == true)
    let y2020 = try YearSnapshot(network: network, year: 2020)
    #expect(y2020.capability == [200, 50, 1, 7])
    #expect(y2020.warnings.isEmpty)
    let y2009 = try YearSnapshot(network: network, year: 2009)
    #expect(y2009.capability[0] == 100)
    #expect(y2009.capability[1] == 50)
    #expect(y2009.latitude == [10.5, -10, 0, 5])
    #expect(y2009.longitude == [20.25, -20, 0, -180])
  }

  @Test func yearsOutsideTheDatasetThrow() throws {
    let network = try MiniDataset().read()
    #expect(throws: SnapshotError.yearOutOfRange(1999, 2000...2020, network.metadata.location)) {
      _ = try YearSnapshot(network: network, year: 1999)
    }
    #expect(throws: SnapshotError.self) { _ = try YearSnapshot(network: network, year: 2021) }
  }

  @Test func optionalTablesMayBeAbsent() throws {
    var dataset = MiniDataset()
    for name in ["capabilities.csv", "alliances.csv", "members.csv", "ties.csv", "threats.csv", "groups.csv"] {
      dataset.files[name] = nil
    }
    let network = try dataset.read()
    #expect(network.nations.count == 4)
    #expect(network.years == 2020...2020)
    // Only the "no capability" warnings, one per nation.
    #expect(network.warnings.count == 4)
    #expect(network.warnings.allSatisfy { $0.message.contains("has no capability") })
  }

  @Test func loaderReadsAFolderWithAManifest() throws {
    try withTemporaryDirectory { dir throws in
      for (name, text) in MiniDataset.base { try dir.write(name, text) }
      let network = try DatasetLoader.load(dir.path)
      #expect(network.metadata.name == "mini")
      #expect(network.metadata.location == dir.path + "/")
    }
  }

  // MARK: - Errors: one per rule of the validation policy

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var label: String
    var file: String
    /// A row appended to `file`, or (with `replace`) the file's whole new content.
    var text: String
    var replace = false
    /// A header that replaces the file's header row (to add columns) before `text` is appended.
    var header: String? = nil
    /// The expected line (`nil`: the appended row's line, or no line when `noLine`).
    var line: Int? = nil
    var noLine = false
    var field: String?
    var message: String
    var testDescription: String { label }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      label: "duplicate nation id", file: "nations.csv", text: "AAA,,XX,Again,Europe,X,1,1,", field: "id",
      message: "duplicate nation id \"AAA\""),
    ErrorCase(
      label: "duplicate COW code", file: "nations.csv", text: "EEE,100,EE,Eps,Europe,X,1,1,", field: "cow",
      message: "COW code 100 is already used by AAA"),
    ErrorCase(
      label: "unknown region", file: "nations.csv", text: "EEE,,EE,Eps,Atlantis,X,1,1,", field: "region",
      message: "unknown region \"Atlantis\""),
    ErrorCase(
      label: "latitude above 90", file: "nations.csv", text: "EEE,,EE,Eps,Europe,X,90.5,1,", field: "lat",
      message: "latitude must lie in [-90, 90], found 90.5"),
    ErrorCase(
      label: "longitude below -180", file: "nations.csv", text: "EEE,,EE,Eps,Europe,X,1,-180.1,", field: "lon",
      message: "longitude must lie in [-180, 180], found -180.1"),
    ErrorCase(
      label: "malformed latitude", file: "nations.csv", text: "EEE,,EE,Eps,Europe,X,north,1,", field: "lat",
      message: "expected a number, found \"north\""),
    ErrorCase(
      label: "only one coordinate", file: "nations.csv", text: "EEE,,EE,Eps,Europe,X,,1,", field: "lat",
      message: "expected both lat and lon"),
    ErrorCase(
      label: "unknown source in nations", file: "nations.csv", text: "EEE,,EE,Eps,Europe,X,1,1,s1;s9", field: "source",
      message: "unknown source \"s9\""),
    ErrorCase(
      label: "missing nation column", file: "nations.csv", text: "id,name,cow\nAAA,Alpha,1\n", replace: true, line: 1,
      field: "region", message: "missing column \"region\""),
    ErrorCase(
      label: "empty nation name", file: "nations.csv", text: "EEE,,EE,,Europe,X,1,1,", field: "name",
      message: "expected a value, found an empty field"),
    ErrorCase(
      label: "duplicate source id", file: "sources.csv", text: "s1,P,T,2020,", field: "id",
      message: "duplicate source id \"s1\""),
    ErrorCase(
      label: "bad source date", file: "sources.csv", text: "s3,P,T,2020-13,", field: "date",
      message: "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ErrorCase(
      label: "bad source id", file: "sources.csv", text: "s 3,P,T,2020,", field: "id",
      message: "expected letters, digits"),
    ErrorCase(
      label: "negative capability", file: "capabilities.csv", text: "BBB,2016,-0.5,s1,", field: "value",
      message: "capability must be non-negative, found -0.5"),
    ErrorCase(
      label: "unknown nation in capabilities", file: "capabilities.csv", text: "ZZZ,2016,1,s1,", field: "nation",
      message: "unknown nation \"ZZZ\""),
    ErrorCase(
      label: "malformed capability year", file: "capabilities.csv", text: "BBB,20x6,1,s1,", field: "year",
      message: "expected an integer, found \"20x6\""),
    ErrorCase(
      label: "capability year twice", file: "capabilities.csv", text: "AAA,2010,3,s1,", field: "year",
      message: "AAA already has a capability value for 2010"),
    ErrorCase(
      label: "capability without source", file: "capabilities.csv", text: "BBB,2016,1,,", field: "source",
      message: "expected a source id"),
    ErrorCase(
      label: "unknown confidence in capabilities", file: "capabilities.csv", text: "BBB,2016,1,s1,sure",
      field: "confidence", message: "unknown confidence \"sure\": expected high, medium or low"),
    ErrorCase(
      label: "unknown nation in ties (a)", file: "ties.csv", text: "ZZZ,BBB,arms,2001,,,s1,,", field: "a",
      message: "unknown nation \"ZZZ\": expected an id from nations.csv"),
    ErrorCase(
      label: "unknown nation in ties (b)", file: "ties.csv", text: "AAA,zzz,arms,2001,,,s1,,", field: "b",
      message: "unknown nation \"zzz\""),
    ErrorCase(
      label: "self tie", file: "ties.csv", text: "BBB,BBB,arms,2001,,,s1,,", field: "b",
      message: "a tie of BBB with itself"),
    ErrorCase(
      label: "unknown tie type", file: "ties.csv", text: "AAA,BBB,hug,2001,,,s1,,", field: "type",
      message: "unknown tie type \"hug\""),
    ErrorCase(
      label: "tie end before start", file: "ties.csv", text: "AAA,BBB,arms,2001,2000,,s1,,", field: "end",
      message: "end 2000 is before start 2001"),
    ErrorCase(
      label: "tie without start", file: "ties.csv", text: "AAA,BBB,arms,,,,s1,,", field: "start",
      message: "expected a year, found an empty field"),
    ErrorCase(
      label: "unknown source in ties", file: "ties.csv", text: "AAA,BBB,arms,2001,,,s1;nope,,", field: "source",
      message: "unknown source \"nope\": expected an id from sources.csv"),
    ErrorCase(
      label: "unknown confidence in ties", file: "ties.csv", text: "AAA,BBB,arms,2001,,,s1,certain,",
      field: "confidence", message: "unknown confidence \"certain\""),
    ErrorCase(
      label: "missing tie column", file: "ties.csv", text: "a,b,start,source\nAAA,BBB,2001,s1\n", replace: true,
      line: 1, field: "type", message: "missing column \"type\""),
    ErrorCase(
      label: "unknown obligation", file: "alliances.csv", text: "x,X,defense;hug,2000,,,,s1,,", field: "obligations",
      message: "unknown tie type \"hug\""),
    ErrorCase(
      label: "alliance end before start", file: "alliances.csv", text: "x,X,defense,2000,1999,,,s1,,", field: "end",
      message: "end 1999 is before start 2000"),
    ErrorCase(
      label: "duplicate alliance id", file: "alliances.csv", text: "duo,X,defense,2000,,,,s1,,", field: "id",
      message: "duplicate alliance id \"duo\""),
    ErrorCase(
      label: "bad integrated command", file: "alliances.csv", text: "x,X,defense,2000,,2,,s1,,",
      field: "integrated_command", message: "expected 0 or 1, found 2"),
    ErrorCase(
      label: "unknown confidence in alliances", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,maybe,",
      field: "confidence", message: "unknown confidence \"maybe\""),
    ErrorCase(
      label: "unknown nation in members", file: "members.csv", text: "pact,ZZZ,,,", field: "nation",
      message: "unknown nation \"ZZZ\""),
    ErrorCase(
      label: "unknown alliance in members", file: "members.csv", text: "nope,AAA,,,", field: "alliance",
      message: "unknown alliance \"nope\""),
    ErrorCase(
      label: "overlapping membership spells", file: "members.csv", text: "pact,BBB,2000,,", field: "entry",
      message: "membership 2000– of BBB in pact overlaps its spell 2000–: spells must not overlap"),
    ErrorCase(
      label: "exit before entry", file: "members.csv", text: "pact,DDD,2005,2004,", field: "exit",
      message: "exit 2004 is before entry 2005"),
    ErrorCase(
      label: "unknown source in members", file: "members.csv", text: "pact,DDD,2005,,s7", field: "source",
      message: "unknown source \"s7\""),
    ErrorCase(
      label: "unknown nation in threats", file: "threats.csv", text: "QQQ,AAA,rivalry,2000,,,s1,", field: "a",
      message: "unknown nation \"QQQ\""),
    ErrorCase(
      label: "self threat", file: "threats.csv", text: "AAA,AAA,rivalry,2000,,,s1,", field: "b",
      message: "a threat of AAA to itself"),
    ErrorCase(
      label: "unknown threat kind", file: "threats.csv", text: "AAA,BBB,feud,2000,,,s1,", field: "kind",
      message: "unknown threat kind \"feud\""),
    ErrorCase(
      label: "threat end before start", file: "threats.csv", text: "AAA,BBB,listed,2000,1990,,s1,", field: "end",
      message: "end 1990 is before start 2000"),
    ErrorCase(
      label: "unknown alliance status", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,,closed,,frozen", replace: false,
      header: "id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility,reliability,status",
      field: "status", message: "unknown status \"frozen\": expected active, dormant, suspended"),
    ErrorCase(
      label: "reliability out of range", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,why,closed,1.5",
      header: "id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility,reliability",
      field: "reliability", message: "reliability must lie in [0, 1], found 1.5"),
    ErrorCase(
      label: "reliability without a reason", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,,closed,0.2",
      header: "id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility,reliability",
      field: "reliability", message: "needs its reason in the note column"),
    ErrorCase(
      label: "major not a flag", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,,closed,yes",
      header: "id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility,major",
      field: "major", message: "expected an integer, found \"yes\""),
    ErrorCase(
      label: "eligibility term that does not parse", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,,everyone",
      field: "eligibility", message: "unknown eligibility term \"everyone\""),
    ErrorCase(
      label: "eligibility with an unknown region", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,,regions:Europe;Atlantis",
      field: "eligibility", message: "unknown region \"Atlantis\""),
    ErrorCase(
      label: "eligibility with an unknown nation", file: "alliances.csv", text: #"x,X,defense,2000,,,,s1,,,"states:AAA,ZZZ""#,
      field: "eligibility", message: "unknown nation \"ZZZ\""),
    ErrorCase(
      label: "eligibility with an unknown group", file: "alliances.csv", text: "x,X,defense,2000,,,,s1,,,group:nobody",
      field: "eligibility", message: "unknown group \"nobody\""),
    ErrorCase(
      label: "unknown channel scope", file: "alliances.csv", text: "x,X,exercise,2000,,,,s1,,,closed,everywhere",
      header: "id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility,channel_scope",
      field: "channel_scope", message: "expected collective or pairwise"),
    ErrorCase(
      label: "unknown member status", file: "members.csv", text: "pact,DDD,2005,,s1,asleep",
      header: "alliance,nation,entry,exit,source,status", field: "status", message: "unknown status \"asleep\""),
    ErrorCase(
      label: "status on a channel tie", file: "ties.csv", text: "AAA,BBB,arms,2001,,,s1,,,dormant",
      header: "a,b,type,start,end,name,source,confidence,note,status", field: "status",
      message: "status and reliability apply to obligation ties only"),
    ErrorCase(
      label: "threat intensity zero", file: "threats.csv", text: "AAA,BBB,listed,2000,,,s1,,2020,0",
      header: "a,b,kind,start,end,name,source,confidence,last_verified,intensity", field: "intensity",
      message: "intensity must lie in (0, 1], found 0.0"),
    ErrorCase(
      label: "threat verified on a bad date", file: "threats.csv", text: "AAA,BBB,listed,2000,,,s1,,June 2020",
      field: "last_verified", message: "expected a date YYYY, YYYY-MM or YYYY-MM-DD, found \"June 2020\""),
    ErrorCase(
      label: "unknown nuclear status", file: "nations.csv", text: "EEE,,EE,Epsilon,Europe,,,,,maybe",
      header: "id,cow,abbr,name,region,capital,lat,lon,source,nuclear", field: "nuclear",
      message: "unknown nuclear status \"maybe\": expected none or own"),
    ErrorCase(
      label: "capability of an unlisted measure", file: "capabilities.csv", text: "AAA,2021,5,s1,,sipri",
      header: "nation,year,value,source,confidence,measure", field: "measure",
      message: "unknown measure \"sipri\""),
    ErrorCase(
      label: "unknown nation in groups", file: "groups.csv", text: "club,XYZ,", field: "nation",
      message: "unknown nation \"XYZ\""),
    ErrorCase(
      label: "nation twice in a group", file: "groups.csv", text: "club,AAA,", field: "nation",
      message: "AAA is listed twice in group club"),
    ErrorCase(
      label: "bad format tag", file: "dataset.json",
      text: #"{"format": "alliancegraph-dataset/2", "name": "m", "asOf": 2020, "capability": {"measure": "milex"}}"#,
      replace: true, noLine: true, field: "format",
      message: "unsupported format \"alliancegraph-dataset/2\": expected \"alliancegraph-dataset/1\""),
    ErrorCase(
      label: "manifest without asOf", file: "dataset.json",
      text: #"{"format": "alliancegraph-dataset/1", "name": "m", "capability": {"measure": "milex"}}"#, replace: true,
      noLine: true, field: "asOf", message: "missing key"),
    ErrorCase(
      label: "manifest without capability measure", file: "dataset.json",
      text: #"{"format": "alliancegraph-dataset/1", "name": "m", "asOf": 2020, "capability": {}}"#, replace: true,
      noLine: true, field: "capability.measure", message: "missing key"),
    ErrorCase(
      label: "manifest with a text year", file: "dataset.json",
      text: #"{"format": "alliancegraph-dataset/1", "name": "m", "asOf": "2020", "capability": {"measure": "milex"}}"#,
      replace: true, noLine: true, field: "asOf", message: "expected an integer"),
    ErrorCase(
      label: "manifest not JSON", file: "dataset.json", text: "{format: 1", replace: true, line: 1, field: nil,
      message: "not valid JSON"),
  ]

  /// The fields of one CSV line (commas inside quotes do not count).
  static func fieldCount(_ line: some StringProtocol) -> Int {
    var count = 1
    var quoted = false
    for c in line {
      if c == "\"" { quoted.toggle() } else if c == "," && !quoted { count += 1 }
    }
    return count
  }

  @Test(arguments: errorCases)
  func validationErrorNamesFileLineAndField(_ c: ErrorCase) throws {
    var dataset = MiniDataset()
    var line: Int? = c.line
    if let header = c.header, let text = dataset.files[c.file] {
      // Rows must have every column (issue 19): pad the existing rows to the new header.
      let added = header.split(separator: ",", omittingEmptySubsequences: false).count
        - text.prefix { $0 != "\n" }.split(separator: ",", omittingEmptySubsequences: false).count
      let rows = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        .map { $0.isEmpty ? "" : $0 + String(repeating: ",", count: added) }
      dataset.files[c.file] = ([header] + rows).joined(separator: "\n")
    }
    if c.replace {
      dataset.files[c.file] = c.text
    } else {
      // Rows written before the table gained columns end early: pad them with empty fields.
      let columns = Self.fieldCount(dataset.files[c.file]!.prefix { $0 != "\n" })
      line = dataset.append(c.file, c.text + String(repeating: ",", count: max(0, columns - Self.fieldCount(c.text))))
    }
    if c.noLine { line = nil }
    let error = try #require(try dataset.error())
    #expect(error.file == c.file)
    #expect(error.line == line)
    #expect(error.field == c.field)
    #expect(error.message.contains(c.message), "\(error.message)")
  }

  @Test(arguments: ["dataset.json", "sources.csv", "nations.csv", "members.csv"])
  func missingRequiredFile(name: String) throws {
    var dataset = MiniDataset()
    dataset.files[name] = nil
    let error = try #require(try dataset.error())
    #expect(error.file == name)
    #expect(error.line == nil)
    if name == "dataset.json" { #expect(error.message.contains("missing manifest")) }
  }

  @Test func aFolderWithoutManifestIsNotADataset() throws {
    try withTemporaryDirectory { dir throws in
      try dir.write("nations.csv", MiniDataset.base["nations.csv"]!)
      let error = #expect(throws: InputError.self) { _ = try DatasetLoader.load(dir.path) }
      #expect(error?.file == dir.path)
      #expect(error?.message.contains("not a dataset") == true)
      let file = #expect(throws: InputError.self) { _ = try DatasetLoader.load(dir.path("nations.csv")) }
      #expect(file?.message.contains("is a file") == true)
      let none = #expect(throws: InputError.self) { _ = try DatasetLoader.load(dir.path("nowhere")) }
      #expect(none?.message == "no such file or directory")
    }
  }

  // MARK: - Warnings

  @Test func overlappingTieRowsAreMergedWithAWarning() throws {
    var dataset = MiniDataset()
    let line = dataset.append("ties.csv", "AAA,DDD,exercise,2012,2019,,s1,,")
    let network = try dataset.read()
    #expect(network.ties.count == 2)
    #expect(network.ties[0].span == YearSpan(start: 2012, end: nil))
    #expect(network.warnings.count == 1)
    let warning = try #require(network.warnings.first)
    #expect(warning.file.hasSuffix("/ties.csv"))
    #expect(warning.line == line)
    #expect(warning.field == "start")
    #expect(warning.message.contains("AAA–DDD exercise overlaps an earlier row"))
    let snapshot = try YearSnapshot(network: network, year: 2013)
    #expect(snapshot.layer(.exercise).edgeCount == 1)
  }

  @Test func anOverlapWithAnyEarlierRowIsMerged() throws {
    // Rows 2000–2005 and 2010–2015, then 2003–2004 overlaps the first, not the latest.
    var dataset = MiniDataset()
    dataset.append("ties.csv", "AAA,BBB,arms,2000,2005,,s1,,")
    dataset.append("ties.csv", "AAA,BBB,arms,2010,2015,,s1,,")
    let line = dataset.append("ties.csv", "BBB,AAA,arms,2003,2004,,s1,,")
    let network = try dataset.read()
    let arms = network.ties.filter { $0.type == .arms }
    #expect(arms.map(\.span) == [YearSpan(start: 2000, end: 2005), YearSpan(start: 2010, end: 2015)])
    #expect(network.warnings.map(\.line) == [line])
  }

  @Test func nationWithoutCapitalOrCapability() throws {
    var dataset = MiniDataset()
    let line = dataset.append("nations.csv", "EEE,,EE,Epsilon,Americas,,,,")
    let network = try dataset.read()
    #expect(network.nations[4].capitals.isEmpty)
    #expect(network.warnings.count == 2)
    let capital = try #require(network.warnings.first { $0.message.contains("no capital") })
    #expect(capital.file.hasSuffix("/nations.csv"))
    #expect(capital.line == line)
    #expect(capital.field == "lat")
    #expect(capital.message.hasPrefix("EEE"))
    let capability = try #require(network.warnings.first { $0.message.contains("no capability") })
    #expect(capability.message.hasPrefix("EEE (Epsilon)"))
    let snapshot = try YearSnapshot(network: network, year: 2020)
    #expect(snapshot.latitude[4].isNaN)
    #expect(!snapshot.capabilityKnown[4])
    #expect(snapshot.warnings.contains { $0.message.contains("without a capital") && $0.message.contains("EEE") })
    #expect(snapshot.warnings.contains { $0.message.contains("without capability") && $0.message.contains("EEE") })
  }

  /// An empty exit defaults to the alliance's end, so `duo,BBB,2011,,` lies inside 2010–2015.
  @Test(arguments: [
    ("duo,BBB,2008,2012,", true), ("duo,BBB,2011,2016,", true), ("duo,BBB,2011,,", false), ("pact,DDD,1990,,", true),
  ])
  func membershipOutsideTheAllianceSpan(row: String, warns: Bool) throws {
    var dataset = MiniDataset()
    let line = dataset.append("members.csv", row)
    let network = try dataset.read()
    #expect(network.warnings.count == (warns ? 1 : 0), "\(network.warnings)")
    if warns {
      let warning = try #require(network.warnings.first)
      #expect(warning.file.hasSuffix("/members.csv"))
      #expect(warning.line == line)
      #expect(warning.message.contains("lies outside"))
    }
  }

  @Test func allianceWithFewerThanTwoMembers() throws {
    var dataset = MiniDataset()
    dataset.append("alliances.csv", "solo,Solo,defense,2001,,,,s1,,,closed")
    dataset.append("alliances.csv", "one,One,defense,2001,,,,s1,,,closed")
    dataset.append("members.csv", "one,AAA,,2004,")
    dataset.append("members.csv", "one,AAA,2005,,")
    let network = try dataset.read()
    #expect(
      network.warnings.map(\.message) == [
        "alliance solo has fewer than two members", "alliance one has fewer than two members",
      ])
    #expect(network.warnings.allSatisfy { $0.file.hasSuffix("/members.csv") })
    let snapshot = try YearSnapshot(network: network, year: 2010)
    #expect(snapshot.layer(.defense).edgeCount == 1)
  }
}
