import GraphCore
import Testing

@testable import AllianceModel

/// The fields added for the 2025 review: status, reliability, major, eligibility and channel
/// scope of alliances; membership spells and their status; threat intensity and
/// verification; nuclear status; alternative capability measures.
@Suite struct DatasetFieldsTests {
  /// MiniDataset plus: `pact` suspended for CCC from 2015; `duo` dormant with an explicit
  /// reliability; AAA–BBB nuclear spell; a collective drill of AAA, BBB, DDD and a
  /// pairwise one of AAA, CCC; an alternative measure `alt` with fallback.
  static func extended() -> MiniDataset {
    var d = MiniDataset()
    d.files["dataset.json"] = """
      {"format": "alliancegraph-dataset/1", "name": "mini", "asOf": 2020,
       "capability": {"measure": "milex", "unit": "million US$", "year": 2019, "source": "s1",
         "alternatives": [{"measure": "alt", "unit": "US$ m", "year": 2020, "source": "s2", "fallback": true}]}}
      """
    d.files["alliances.csv"] = """
      id,name,obligations,start,end,status,reliability,major,integrated_command,eligibility,channel_scope,atopid,source,confidence,note
      pact,Triple Pact,defense;consultation,2000,,active,,1,1,regions:Europe;Asia|not:BBB,,123,s1,high,
      duo,Duo,nonaggression;defense,2010,2015,dormant,0.2,0,0,closed,,,s2,,dormant since 2011: no meetings
      drill,Big Drill,exercise,2005,,,,,,group:club|states:DDD,,,s1,low,
      five,Five Ears,intelligence,2005,,,,,,closed,pairwise,,s1,,

      """
    d.files["members.csv"] = """
      alliance,nation,entry,exit,status,source
      pact,AAA,,,,s1
      pact,BBB,,,,s1
      pact,CCC,2012,2014,active,s1
      pact,CCC,2015,,suspended,s1
      duo,AAA,,,,
      duo,DDD,,,,
      drill,AAA,,,,s1
      drill,BBB,,,,s1
      drill,DDD,,,,s1
      five,AAA,,,,s1
      five,CCC,,,,s1

      """
    d.files["threats.csv"] = """
      a,b,kind,start,end,intensity,last_verified,name,source,confidence
      AAA,DDD,rivalry,1990,,0.25,2010-05-01,AD rivalry,s1,
      BBB,CCC,listed,2019,,,2020,,s2,low

      """
    d.files["nations.csv"] = """
      id,cow,abbr,name,region,capital,lat,lon,nuclear,source
      AAA,100,AA,Alpha,Europe,Acity,10.5,20.25,own,s1
      BBB,200,BB,Beta,asia,Bcity,-10,-20,,s1;s2
      CCC,,CC,Gamma,Africa,Ccity,0,0,none,
      DDD,400,DD,"Delta, Republic of",Oceania,Dcity,5,-180,,s1

      """
    d.files["nuclear.csv"] = """
      nation,start,end,basis,source,confidence,note
      AAA,2005,,test,s1,,
      BBB,1990,2000,believed,s2,medium,gave them up

      """
    d.files["capabilities.csv"] = """
      nation,year,value,measure,source,confidence
      AAA,2020,200,,s1,high
      AAA,2010,100,,s1,
      BBB,2015,50,,s1;s2,medium
      CCC,2000,1,,s1,low
      DDD,2019,7,,s2,
      AAA,2020,250,alt,s2,medium

      """
    return d
  }

