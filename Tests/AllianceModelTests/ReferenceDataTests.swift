import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// ATOP + COW data in `../shared/data` (beside the repository), read by ``ReferenceDataReader``.
@Suite(
  .enabled(if: referenceDataFolder != nil, "../shared/data is absent: ATOP/COW reference-data tests skipped"),
  .serialized)
struct ReferenceDataTests {
  /// Read once for the whole suite (273,000 dyad-year rows).
  static let loaded: Result<AllianceNetwork, any Error> = Result {
    try ReferenceDataReader.read(folder: referenceDataFolder!)
  }

  func network() throws -> AllianceNetwork { try Self.loaded.get() }

  /// One year of the independent pandas count in Benchmarks/compare/atop_counts.txt (table A:
  /// pairs with the flag in either ordered row).
  struct Counts: Sendable, CustomTestStringConvertible {
    var year, nations, defense, offense, neutrality, nonaggression, consultation, any, noCapability, noCapital: Int
    var testDescription: String { String(year) }
  }

  // Copied from Benchmarks/compare/atop_counts.txt, "Summary" (pandas, ../shared/data):
  // year nations defense offense neutral nonagg consul any no_cinc no_capital
  static let pandasCounts: [Counts] = [
    Counts(
      year: 1816, nations: 25, defense: 53, offense: 7, neutrality: 0, nonaggression: 45, consultation: 52, any: 53,
      noCapability: 2, noCapital: 0),
    Counts(
      year: 1870, nations: 39, defense: 13, offense: 17, neutrality: 2, nonaggression: 1, consultation: 6, any: 17,
      noCapability: 2, noCapital: 0),
    Counts(
      year: 1914, nations: 47, defense: 15, offense: 5, neutrality: 13, nonaggression: 12, consultation: 17, any: 34,
      noCapability: 2, noCapital: 1),
    Counts(
      year: 1939, nations: 65, defense: 51, offense: 5, neutrality: 33, nonaggression: 51, consultation: 45, any: 95,
      noCapability: 0, noCapital: 0),
    Counts(
      year: 1950, nations: 75, defense: 312, offense: 16, neutrality: 4, nonaggression: 322, consultation: 314,
      any: 335, noCapability: 0, noCapital: 0),
    Counts(
      year: 1980, nations: 162, defense: 696, offense: 2, neutrality: 4, nonaggression: 1289, consultation: 722,
      any: 1306, noCapability: 6, noCapital: 1),
    Counts(
      year: 2000, nations: 191, defense: 1104, offense: 0, neutrality: 54, nonaggression: 2978, consultation: 1144,
      any: 2999, noCapability: 0, noCapital: 0),
    Counts(
      year: 2016, nations: 195, defense: 1707, offense: 0, neutrality: 55, nonaggression: 4213, consultation: 1500,
      any: 4225, noCapability: 0, noCapital: 0),
    Counts(
      year: 2018, nations: 195, defense: 1707, offense: 0, neutrality: 55, nonaggression: 4216, consultation: 1500,
      any: 4228, noCapability: 0, noCapital: 0),
  ]

  @Test(arguments: pandasCounts)
  func snapshotCountsMatchPandas(_ expected: Counts) throws {
    let network = try network()
    let snapshot = try YearSnapshot(network: network, year: expected.year)
    #expect(snapshot.nodeCount == expected.nations)
    #expect(snapshot.layer(.defense).edgeCount == expected.defense)
    #expect(snapshot.layer(.offense).edgeCount == expected.offense)
    #expect(snapshot.layer(.neutrality).edgeCount == expected.neutrality)
    #expect(snapshot.layer(.nonaggression).edgeCount == expected.nonaggression)
    #expect(snapshot.layer(.consultation).edgeCount == expected.consultation)
    #expect(snapshot.union.edgeCount == expected.any)
    let summary = SnapshotSummary(snapshot, network: network)
    #expect(summary.obligationPairs == expected.any)
    #expect(summary.tiedPairs == expected.any)
    #expect(summary.nations - summary.withCapability == expected.noCapability)
    #expect(summary.nations - summary.withCapital == expected.noCapital)
    // ATOP has no cooperation channels.
    #expect(TieType.channels.allSatisfy { snapshot.layer($0).edgeCount == 0 })
  }

