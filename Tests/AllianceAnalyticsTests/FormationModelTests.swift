import AllianceModel
import Foundation
import GraphCore
import Testing

@testable import AllianceAnalytics

/// The formation model p_form: the penalised logistic fit against an independent numpy fit
/// of the same design matrix, the sample against that design, and no look-ahead.
@Suite struct FormationModelTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/formation")
  static let referenceData: String? = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared/data").path
    return FileManager.default.fileExists(atPath: folder + "/atop/atop5-dyad-year.csv") ? folder : nil
  }()

  /// The committed design (ATOP pair-years 1993–1994 of the model for 2004).
  static func design() throws -> (x: [Double], y: [Double], w: [Double], names: [String]) {
    let text = try String(contentsOf: fixtures.appendingPathComponent("atop-1993-1994-design.csv"), encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    let p = header.firstIndex(of: "formed")!
    var x: [Double] = [], y: [Double] = [], w: [Double] = []
    for line in lines {
      let fields = line.split(separator: ",")
      x.append(contentsOf: fields[0..<p].map { Double($0)! })
      y.append(Double(fields[p])!)
      w.append(Double(fields[p + 1])!)
    }
    return (x, y, w, Array(header[0..<p]))
  }

  @Test func fitMatchesAnIndependentNumpyFit() throws {
    let (x, y, w, names) = try Self.design()
    #expect(names == FormationFeatures.names)
    let fit = try LogisticRegression.fit(x: x, y: y, weights: w, names: names, penalty: 1)
    let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("atop-1993-1994-fit.json"))
    let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let beta = try #require(reference["coefficients"] as? [Double]), errors = try #require(reference["standard_errors"] as? [Double])
    #expect(fit.rows == reference["rows"] as? Int && fit.positives == reference["positives"] as? Int)
    for k in beta.indices {
      #expect(abs(fit.coefficients[k] - beta[k]) <= 1e-6, "\(names[k]): \(fit.coefficients[k]) vs \(beta[k])")
      #expect(abs(fit.standardErrors[k] - errors[k]) <= 1e-6 * max(1, errors[k]), "\(names[k]) SE")
    }
    #expect(abs(fit.logLikelihood - (reference["log_likelihood"] as? Double ?? .nan)) <= 1e-6 * abs(fit.logLikelihood))
  }

  @Test func aConstantFeatureNeedsThePenalty() throws {
    // Without a penalty a constant column besides the intercept is singular: a clear error.
    let x: [Double] = [1, 1, 1, 1, 1, 1, 1, 1]
    #expect(throws: LogisticFitError.self) { _ = try LogisticRegression.fit(x: x, y: [0, 1, 0, 1], weights: [1, 1, 1, 1], names: ["a", "b"], penalty: 0) }
    let fit = try LogisticRegression.fit(x: x, y: [0, 1, 0, 1], weights: [1, 1, 1, 1], names: ["a", "b"], penalty: 1)
    #expect(abs(fit.probability([1, 1]) - 0.5) < 1e-12)
  }

  @Test(.enabled(if: FormationModelTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func theSamplerReproducesTheCommittedDesign() throws {
    let network = try DatasetLoader.load(Self.referenceData!)
    var options = FormationOptions()
    options.firstYear = 1993
    let sample = try FormationFitter.sample(for: 2004, network: network, options: options)
    let (x, y, w, _) = try Self.design()
    #expect(sample.firstYear == 1993 && sample.lastYear == 1994)
    #expect(sample.y == y && sample.w == w)
    #expect(sample.x.count == x.count)
    #expect(zip(sample.x, x).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
  }

  /// The rolling fits of the dyad-year panel (one sample, prefixes, warm starts) equal the
  /// direct fit of each year.
  @Test(.enabled(if: FormationModelTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func rollingModelsEqualTheDirectFitOfEachYear() throws {
    let network = try DatasetLoader.load(Self.referenceData!)
    var options = FormationOptions()
    options.firstYear = 1986
    let models = try FormationFitter.models(for: 1999...2001, network: network, options: options, threads: 2)
    #expect(models.keys.sorted() == [1999, 2000, 2001])
    for year in 1999...2001 {
      let direct = try FormationFitter.model(for: year, network: network, options: options, accession: false)
      let rolled = try #require(models[year])
      #expect(rolled.firstYear == direct.firstYear && rolled.lastYear == direct.lastYear)
      #expect(rolled.fit.rows == direct.fit.rows && rolled.fit.positives == direct.fit.positives)
      for (a, b) in zip(rolled.fit.coefficients, direct.fit.coefficients) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(year)") }
    }
    // Years without a complete outcome window after the first year get no model.
    #expect(try FormationFitter.models(for: 1990...1996, network: network, options: options).keys.sorted() == [1996])
  }

  /// The model for year Y fitted on the full data equals the one fitted on the data
  /// truncated after Y: nothing after Y is read.
  @Test(.enabled(if: FormationModelTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func noLookAhead() throws {
    let full = try DatasetLoader.load(Self.referenceData!)
    let year = 2000
    var truncated = full
    let table = try #require(full.dyadYears)
    var years: [Int32] = [], a: [UInt32] = [], b: [UInt32] = [], mask: [UInt8] = []
    for y in table.firstYear...year {
      for row in table.rows(in: y) {
        years.append(Int32(y))
        a.append(table.a[row])
        b.append(table.b[row])
        mask.append(table.mask[row])
      }
    }
    truncated.dyadYears = DyadYearTable(years: years, a: a, b: b, mask: mask)
    truncated.disputes = full.disputes.filter { $0.year <= year }
    var options = FormationOptions()
    options.firstYear = 1986
    let before = try FormationFitter.model(for: year, network: full, options: options)
    let after = try FormationFitter.model(for: year, network: truncated, options: options)
    #expect(before.lastYear == year - options.horizon)
    #expect(before.fit.coefficients == after.fit.coefficients)
    #expect(before.accession == after.accession && before.accession != nil)
    #expect(before.checksum == after.checksum)
    // A later year sees more data, so its fit (and its cache key) differ.
    let later = try FormationFitter.model(for: year + 1, network: full, options: options)
    #expect(later.checksum != before.checksum)
  }

  @Test func pJoinIsZeroWhenNotEligibleOrAMemberIsAThreat() throws {
    let network = try DatasetLoader.builtIn()
    let snapshot = try YearSnapshot(network: network, year: 2025)
    let strategic = StrategicNetwork(snapshot: snapshot, network: network)
    let context = FormationContext(strategic)
    let accession = try #require(try FormationModelStore.model(for: 2025, network: network)?.model.accession)
    func estimate(_ nation: String, _ alliance: String) throws -> AccessionEstimate {
      let i = try #require(strategic.node(id: nation))
      let a = try #require(strategic.alliances.firstIndex { $0.id == alliance })
      return accession.estimate(i, alliance: a, strategic: strategic, network: network, context: context)
    }
    // Pakistan may not join NATO (Article 10: European states) nor the Rio Treaty.
    #expect(try estimate("PAK", "nato").probability == 0 && !(try estimate("PAK", "nato").eligible))
    #expect(try estimate("PAK", "rio").probability == 0)
    // Iran may join C-SIPA in law (open) but it holds Iran's threat, the United States.
    let csipa = try estimate("IRN", "c-sipa")
    #expect(csipa.eligible && csipa.probability == 0 && csipa.reason == "holds a threat: USA")
    // Turkey and Saudi Arabia are never offered the CSTO.
    #expect(try estimate("TUR", "csto").probability == 0 && (try estimate("SAU", "csto").probability) == 0)
    // An eligible nation without threats among the members gets the model's probability.
    let sco = try estimate("TUR", "sco")
    #expect(sco.eligible && (sco.probability ?? 0) > 0 && (sco.probability ?? 1) < 1)
  }

  @Test func theCuratedDatasetShipsAModelFittedOnATOPUpTo2008() throws {
    let network = try DatasetLoader.builtIn()
    let found = try #require(try FormationModelStore.model(for: 2025, network: network))
    #expect(found.origin == .dataset)
    #expect(found.model.lastYear == 2008 && found.model.dataset == "atop-cow")
    #expect(found.model.fit.names == FormationFeatures.names)
    #expect(found.model.accession?.fit.names == AccessionFeatures.names)
  }
}

/// Entrapment, value, compatibility and the greedy recommendation, hand-computed.
/// Nations share one capital (g = 1); defense ties at r = 0.75.
@Suite struct AllyRecommenderTests {
  func recommender(_ configure: (inout MiniWorld) -> Void, focus: String = "F") throws -> (AllyRecommender, StrategicNetwork) {
    var w = MiniWorld()
    configure(&w)
    let network = try w.network()
    let search = PartnerSearch(network, focus: network(focus), parameters: ModelParameters())
    return (AllyRecommender(search, network: network, model: nil), network)
  }

  @Test func entrapmentOfAFocusWithoutThreats() throws {
    for (threat, value) in [(4.0, 7.5), (40.0, 1.0)] {
      let (r, n) = try recommender { w in
        w.nation("F", lon: 0, capability: 1)
        w.nation("J", lon: 0, capability: 10)
        w.nation("T", lon: 0, capability: threat)
        w.threat("J", "T")
      }
      // The tie with J: E gain 0.75·10 = 7.5; entrapment 0.5·0.75·1·C_T; the gap it opens
      // max(0, Θ − D) with D = 1 + 7.5: T = 4 → Θ 1.5, no gap, value 7.5; T = 40 → Θ 15,
      // gap 6.5, value 1.
      let j = r.evaluate([n("J")])
      #expect(close(j.entrapment, 0.5 * 0.75 * threat))
      #expect(j.brought == [n("T")])
      #expect(close(j.value, value), "\(j.value)")
      // T itself (not F's threat) is a candidate too: with C_T = 40 it is worth more (30).
      let pick = try #require(r.recommend(count: 1).first)
      #expect(pick.partner == (threat > 10 ? n("T") : n("J")))
      #expect(pick.pForm == nil && pick.expectedValue == nil)
    }
  }

  @Test func entrapmentOfAThreatenedFocus() throws {
    let (r, n) = try recommender { w in
      w.nation("F", lon: 0, capability: 1)
      w.nation("X", lon: 0, capability: 6)
      w.nation("J", lon: 0, capability: 10)
      w.nation("K", lon: 0, capability: 10)
      w.nation("T", lon: 0, capability: 8)
      w.threat("F", "X")
      w.threat("K", "T")
    }
    let picks = r.recommend(count: 2, ranking: .value)
    // Θ = 6, D = 1, gap 5. J closes it all (D 8.5): value 5. K would too, but brings T:
    // Θ + 0.5·0.75·8 = 9, gap 0.5, value 4.5; after J, K adds nothing but T's pressure.
    #expect(picks.map(\.partner) == [n("J"), n("K")])
    #expect(close(picks[0].value, 5) && close(picks[0].gapReduction, 5))
    #expect(close(picks[1].entrapment, 3))
    #expect(picks[1].value <= 0)
  }

  @Test func incompatibleCandidatesAreLeftOutUnlessAsked() throws {
    let (r, n) = try recommender { w in
      w.nation("F", lon: 0, capability: 1)
      w.nation("P", lon: 0, capability: 5)
      w.nation("Q", lon: 0, capability: 50)
      w.nation("X", lon: 0, capability: 6)
      w.nation("R", lon: 0, capability: 40)
      w.tie("F", "P", "defense")
      w.threat("P", "Q")
      w.threat("F", "X")
      w.tie("R", "X", "defense")
    }
    // Q threatens F's partner P; R defends F's threat X.
    #expect(r.incompatibility(n("Q"), chosen: []) == "a threat of P, a defense partner of F")
    #expect(r.incompatibility(n("R"), chosen: []) == "a defense partner of X, a threat of F")
    let picks = r.recommend(count: 3)
    #expect(!picks.contains { $0.partner == n("Q") || $0.partner == n("R") })
    let any = r.recommend(count: 3, anyPartner: true)
    #expect(any.contains { $0.partner == n("Q") && !$0.incompatibility.isEmpty })
  }

  @Test func noRecommendedSetHoldsTwoMutualThreats() throws {
    for seed: UInt64 in 1...30 {
      let network = try RandomWorlds.network(seed: seed, nodes: 5...10, tieProbability: 0.3)
      for focus in 0..<network.nodeCount {
        let search = PartnerSearch(network, focus: focus, parameters: RandomWorlds.parameters(seed: seed))
        let picks = AllyRecommender(search, network: network, model: nil).recommend(count: 3).map(\.partner)
        for (x, a) in picks.enumerated() {
          for b in picks[(x + 1)...] { #expect(!network.isThreat(a, b), "seed \(seed) focus \(focus): \(a) and \(b)") }
        }
      }
    }
  }
}

/// `backtest formation`'s scoring, hand-computed.
@Suite struct FormationBacktestScoringTests {
  func c(_ focus: Int, _ candidate: Int, _ p: Double, _ hit: Bool, year: Int = 2000) -> FormationCase {
    FormationCase(year: year, focus: focus, candidate: candidate, pForm: p, baselineLogit: p, distance: 1000 * Double(candidate), hit: hit)
  }

  /// Scores 0.9 (hit), 0.8 (miss), 0.5 (hit), 0.5 (miss), 0.1 (hit): precision after each
  /// group 1/1, —, 2/4 for the tie group holding one hit, 3/5: AP = (1 + 0.5 + 0.6) / 3.
  /// Without ties, 0.9 hit, 0.8 miss, 0.7 hit: (1 + 2/3) / 2.
  @Test func averagePrecisionByHand() {
    #expect(close(FormationBacktest.averagePrecision([0.9, 0.8, 0.5, 0.5, 0.1], [true, false, true, false, true]), (1 + 0.5 + 0.6) / 3, 1e-12))
    #expect(close(FormationBacktest.averagePrecision([0.9, 0.8, 0.7], [true, false, true]), (1 + 2.0 / 3) / 2, 1e-12))
    #expect(FormationBacktest.averagePrecision([0.3, 0.2], [false, false]).isNaN)
  }

  @Test func rankAUCCountsTiesAsHalf() {
    // Positives at 0.9 and 0.5, negatives at 0.5 and 0.1: pairs (0.9>0.5, 0.9>0.1, 0.5=0.5 half, 0.5>0.1) = 3.5 / 4.
    #expect(FormationBacktest.rankAUC([0.9, 0.5, 0.5, 0.1], [true, true, false, false]) == 0.875)
    #expect(FormationBacktest.rankAUC([0.1, 0.2], [true, true]).isNaN)
  }

  @Test func precisionAtKAndTheBootstrapOverNations() {
    // Focus 1: six candidates, the two with the highest p_form formed; focus 2: six, none formed.
    var cases: [FormationCase] = []
    for j in 0..<6 { cases.append(c(1, 10 + j, 0.9 - 0.1 * Double(j), j < 2)) }
    for j in 0..<6 { cases.append(c(2, 20 + j, 0.5, false)) }
    let result = FormationBacktest.evaluate(cases, years: [2000], horizon: 10, resamples: 200)
    let pForm = result.scores.first { $0.rule == "p_form" }!
    // precision@5: (2/5 + 0/5) / 2 = 0.2; no focus has 10 candidates.
    #expect(abs(pForm.precisionAt5.value - 0.2) < 1e-12)
    #expect(pForm.precisionAt10.value.isNaN)
    // AUC: both hits (0.9, 0.8) rank above all ten non-hits (≤ 0.7).
    #expect(pForm.auc.value == 1)
    // Resampling nations: precision@5 is 0, 0.2 or 0.4 in each draw.
    #expect(pForm.precisionAt5.low >= 0 && pForm.precisionAt5.high <= 0.4)
    #expect(result.foci == 2 && result.cases == 12 && result.hits == 2)
    // Nearest capitals ranks by distance (candidate id × 1000 km): the same order here.
    #expect(result.scores.first { $0.rule == "nearest_capitals" }!.precisionAt5.value == 0.2)
    // Brier: focus 1 (0.1² + 0.2² + 0.7² + 0.6² + 0.5² + 0.4²) = 1.31, focus 2 6 × 0.5² = 1.5,
    // over 12 cases; both hits rank first: average precision 1.
    #expect(abs(result.brier - 2.81 / 12) < 1e-12)
    #expect(result.prAUC == 1)
  }
}
