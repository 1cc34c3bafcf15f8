import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// The committed real-data excerpt (Tests/Fixtures/reference: ATOP v5 and COW rows for the
/// 2010–2012 snapshots) read by ``ReferenceDataReader``: these run on every clone; with
/// `../shared/data` present they also check that the excerpt's years equal the full data's.
@Suite(.serialized) struct ReferenceExcerptTests {
  static let loaded: Result<AllianceNetwork, any Error> = Result {
    try ReferenceDataReader.read(folder: referenceExcerptFolder)
  }

  func network() throws -> AllianceNetwork { try Self.loaded.get() }

  /// The full data, read once for the comparison (nil without ../shared/data).
  static let full: Result<AllianceNetwork, any Error>? = referenceDataFolder.map { folder in
    Result { try ReferenceDataReader.read(folder: folder) }
  }

  @Test func saysWhichReferenceDataSetRan() {
    // Printed into the test log so a reader knows whether the full-data tests ran.
    if referenceDataFolder != nil {
      print("reference data: excerpt (Tests/Fixtures/reference, 2010–2012) and the full data (../shared/data): full-data tests ran")
    } else {
      print("reference data: excerpt only (Tests/Fixtures/reference, 2010–2012); ../shared/data is absent, full-data tests skipped")
    }
    #expect(FileManager.default.fileExists(atPath: referenceExcerptFolder + "/cow/states.csv"))
  }

  /// Counts of one year, from scripts/fixtures/generate_reference_excerpt.py's rows by an
  /// independent csv-module count (pairs with the flag in either ordered row; states in the
  /// COW system on some day of the year, so South Sudan counts from 2011, or in an ATOP row).
  @Test(arguments: [
    (2010, 194, 1681, 54, 3956, 1468, 3967),
    (2011, 195, 1681, 54, 3956, 1469, 3967),
    (2012, 195, 1662, 54, 4034, 1449, 4046),
  ])
  func snapshotCountsMatchAnIndependentCount(
    _ expected: (year: Int, nations: Int, defense: Int, neutrality: Int, nonaggression: Int, consultation: Int, any: Int)
  ) throws {
    let snapshot = try YearSnapshot(network: network(), year: expected.year)
    #expect(snapshot.nodeCount == expected.nations)
    #expect(snapshot.layer(.defense).edgeCount == expected.defense)
    #expect(snapshot.layer(.offense).edgeCount == 0)
    #expect(snapshot.layer(.neutrality).edgeCount == expected.neutrality)
    #expect(snapshot.layer(.nonaggression).edgeCount == expected.nonaggression)
    #expect(snapshot.layer(.consultation).edgeCount == expected.consultation)
    #expect(snapshot.union.edgeCount == expected.any)
  }

  @Test func oneSidedObligationsCountAsTies() throws {
    // The excerpt's 2012 rows set defense on (2, 740) but not on (740, 2).
    let network = try network()
    let snapshot = try YearSnapshot(network: network, year: 2012)
    let usa = try #require(snapshot.node(ofNation: network.resolve("2")))
    let japan = try #require(snapshot.node(ofNation: network.resolve("740")))
    #expect(snapshot.types(between: usa, and: japan).contains(.defense))
    #expect(snapshot.types(between: japan, and: usa).contains(.defense))
  }

  @Test func namesCapitalsThreatsAndTheOICResolve() throws {
    let network = try network()
    let pakistan = try network.resolve("Pakistan")
    let snapshot = try YearSnapshot(network: network, year: 2012)
    let node = Int(try #require(snapshot.node(ofNation: pakistan)))
    #expect(snapshot.latitude[node] == 33.6938118)  // Islamabad
    let india = Int(try #require(snapshot.node(ofNation: network.resolve("750"))))
    #expect(snapshot.threats.neighbors(of: UInt32(node)).contains(UInt32(india)))
    let oic = try #require(network.group(named: "oic"))
    #expect(oic.members.count == 56 && oic.missing.isEmpty)
    #expect(oic.members.filter { snapshot.node(ofNation: $0) != nil }.count == 56)
    #expect(snapshot.alliances.count > 300)
  }

  /// Every excerpt year is the full data's year: same nations, ties, threats, contiguity,
  /// capabilities, capitals and alliances (by ATOP id).
  @Test(.enabled(if: referenceDataFolder != nil, "needs ../shared/data (the full data) to compare with"), arguments: [2010, 2011, 2012])
  func excerptYearsEqualTheFullData(_ year: Int) throws {
    let excerpt = try network()
    let full = try #require(Self.full).get()
    let a = try YearSnapshot(network: excerpt, year: year)
    let b = try YearSnapshot(network: full, year: year)
    #expect(a.nations.map { excerpt.nations[$0].cow } == b.nations.map { full.nations[$0].cow })
    #expect(a.labels == b.labels)
    #expect(a.layers == b.layers)
    #expect(a.union == b.union)
    #expect(a.unionTypes == b.unionTypes)
    #expect(a.threats == b.threats)
    #expect(a.contiguity == b.contiguity)
    #expect(a.capability == b.capability)
    #expect(a.latitude.map(\.bitPattern) == b.latitude.map(\.bitPattern))
    #expect(a.alliances.map { excerpt.alliances[$0.alliance].id } == b.alliances.map { full.alliances[$0.alliance].id })
    #expect(a.alliances.map(\.members) == b.alliances.map(\.members))
  }
}
