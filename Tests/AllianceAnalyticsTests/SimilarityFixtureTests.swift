import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

/// The repository root (the folder holding Package.swift), found from this file.
private let similarityRepositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `../shared/data` beside the repository, or `nil` when it is absent.
private let similarityReferenceData: String? = {
  let folder = similarityRepositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
  return FileManager.default.fileExists(atPath: folder + "/cow/states.csv")
    && FileManager.default.fileExists(atPath: folder + "/atop/atop5-dyad-year.csv") ? folder : nil
}()

/// The reference-data sets present: the committed excerpt (Tests/Fixtures/reference, whose
/// 2012 equals the full data's) always, `../shared/data` too when present.
private let similarityDataSets: [String] =
  [similarityRepositoryRoot.appendingPathComponent("Tests/Fixtures/reference").path] + (similarityReferenceData.map { [$0] } ?? [])

/// ``PortfolioSimilarity`` on real ATOP v5 data (year 2012) against the independent values
/// of scripts/fixtures/generate_similarity_fixture.py (Signorino–Ritter's weighted form in
/// exact rational arithmetic), committed in Tests/Fixtures/similarity/atop2012.json.
@Suite struct SimilarityFixtureTests {
  struct Fixture {
    var year: Int
    var nations: Int
    var meanS: Double
    var pairs: [(a: Int, b: Int, s: Double, pi: Double, kappa: Double)]
  }

  static func fixture() throws -> Fixture {
    let url = similarityRepositoryRoot.appendingPathComponent("Tests/Fixtures/similarity/atop2012.json")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let rows = try #require(json["pairs"] as? [[String: Any]])
    var pairs: [(a: Int, b: Int, s: Double, pi: Double, kappa: Double)] = []
    for row in rows {
      pairs.append(
        (try #require(row["a"] as? Int), try #require(row["b"] as? Int), try #require(row["s"] as? Double),
         try #require(row["pi"] as? Double), try #require(row["kappa"] as? Double)))
    }
    return Fixture(
      year: try #require(json["year"] as? Int), nations: try #require(json["nations"] as? Int),
      meanS: try #require(json["mean_s"] as? Double), pairs: pairs)
  }

  @Test(arguments: similarityDataSets)
  func matchesIndependentComputation(_ data: String) throws {
    let expected = try Self.fixture()
    #expect(expected.pairs.count == 400)
    let network = try ReferenceDataReader.read(folder: data)
    let snapshot = try YearSnapshot(network: network, year: expected.year)
    let strategic = StrategicNetwork(snapshot: snapshot, network: network)
    let n = strategic.nodeCount
    #expect(n == expected.nations)
    #expect(snapshot.nodeCount == expected.nations)

    let indices = PortfolioSimilarity.indices(strategic, threads: 4)
    let s = indices.s
    try #require(s.count == n * n)
    #expect(PortfolioSimilarity.matrix(strategic) == s)

    func node(_ code: Int) throws -> Int {
      let nation = try network.resolve(String(code))
      return Int(try #require(snapshot.node(ofNation: nation), "COW \(code) is not in the \(expected.year) snapshot"))
    }
    var mismatches = 0
    for pair in expected.pairs {
      let i = try node(pair.a), j = try node(pair.b)
      let value = s[i * n + j]
      #expect(abs(value - pair.s) <= 1e-12, "S(\(pair.a), \(pair.b)) = \(value), expected \(pair.s)")
      #expect(s[i * n + j] == s[j * n + i], "S is not symmetric for \(pair.a), \(pair.b)")
      if abs(value - pair.s) > 1e-12 { mismatches += 1 }
      // Häge's chance-corrected indices, exact in the script; a few ulps of rounding here.
      #expect(abs(indices.pi[i * n + j] - pair.pi) <= 1e-12, "π(\(pair.a), \(pair.b)) = \(indices.pi[i * n + j]), expected \(pair.pi)")
      #expect(abs(indices.kappa[i * n + j] - pair.kappa) <= 1e-12, "κ(\(pair.a), \(pair.b)) = \(indices.kappa[i * n + j]), expected \(pair.kappa)")
      #expect(indices.pi[i * n + j] == indices.pi[j * n + i] && indices.kappa[i * n + j] == indices.kappa[j * n + i])
    }
    #expect(mismatches == 0)
    for i in 0..<n { #expect(s[i * n + i] == 1) }

    var sum = 0.0
    for i in 0..<n { for j in (i + 1)..<n { sum += s[i * n + j] } }
    let mean = sum / Double(n * (n - 1) / 2)
    #expect(abs(mean - expected.meanS) <= 1e-12, "mean S = \(mean), expected \(expected.meanS)")
  }
}