  @Test func alliancesCarryStatusReliabilityMajorEligibilityAndScope() throws {
    let network = try Self.extended().read()
    #expect(network.warnings.isEmpty, "\(network.warnings)")
    let pact = network.alliances[0], duo = network.alliances[1], drill = network.alliances[2], five = network.alliances[3]
    #expect(pact.status == .active && pact.major && pact.reliability == nil)
    #expect(duo.status == .dormant && !duo.major && duo.reliability == 0.2)
    #expect(drill.channelScope == .collective && five.channelScope == .pairwise)
    #expect(drill.provenance.confidence == .low)
    // Spells: CCC is a member 2012–2014 and (suspended) from 2015.
    #expect(pact.members.filter { $0.nation == 2 }.map(\.span) == [YearSpan(start: 2012, end: 2014), YearSpan(start: 2015)])
    #expect(pact.memberStatus(2, in: 2013) == .active)
    #expect(pact.memberStatus(2, in: 2016) == .suspended)
    #expect(pact.memberStatus(3, in: 2016) == nil)
    // Eligibility: Europe or Asia except BBB; members are eligible whatever the rule.
    #expect(network.isEligible(0, for: 0, in: 2020) == true)
    #expect(network.isEligible(1, for: 0, in: 2020) == true)  // a member, although the rule names it in not:
    #expect(network.isEligible(3, for: 0, in: 2020) == false)  // Oceania
    #expect(network.isEligible(2, for: 1, in: 2012) == false)  // closed
    #expect(network.isEligible(2, for: 2, in: 2020) == true)  // group club holds CCC
    #expect(network.isEligible(3, for: 2, in: 2020) == true)
  }

  @Test func eligibilityTermsParseAndCombine() throws {
    let ids = ["AAA": 0, "BBB": 1]
    let rule = try EligibilityRule.parse("regions:Europe;Asia | states:AAA | not:BBB") { ids[$0] }
    #expect(rule.terms.count == 3)
    #expect(rule.admits(0, region: .europe) { _ in [] })
    #expect(!rule.admits(1, region: .asia) { _ in [] })
    #expect(rule.admits(5, region: .asia) { _ in [] })
    #expect(!rule.admits(5, region: .africa) { _ in [] })
    let open = try EligibilityRule.parse("open") { ids[$0] }
    #expect(open.admits(9, region: nil) { _ in [] })
    let closed = try EligibilityRule.parse("closed") { ids[$0] }
    #expect(!closed.admits(0, region: .europe) { _ in [] })
    let group = try EligibilityRule.parse("group:oic|not:AAA") { ids[$0] }
    #expect(group.groupNames == ["oic"])
    #expect(group.admits(7, region: nil) { $0 == "oic" ? [0, 7] : [] })
    #expect(!group.admits(0, region: nil) { $0 == "oic" ? [0, 7] : [] })
    for bad in ["", "everyone", "regions:", "states:CCC", "not:", "group:", "regions:Mars"] {
      #expect(throws: EligibilityParseError.self, "\(bad)") { _ = try EligibilityRule.parse(bad) { ids[$0] } }
    }
  }

  @Test func collectiveChannelsAreNotExpandedIntoPairs() throws {
    let network = try Self.extended().read()
    let snapshot = try YearSnapshot(network: network, year: 2020)
    // The collective drill creates no exercise ties (the only one is AAA–DDD of ties.csv);
    // the pairwise intelligence group does.
    #expect(snapshot.layer(.exercise).edgeCount == 1)
    #expect(!snapshot.types(between: 0, and: 1).contains(.exercise))
    #expect(!snapshot.types(between: 1, and: 3).contains(.exercise))
    #expect(snapshot.layer(.intelligence).edgeCount == 1)
    #expect(snapshot.types(between: 0, and: 2).contains(.intelligence))
    // Both are still alliances in force with their members.
    #expect(snapshot.alliances.map { network.alliances[$0.alliance].id } == ["pact", "drill", "five"])
  }

  @Test func obligationSourcesCarryTheWeakestStatus() throws {
    let network = try Self.extended().read()
    let y2016 = try YearSnapshot(network: network, year: 2016)
    // pact: AAA–CCC and BBB–CCC are suspended through CCC's membership; AAA–BBB stays active.
    let origins = y2016.obligationSources.map { "\($0.u)-\($0.v) \($0.origin) \($0.status)" }
    #expect(origins == ["0-1 pact active", "0-2 pact suspended", "1-2 pact suspended"])
    #expect(y2016.obligationSources.allSatisfy { $0.provisions == [.integratedCommand] && $0.alliance == 0 })
    let y2012 = try YearSnapshot(network: network, year: 2012)
    // duo is dormant with an explicit reliability.
    let duo = y2012.obligationSources.filter { $0.origin == "duo" }
    #expect(duo.count == 1)
    #expect(duo[0].status == .dormant && duo[0].reliability == 0.2)
    #expect(duo[0].types == TieTypeSet([.nonaggression, .defense]))
  }