  @Test func defenseLayerOf2012Has1662Ties() throws {
    let snapshot = try YearSnapshot(network: network(), year: 2012)
    #expect(snapshot.layer(.defense).edgeCount == 1662)
  }

  @Test func oneSidedObligationsCountAsTies() throws {
    // ATOP sets defense on (2, 740) but not (740, 2): USA–Japan is a defense pair.
    let network = try network()
    let snapshot = try YearSnapshot(network: network, year: 2016)
    let usa = try #require(snapshot.node(ofNation: network.resolve("2")))
    let japan = try #require(snapshot.node(ofNation: network.resolve("740")))
    #expect(snapshot.types(between: usa, and: japan).contains(.defense))
    #expect(snapshot.types(between: japan, and: usa).contains(.defense))
  }

  @Test func capitalIsTheOneInForceOnFirstJuly() throws {
    // Pakistan: Karachi to 1959-06-12, Rawalpindi to 1967-08-13, then Islamabad.
    let network = try network()
    let pakistan = try network.resolve("Pakistan")
    func latitude(_ year: Int) throws -> Double {
      let snapshot = try YearSnapshot(network: network, year: year)
      return snapshot.latitude[Int(try #require(snapshot.node(ofNation: pakistan)))]
    }
    #expect(try latitude(1958) == 24.8546842)  // Karachi
    #expect(try latitude(1959) == 33.5914237)  // Rawalpindi from 13 June
    #expect(try latitude(1967) == 33.5914237)  // Islamabad only from 14 August
    #expect(try latitude(1968) == 33.6938118)  // Islamabad
    let russia = network.nations[try network.resolve("365")]
    #expect(russia.capital(on: .midYear(1918))?.city == "Moscow")
    #expect(russia.capital(on: .midYear(1917))?.city == "Saint Petersburg")
  }

  @Test func yearsOutsideTheDataThrow() throws {
    let network = try network()
    #expect(network.years == 1815...2018)
    for year in [1814, 2019, 2100] {
      let error = #expect(throws: SnapshotError.self) { _ = try YearSnapshot(network: network, year: year) }
      #expect(error?.description.contains("year \(year) is outside the data: expected a year in 1815…2018") == true)
    }
  }

  @Test func yearsPastASourcesEndWarn() throws {
    let network = try network()
    let late = try YearSnapshot(network: network, year: 2018)
    #expect(late.warnings.contains { $0.message.contains("beyond COW state system, which ends in 2016") })
    let early = try YearSnapshot(network: network, year: 1950)
    #expect(!early.warnings.contains { $0.message.contains("beyond") }, "\(early.warnings)")
  }

  @Test func oicGroupResolvesToCOWStates() throws {
    let network = try network()
    let oic = try #require(network.group(named: "oic"))
    #expect(oic.members.count == 56)
    #expect(oic.missing.isEmpty)
    #expect(oic.members.contains(try network.resolve("770")))
    func present(_ year: Int) throws -> Int {
      let snapshot = try YearSnapshot(network: network, year: year)
      return oic.members.filter { snapshot.node(ofNation: $0) != nil }.count
    }
    #expect(try present(2018) == 56)
    #expect(try present(1950) == 12)
  }

  @Test func snapshotsDoNotDependOnBuildOrder() throws {
    let network = try network()
    let first = try YearSnapshot(network: network, year: 1980)
    _ = try YearSnapshot(network: network, year: 2012)
    _ = try YearSnapshot(network: network, year: 1914)
    let second = try YearSnapshot(network: network, year: 1980)
    #expect(first.nations == second.nations)
    #expect(first.labels == second.labels)
    #expect(first.layers == second.layers)
    #expect(first.union == second.union)
    #expect(first.unionTypes == second.unionTypes)
    #expect(first.threats == second.threats)
    #expect(first.contiguity == second.contiguity)
    #expect(first.capability == second.capability)
    #expect(first.latitude.map(\.bitPattern) == second.latitude.map(\.bitPattern))
    #expect(first.alliances == second.alliances)
    #expect(first.warnings == second.warnings)
    #expect(first.threats.edgeCount > 0)
    #expect(first.contiguity.edgeCount > 0)
  }
}
