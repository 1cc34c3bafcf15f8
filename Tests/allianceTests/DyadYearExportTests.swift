import Foundation
import Testing

/// `alliance export dyad-year`: peacesciencer-keyed undirected dyad-years with S, Häge's π
/// and κ, reach and p_form.
@Suite struct DyadYearExportTests {
  /// The CSV as header and rows of cells.
  func table(_ text: String) -> (header: [String], rows: [[String]]) {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (lines.first ?? [], Array(lines.dropFirst()))
  }

  @Test(arguments: DatasetCommandTests.referenceDataSets)
  func oneRowPerUndirectedPairWithTheSimilarityFixture(_ data: String) throws {
    try withWorkspace { ws throws in
      let result = try ws.run("export", "dyad-year", data, "--from", "2012", "--to", "2012", "--out", "dy.csv")
      #expect(result.status == 0, "\(result.stderr)")
      let (header, rows) = table(String(decoding: try ws.bytes("dy.csv"), as: UTF8.self))
      #expect(header == ["ccode1", "ccode2", "year", "s", "pi", "kappa", "a12", "a21", "p_form"])
      // 195 nations in 2012: 195 · 194 / 2 pairs, each once, ccode1 < ccode2.
      #expect(rows.count == 18_915)
      #expect(rows.allSatisfy { $0.count == 9 && Int($0[0])! < Int($0[1])! && $0[2] == "2012" })
      #expect(Set(rows.map { "\($0[0])-\($0[1])" }).count == rows.count)
      // USA–UK against the independent exact values (Tests/Fixtures/similarity/atop2012.json).
      let usaUK = try #require(rows.first { $0[0] == "2" && $0[1] == "200" })
      #expect(abs(Double(usaUK[3])! - 107.0 / 195) < 1e-12)
      #expect(abs(Double(usaUK[4])! - 0.4689827326552926) < 1e-12)
      #expect(abs(Double(usaUK[5])! - 0.4873939538774047) < 1e-12)
      // Allies reach each other; India and Pakistan (threats) do not.
      #expect(Double(usaUK[6])! > 0.5 && Double(usaUK[7])! > 0.5)
      let indiaPakistan = try #require(rows.first { $0[0] == "750" && $0[1] == "770" })
      #expect(indiaPakistan[6] == "0.0" && indiaPakistan[7] == "0.0")
      // A pair with a defense pledge has no p_form; the excerpt has no history to fit one on.
      #expect(usaUK[8] == "")
      if data == DatasetCommandTests.referenceExcerpt { #expect(rows.allSatisfy { $0[8] == "" }) }
    }
  }

  @Test func builtInDatasetHasEveryColumnAndPicksSome() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("export", "dyad-year", "--from", "2025", "--to", "2025", "--metric", "kappa,p_form")
      #expect(result.status == 0, "\(result.stderr)")
      let (header, rows) = table(result.stdout)
      #expect(header == ["ccode1", "ccode2", "year", "kappa", "p_form"])
      // The curated dataset ships a formation model: p_form exists for pairs without a pledge.
      #expect(rows.contains { !$0[4].isEmpty })
      #expect(rows.allSatisfy { $0[2] == "2025" })
      let bad = try ws.run("export", "dyad-year", "--metric", "s,nosuch")
      #expect(bad.status == 1 && bad.stderr.contains("unknown metric \"nosuch\""))
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test(.enabled(if: DatasetCommandTests.referenceData != nil, "needs ../shared/data (ATOP history for p_form)"))
  func atopHistoryGivesPFormOutOfSample() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("export", "dyad-year", DatasetCommandTests.referenceData!, "--from", "1990", "--to", "1991", "--metric", "p_form")
      #expect(result.status == 0, "\(result.stderr)")
      let (_, rows) = table(result.stdout)
      let values = rows.compactMap { Double($0[3]) }
      #expect(values.count > rows.count / 2)
      #expect(values.allSatisfy { $0 > 0 && $0 < 1 })
    }
  }
}