  @Test func threatsCarryIntensityAndVerification() throws {
    let network = try Self.extended().read()
    #expect(network.threats.map(\.intensity) == [0.25, 1])
    #expect(network.threats.map(\.lastVerified) == [Day(year: 2010, month: 5, day: 1), Day(year: 2020)])
    let snapshot = try YearSnapshot(network: network, year: 2020)
    #expect(snapshot.threats.weights == [0.25, 1, 1, 0.25])  // AAA–DDD, BBB–CCC, CCC–BBB, DDD–AAA
    let flags = InputFlags.compute(snapshot, network: network)
    // Flags are relative to the analysis year (2020: before 2015).
    #expect(flags[0].contains("threat DDD verified 2010"))
    #expect(!flags[1].contains { $0.hasPrefix("threat CCC verified") })
    #expect(flags[1].contains("threat CCC low-confidence"))
    #expect(flags[2].contains("capability 2000") && flags[2].contains("capability low-confidence"))
    #expect(flags[0].contains("alliance drill low-confidence"))
  }

  @Test func nuclearSpellsAndStatus() throws {
    let network = try Self.extended().read()
    #expect(network.nations.map(\.nuclear) == [.own, .none, .none, .none])
    #expect(network.isNuclear(0, in: 2005) && !network.isNuclear(0, in: 2004))
    #expect(network.isNuclear(1, in: 2000) && !network.isNuclear(1, in: 2001))
    let snapshot = try YearSnapshot(network: network, year: 2000)
    #expect(snapshot.nuclear == [false, true, false, false])
    #expect(try YearSnapshot(network: network, year: 2005).nuclear == [true, false, false, false])
    // nations.csv and nuclear.csv must agree at asOf.
    var bad = Self.extended()
    bad.files["nuclear.csv"] = "nation,start,end,basis,source\nAAA,2005,2010,test,s1\n"
    let error = try #require(try bad.error())
    #expect(error.file == "nations.csv" && error.field == "nuclear")
    #expect(error.message.contains("AAA is nuclear=own but nuclear.csv has no spell in force in 2020"))
  }

  @Test func alternativeCapabilityMeasureWithFallback() throws {
    let network = try Self.extended().read()
    #expect(network.metadata.capabilityAlternatives.map(\.measure) == ["alt"])
    #expect(network.capabilities[0].value(exactly: 2020) == 200)
    let alt = try network.usingCapability("alt")
    #expect(alt.metadata.capabilityMeasure == "alt" && alt.metadata.capabilityYear == 2020)
    #expect(alt.capabilities[0].value(exactly: 2020) == 250)
    #expect(alt.capabilities[1].value(exactly: 2015) == 50)  // fallback to the default measure
    #expect(alt.capabilityFallbacks == [1, 2, 3])
    #expect(throws: CapabilityMeasureError.self) { _ = try network.usingCapability("nope") }
    #expect(try network.usingCapability("milex").capabilities == network.capabilities)
  }

  @Test func filesWithoutTheNewColumnsStillLoad() throws {
    var old = MiniDataset()
    old.files["alliances.csv"] = """
      id,name,obligations,start,end,integrated_command,atopid,source,confidence,note
      pact,Triple Pact,defense;consultation,2000,,1,123,s1,high,
      duo,Duo,nonaggression,2010,2015,0,,s2,,a note

      """
    old.files["threats.csv"] = """
      a,b,kind,start,end,name,source,confidence
      AAA,DDD,rivalry,1990,,AD rivalry,s1,
      BBB,CCC,listed,2019,,,s2,low

      """
    let network = try old.read()
    #expect(network.alliances.allSatisfy { $0.status == .active && !$0.major && $0.eligibility == nil && $0.reliability == nil })
    #expect(network.threats.allSatisfy { $0.intensity == 1 && $0.lastVerified == nil })
    #expect(network.nations.allSatisfy { $0.nuclear == .none })
    // Missing eligibility and verification are warnings naming file, line and field.
    let fields = network.warnings.map { "\($0.file.split(separator: "/").last!):\($0.line ?? 0):\($0.field ?? "")" }
    #expect(fields == ["alliances.csv:2:eligibility", "alliances.csv:3:eligibility", "threats.csv:2:last_verified", "threats.csv:3:last_verified"])
  }
}
