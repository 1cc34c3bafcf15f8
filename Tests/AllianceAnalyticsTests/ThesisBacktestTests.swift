import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

@Suite struct ThesisBacktestTests {
  func observation(_ nation: Int, _ pact: PactClass, targeted: Bool, threats: Int = 1, past: Int = 0, year: Int = 1960) -> ThesisObservation {
    ThesisObservation(
      year: year, nation: nation, pactClass: pact, smallWithMajorPower: false, threats: threats, pastDisputeYears: past, capability: 0.01,
      majorPower: false, nuclear: false, territorialThreat: 0.5, targeted: targeted, fatal: targeted ? true : false, war: false)
  }

  @Test func theConclusionRule() {
    #expect(ThesisConclusion(low: 0.85, high: 1.2, margin: 1.25) == .asEffective)
    #expect(ThesisConclusion(low: 1 / 1.25, high: 1.25, margin: 1.25) == .asEffective)
    #expect(ThesisConclusion(low: 1.1, high: 2.0, margin: 1.25) == .lessEffective)
    #expect(ThesisConclusion(low: 0.3, high: 0.9, margin: 1.25) == .moreEffective)
    #expect(ThesisConclusion(low: 0.7, high: 1.6, margin: 1.25) == .inconclusive)
    #expect(ThesisConclusion(low: .nan, high: 1.1, margin: 1.25) == .inconclusive)
  }

  /// Two strata. Stratum 1 (1 threat, no dispute years): small 3 of 4 targeted, multilateral
  /// 2 of 6: a·d/n = 3·4/10, b·c/n = 1·2/10. Stratum 2 (2–3 threats): small 1 of 2,
  /// multilateral 1 of 4: 1·3/6, 1·1/6. MH = (1.2 + 0.5) / (0.2 + 1/6) = 4.636….
  /// A stratum with small pacts only drops out; `none` rows never count.
  @Test func mantelHaenszelOverStrata() {
    var rows: [ThesisObservation] = []
    for k in 0..<4 { rows.append(observation(k, .small, targeted: k < 3)) }
    for k in 0..<6 { rows.append(observation(10 + k, .multilateral, targeted: k < 2)) }
    for k in 0..<2 { rows.append(observation(20 + k, .small, targeted: k < 1, threats: 2)) }
    for k in 0..<4 { rows.append(observation(30 + k, .multilateral, targeted: k < 1, threats: 3)) }
    rows.append(observation(40, .small, targeted: true, threats: 9, past: 9))
    rows.append(observation(41, .none, targeted: true))
    let mh = ThesisBacktest.matchedOddsRatio(rows, outcome: { $0.targeted })
    #expect(close(mh, (1.2 + 0.5) / (0.2 + 1.0 / 6), 1e-12))
  }

  /// A resample's weights (how often each nation was drawn) give the fit of the replicated
  /// rows: the cluster bootstrap by weights is the bootstrap by copies.
  @Test func weightsEqualReplication() throws {
    var rows: [ThesisObservation] = []
    for k in 0..<60 {
      let pact: PactClass = k % 3 == 0 ? .small : k % 3 == 1 ? .multilateral : .none
      var o = observation(k, pact, targeted: (k * 7) % 5 < 2, threats: 1 + k % 4, past: k % 6, year: 1950 + k)
      o.capability = 0.001 * Double(1 + (k * 13) % 17)
      o.territorialThreat = Double((k * 3) % 10) / 10  // none missing: the imputed mean would differ
      o.majorPower = k % 11 == 0
      o.nuclear = k % 13 == 0
      rows.append(o)
    }
    let design = ThesisBacktest.design(rows, outcome: { $0.targeted })
    let weights = rows.indices.map { Double(($0 * 7 + 1) % 4) }  // 1, 0, 3, 2, …: every class keeps rows
    let weighted = ThesisBacktest.oddsRatio(design, weights: weights).value
    let copies = rows.indices.flatMap { index in Array(repeating: rows[index], count: Int(weights[index])) }
    let replicated = ThesisBacktest.oddsRatio(copies, outcome: { $0.targeted }).value
    #expect(weighted.isFinite && close(weighted, replicated, 1e-8))
  }

  /// The classes against an independent count from the ATOP v4 member-level file: per
  /// treaty with a defense or offense pledge, the members in force in the year (entry ≤ y ≤
  /// exit, exit 0 = in force); a nation is multilateral when one of its pacts has 4 or more
  /// members, small when all have 2–3.
  @Test(.enabled(if: FormationModelTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func classesMatchAnIndependentCountFromATOP() throws {
    let folder = FormationModelTests.referenceData!
    let network = try DatasetLoader.load(folder)
    let text = try String(contentsOfFile: folder + "/atop/atop4-member-level.csv", encoding: .utf8)
    let lines = text.split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    func column(_ name: String) -> Int { header.firstIndex(of: name)! }
    let (id, member, entry, exit, defense, offense) = (column("atopid"), column("member"), column("yrent"), column("yrexit"), column("defense"), column("offense"))
    var pledged = Set<Int>()
    var rows: [(Int, Int, Int, Int)] = []
    for line in lines.dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
      if f[defense] > 0 || f[offense] > 0 { pledged.insert(f[id]) }
      rows.append((f[id], f[member], f[entry], f[exit]))
    }
    for year in [1960, 1985, 2000] {
      var members: [Int: Set<Int>] = [:]
      for (atop, code, from, to) in rows where pledged.contains(atop) && from <= year && (to == 0 || to >= year) { members[atop, default: []].insert(code) }
      var largest: [Int: Int] = [:]
      for set in members.values where set.count >= 2 { for code in set { largest[code] = max(largest[code] ?? 0, set.count) } }
      let expectedSmall = Set(largest.filter { $0.value <= 3 }.keys), expectedMulti = Set(largest.filter { $0.value >= 4 }.keys)
      let classes = ThesisBacktest.pactClasses(network, year: year)
      func codes(_ c: PactClass) -> Set<Int> { Set(classes.filter { $0.value.0 == c }.compactMap { network.nations[$0.key].cow }) }
      #expect(codes(.small) == expectedSmall, "\(year)")
      #expect(codes(.multilateral) == expectedMulti, "\(year)")
      #expect(!expectedSmall.isEmpty && !expectedMulti.isEmpty)
    }
  }

  /// Nothing after a nation-year's window enters it: outcomes come from y+1 … y+K only, and
  /// the past dispute years and threats from before y.
  @Test(.enabled(if: FormationModelTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func outcomesStayInTheirWindow() throws {
    let network = try DatasetLoader.load(FormationModelTests.referenceData!)
    let rows = try ThesisBacktest.observations(network, years: 1970...1972, window: 3, threats: .disputes)
    var onsets: [Int: Set<Int>] = [:]
    for d in network.disputes where d.onset && !d.aOnSideA { onsets[d.a, default: []].insert(d.year) }
    #expect(rows.count > 100)
    for o in rows {
      let hits = onsets[o.nation] ?? []
      #expect(o.targeted == ((o.year + 1)...(o.year + 3)).contains { hits.contains($0) })
    }
  }
}

@Suite struct CoverageBacktestTests {
  @Test func defaultSpansLeaveAWindowBetweenFitAndTest() throws {
    let spans = try #require(CoverageBacktest.defaultSpans(1950...2004, window: 10))
    #expect(spans.fit == 1950...1971 && spans.test == 1982...2004)
    for (years, window) in [(1950...2004, 5), (1900...1950, 10), (1990...2005, 3), (1816...2004, 10)] {
      let s = try #require(CoverageBacktest.defaultSpans(years, window: window))
      #expect(s.fit.lowerBound == years.lowerBound && s.test.upperBound == years.upperBound)
      #expect(s.fit.upperBound + window < s.test.lowerBound, "\(years) K=\(window)")
    }
    #expect(CoverageBacktest.defaultSpans(2000...2005, window: 10) == nil)
  }

  func rows(_ count: Int, offset: Int, coverageDecides: Bool) -> [BacktestObservation] {
    (0..<count).map { k in
      let uncovered = (k * 7 + offset) % 3 == 0
      let noise = (k * 17 + offset * 5) % 11 == 0  // about 9%, unrelated to the controls
      var o = BacktestObservation(
        year: 1960 + k % 20, nation: k % 40, cr: uncovered ? 0.5 : 2, gap: 0, uncovered: uncovered, targeted: coverageDecides ? uncovered != noise : noise)
      o.theta = 1 + Double(k % 4)
      o.d = uncovered ? 0.5 : 3
      o.capability = 0.5 + Double(k % 3) / 10
      o.pastDisputeYears = k % 5
      o.territorialThreat = Double(k % 7) / 7
      return o
    }
  }

  /// When being targeted follows coverage (with 9% noise), the full model beats the
  /// baseline out of sample; the fit never sees the test span's outcomes.
  @Test func coverageThatDecidesShowsAsAGain() throws {
    let fit = rows(400, offset: 0, coverageDecides: true), test = rows(400, offset: 1, coverageDecides: true)
    let c = try CoverageBacktest.compare(fit: fit, test: test, fitYears: 1960...1979, testYears: 1990...2009, resamples: 200, seed: 1)
    #expect(c.fullAUC.value > 0.75 && c.gain.value > 0.2 && c.gain.low > 0)
    var flipped = test
    for k in flipped.indices { flipped[k].targeted.toggle() }
    let other = try CoverageBacktest.compare(fit: fit, test: flipped, fitYears: 1960...1979, testYears: 1990...2009, resamples: 10, seed: 1)
    #expect(other.coefficients.map(\.value) == c.coefficients.map(\.value))
    #expect(close(other.fullAUC.value, 1 - c.fullAUC.value, 1e-12))
  }
}

/// The thesis estimates against an independent numpy computation on a real span (committed
/// fixture: 1975–1980).
@Suite struct ThesisFixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/thesis")

  static func observations() throws -> (rows: [ThesisObservation], text: String) {
    let text = try String(contentsOf: folder.appendingPathComponent("atop-1975-1980-design.csv"), encoding: .utf8)
    var rows: [ThesisObservation] = []
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      rows.append(
        ThesisObservation(
          year: Int(f[0])!, nation: Int(f[1])!, pactClass: PactClass(rawValue: f[2])!, smallWithMajorPower: f[3] == "1", threats: Int(f[4])!,
          pastDisputeYears: Int(f[5])!, capability: Double(f[6])!, majorPower: f[7] == "1", nuclear: f[8] == "1", territorialThreat: Double(f[9]),
          targeted: f[10] == "1", fatal: f[11].isEmpty ? nil : f[11] == "1", war: f[12] == "1"))
    }
    return (rows, text)
  }

  @Test func estimatesMatchAnIndependentNumpyComputation() throws {
    let (rows, _) = try Self.observations()
    let data = try Data(contentsOf: Self.folder.appendingPathComponent("atop-1975-1980-fit.json"))
    let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(reference["rows"] as? Int == rows.count)
    let (or, fit) = ThesisBacktest.oddsRatio(rows, outcome: { $0.targeted })
    let coefficients = try #require(reference["coefficients"] as? [Double])
    for (k, value) in try #require(fit).coefficients.enumerated() { #expect(abs(value - coefficients[k]) < 1e-6, "\(ThesisBacktest.featureNames[k])") }
    #expect(abs(or - (reference["odds_ratio"] as? Double ?? .nan)) < 1e-8)
    #expect(abs(ThesisBacktest.matchedOddsRatio(rows, outcome: { $0.targeted }) - (reference["matched_odds_ratio"] as? Double ?? .nan)) < 1e-12)
  }

  /// The committed design is what the code produces from ../shared/data.
  @Test(.enabled(if: FormationModelTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func theDesignIsReproduced() throws {
    let network = try DatasetLoader.load(FormationModelTests.referenceData!)
    let rows = try ThesisBacktest.observations(network, years: 1975...1980, window: 10, threats: .all)
    #expect(ThesisBacktest.designCSV(rows, network: network) == (try Self.observations().text))
  }
}
