import AllianceModel
import Foundation
import GraphCore

/// Which threats define a threatened nation-year in a backtest: rivals and dispute
/// opponents, or dispute opponents only (rivalries are coded after the fact and leak
/// hindsight).
public enum BacktestThreats: String, Sendable, CaseIterable {
  case all
  case disputes
}

/// How a nation-year relies on defense/offense pledges (ATOP v4 member level, phases merged).
public enum PactClass: String, Sendable, CaseIterable {
  /// No defense or offense pledge in force.
  case none
  /// Only pacts of 2–3 members.
  case small
  /// At least one pact of 4 or more members.
  case multilateral
}

/// One threatened nation-year of the thesis backtest.
public struct ThesisObservation: Sendable, Hashable {
  public var year: Int
  /// Index into the network's nations.
  public var nation: Int
  public var pactClass: PactClass
  /// A 2–3-member pact of the nation includes a major power (the robustness split).
  public var smallWithMajorPower: Bool
  public var threats: Int
  /// Years of y−10 … y−1 in which the nation was in a militarized dispute.
  public var pastDisputeYears: Int
  public var capability: Double
  public var majorPower: Bool
  public var nuclear: Bool
  /// Miller's latent territorial threat (`nil` when the data has none for the year).
  public var territorialThreat: Double?
  /// Outcomes within y+1 … y+K: targeted (side B) by a new dispute; by a fatal one
  /// (`nil` when every targeting dispute's fatality is missing); by a war (hostility 5).
  public var targeted: Bool
  public var fatal: Bool?
  public var war: Bool
}

/// An odds ratio of small pacts against multilateral ones with its interval.
public struct PactOddsRatio: Sendable, Hashable {
  public var outcome: String
  /// exp(β_small) of the controlled logit; interval from the nation-cluster bootstrap.
  public var value: Double
  public var low: Double
  public var high: Double
  /// Mantel–Haenszel odds ratio over coarsened-exact-matching strata.
  public var matched: Double
  public var observations: Int
  public var positives: Int
  public var conclusion: ThesisConclusion
}

/// DESIGN §6's conclusion rule with equivalence margin E.
public enum ThesisConclusion: String, Sendable, CaseIterable {
  case asEffective = "as_effective"
  case lessEffective = "less_effective"
  case moreEffective = "more_effective"
  case inconclusive

  /// `as_effective` if 1/E ≤ L and U ≤ E; else `less_effective` if L > 1 (small pacts are
  /// targeted more); `more_effective` if U < 1; else `inconclusive`.
  public init(low: Double, high: Double, margin: Double) {
    if !(low.isFinite && high.isFinite) {
      self = .inconclusive
    } else if 1 / margin <= low && high <= margin {
      self = .asEffective
    } else if low > 1 {
      self = .lessEffective
    } else if high < 1 {
      self = .moreEffective
    } else {
      self = .inconclusive
    }
  }
}

/// Rates of one class.
public struct PactClassRate: Sendable, Hashable {
  public var label: String
  public var observations: Int
  public var targetedRate: Double
  public var fatalRate: Double
  public var fatalKnown: Int
  public var warRate: Double
}

/// Targeting rates of small-pact and multilateral nation-years within one stratum of the
/// threat environment.
public struct PactStratum: Sendable, Hashable {
  public var label: String
  public var small: Int
  public var smallRate: Double
  public var multilateral: Int
  public var multilateralRate: Double
}

/// The seed's claim on history (DESIGN §6, "thesis"): were threatened nations relying on
/// 2–3-member pacts targeted as often as members of multilateral alliances?
public struct ThesisBacktestResult: Sendable {
  public var years: ClosedRange<Int>
  public var window: Int
  public var threats: BacktestThreats
  public var margin: Double
  public var resamples: Int
  public var observations: Int
  public var rates: [PactClassRate]
  public var strata: [PactStratum]
  /// Targeted by a new dispute (primary), by a fatal one, by a war.
  public var outcomes: [PactOddsRatio]
  public var primary: PactOddsRatio { outcomes[0] }
  /// The primary outcome in 1946–1989 and from 1990.
  public var byEra: [(era: String, estimate: PactOddsRatio)]
  /// The primary outcome for today's OIC members, in the years they exist.
  public var oic: PactOddsRatio?
  /// The primary logit: names and coefficients.
  public var coefficients: [(String, Double)]
}

/// Runs the thesis backtest.
public enum ThesisBacktest {
  public static let featureNames = [
    "intercept", "small_pacts", "no_pact", "log_threats", "past_dispute_years", "log_capability", "major_power", "nuclear",
    "territorial_threat", "territorial_threat_missing",
  ]

  /// Threatened nation-years of `years` with their class, controls and outcomes.
  /// O(years · (n + alliances · members + disputes in the window)).
  public static func observations(
    _ network: AllianceNetwork, years: ClosedRange<Int>, window: Int, threats source: BacktestThreats, disputeWindow: Int = 10, threads: Int = 1
  ) throws -> [ThesisObservation] {
    try Backtest.check(network, years: years, window: window)
    guard network.alliances.contains(where: { $0.atopID != nil }) else {
      throw Backtest.Failure(description: "\(network.metadata.location): the thesis backtest needs ATOP v4 member-level alliances (atop4-member-level.csv)")
    }
    // Per nation: dispute years, opponents by year, and targeting onsets with their severity.
    var disputeYears: [Int: Set<Int>] = [:]
    var opponents: [Int: [Int: Set<Int>]] = [:]
    var targeting: [Int: [(year: Int, fatality: Int?, hostility: Int?)]] = [:]
    for d in network.disputes {
      disputeYears[d.a, default: []].insert(d.year)
      opponents[d.a, default: [:]][d.year, default: []].insert(d.b)
      if d.onset && !d.aOnSideA { targeting[d.a, default: []].append((d.year, d.fatality, d.hostility)) }
    }
    let list = Array(years)
    var result: [ThesisObservation] = []
    let disputeYearsByNation = disputeYears, opponentsByNation = opponents, targetingByNation = targeting
    var failure: Error?
    ParallelLoop.run(count: list.count, threads: threads) { range -> Result<[ThesisObservation], Error> in
      var rows: [ThesisObservation] = []
      for index in range {
        let year = list[index]
        let snapshot: YearSnapshot
        do { snapshot = try YearSnapshot(network: network, year: year, options: SnapshotOptions(disputeWindow: disputeWindow)) } catch { return .failure(error) }
        let classes = pactClasses(network, year: year)
        // Rivals in force this year, per nation (once per year, not per nation).
        var rivals: [Int: Set<Int>] = [:]
        if source == .all {
          for pair in network.threats where pair.span.contains(year) {
            rivals[pair.a, default: []].insert(pair.b)
            rivals[pair.b, default: []].insert(pair.a)
          }
        }
        for (node, nation) in snapshot.nations.enumerated() {
          var threatened = rivals[nation] ?? []
          for y in (year - disputeWindow)..<year { threatened.formUnion(opponentsByNation[nation]?[y] ?? []) }
          threatened.remove(nation)
          guard !threatened.isEmpty else { continue }
          let hits = (targetingByNation[nation] ?? []).filter { $0.year > year && $0.year <= year + window }
          let fatal: Bool? = hits.contains { ($0.fatality ?? 0) > 0 } ? true : (hits.isEmpty || hits.allSatisfy { $0.fatality != nil } ? false : nil)
          let past = ((year - 10)..<year).filter { disputeYearsByNation[nation]?.contains($0) ?? false }.count
          let pact = classes[nation] ?? (.none, false)
          rows.append(
            ThesisObservation(
              year: year, nation: nation, pactClass: pact.0, smallWithMajorPower: pact.1, threats: threatened.count, pastDisputeYears: past,
              capability: snapshot.capability[node], majorPower: snapshot.majorPower[node], nuclear: snapshot.nuclear[node],
              territorialThreat: network.territorialThreat[nation]?[year], targeted: !hits.isEmpty, fatal: fatal,
              war: hits.contains { $0.hostility == 5 }))
        }
      }
      return .success(rows)
    } merge: { part in
      switch part {
      case .success(let rows): result.append(contentsOf: rows)
      case .failure(let error): failure = failure ?? error
      }
    }
    if let failure { throw failure }
    return result
  }

  /// The observations as CSV (one row per threatened nation-year; `nation` as the network's
  /// nation id; empty territorial threat or fatal when missing), for an independent fit.
  public static func designCSV(_ observations: [ThesisObservation], network: AllianceNetwork) -> String {
    var text = "year,nation,class,small_with_major_power,threats,past_dispute_years,capability,major_power,nuclear,territorial_threat,targeted,fatal,war\n"
    func b(_ v: Bool) -> String { v ? "1" : "0" }
    for o in observations {
      text += "\(o.year),\(network.nations[o.nation].id),\(o.pactClass.rawValue),\(b(o.smallWithMajorPower)),\(o.threats),\(o.pastDisputeYears),"
      text += "\(o.capability),\(b(o.majorPower)),\(b(o.nuclear)),\(o.territorialThreat.map { String($0) } ?? ""),\(b(o.targeted)),"
      text += "\(o.fatal.map(b) ?? ""),\(b(o.war))\n"
    }
    return text
  }

  /// The class of every nation with a defense/offense pledge in force in `year`: small when
  /// all its pacts have 2–3 members in force, multilateral when one has 4 or more; and
  /// whether a small pact includes a major power (COW). O(alliances · members).
  public static func pactClasses(_ network: AllianceNetwork, year: Int) -> [Int: (PactClass, Bool)] {
    let pledges = TieTypeSet([.defense, .offense])
    var largest: [Int: Int] = [:]
    var withMajor: [Int: Bool] = [:]
    func major(_ nation: Int) -> Bool { network.majorPowers[nation]?.contains { $0.contains(year) } ?? false }
    for alliance in network.alliances where alliance.atopID != nil && !alliance.obligations.intersection(pledges).isEmpty {
      let members = Set(alliance.members.filter { $0.span.contains(year) }.map(\.nation))
      guard members.count >= 2 else { continue }
      for m in members {
        largest[m] = max(largest[m] ?? 0, members.count)
        if members.count <= 3 && members.contains(where: { $0 != m && major($0) }) { withMajor[m] = true }
      }
    }
    var result: [Int: (PactClass, Bool)] = [:]
    for (nation, size) in largest { result[nation] = (size >= 4 ? .multilateral : .small, size <= 3 && (withMajor[nation] ?? false)) }
    return result
  }

  /// The design row of `o`: the class indicators (multilateral is the reference) and the
  /// controls. `territorialMean` stands in for a missing value (with its indicator).
  static func row(_ o: ThesisObservation, territorialMean: Double) -> [Double] {
    [
      1, o.pactClass == .small ? 1 : 0, o.pactClass == .none ? 1 : 0, log(Double(o.threats)), Double(o.pastDisputeYears),
      log(max(o.capability, 1e-7)), o.majorPower ? 1 : 0, o.nuclear ? 1 : 0, o.territorialThreat ?? territorialMean, o.territorialThreat == nil ? 1 : 0,
    ]
  }

  /// The design of the controlled logit on `sample` for `outcome` (rows where it is known).
  static func design(_ sample: [ThesisObservation], outcome: (ThesisObservation) -> Bool?) -> (x: [Double], y: [Double], rows: [ThesisObservation]) {
    let known = sample.compactMap { o in outcome(o).map { (o, $0) } }
    let values = known.compactMap(\.0.territorialThreat)
    let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    var x: [Double] = [], y: [Double] = []
    x.reserveCapacity(known.count * featureNames.count)
    for (o, hit) in known {
      x.append(contentsOf: row(o, territorialMean: mean))
      y.append(hit ? 1 : 0)
    }
    return (x, y, known.map(\.0))
  }

  /// exp(β_small) of the controlled logit with row `weights` (a cluster bootstrap draws
  /// nations: a row's weight is how often its nation was drawn). NaN when the weighted
  /// sample lacks small or multilateral rows or the fit fails.
  static func oddsRatio(
    _ design: (x: [Double], y: [Double], rows: [ThesisObservation]), weights: [Double], start: [Double]? = nil
  ) -> (value: Double, fit: LogisticFit?) {
    let rows = design.rows
    guard rows.indices.contains(where: { rows[$0].pactClass == .small && weights[$0] > 0 }),
      rows.indices.contains(where: { rows[$0].pactClass == .multilateral && weights[$0] > 0 }),
      // A tiny penalty keeps a constant column (no nuclear state in a span) from breaking the fit.
      let fit = try? LogisticRegression.fit(
        x: design.x, y: design.y, weights: weights, names: featureNames, penalty: 1e-4, start: start, standardErrors: start == nil)
    else { return (.nan, nil) }
    return (exp(fit.coefficients[1]), fit)
  }

  static func oddsRatio(_ sample: [ThesisObservation], outcome: (ThesisObservation) -> Bool?) -> (value: Double, fit: LogisticFit?) {
    let d = design(sample, outcome: outcome)
    return oddsRatio(d, weights: [Double](repeating: 1, count: d.y.count))
  }

  /// Mantel–Haenszel odds ratio of small against multilateral over coarsened strata of the
  /// threat environment (threats 1 / 2–3 / 4+, past dispute years 0 / 1–3 / 4+, major
  /// power, nuclear, era). Strata without both classes drop out.
  public static func matchedOddsRatio(_ sample: [ThesisObservation], outcome: (ThesisObservation) -> Bool?) -> Double {
    var cells: [String: (a: Double, b: Double, c: Double, d: Double)] = [:]
    for o in sample where o.pactClass != .none {
      guard let hit = outcome(o) else { continue }
      let key = stratum(o) + "|\(o.majorPower)|\(o.nuclear)|\(o.year < 1990)"
      var cell = cells[key] ?? (0, 0, 0, 0)
      switch (o.pactClass == .small, hit) {
      case (true, true): cell.a += 1
      case (true, false): cell.b += 1
      case (false, true): cell.c += 1
      case (false, false): cell.d += 1
      }
      cells[key] = cell
    }
    var numerator = 0.0, denominator = 0.0
    for cell in cells.values {
      let n = cell.a + cell.b + cell.c + cell.d
      guard cell.a + cell.b > 0, cell.c + cell.d > 0 else { continue }
      numerator += cell.a * cell.d / n
      denominator += cell.b * cell.c / n
    }
    return denominator > 0 ? numerator / denominator : .nan
  }

  /// The threat-environment stratum of `o`.
  static func stratum(_ o: ThesisObservation) -> String {
    let threats = o.threats == 1 ? "1 threat" : o.threats <= 3 ? "2–3 threats" : "4+ threats"
    let past = o.pastDisputeYears == 0 ? "no dispute years" : o.pastDisputeYears <= 3 ? "1–3 dispute years" : "4+ dispute years"
    return "\(threats), \(past)"
  }

  /// The odds ratio, its 90% nation-cluster bootstrap interval, the matched estimate and the
  /// conclusion. O(resamples · rows · features²).
  static func estimate(
    _ sample: [ThesisObservation], outcome name: String, _ outcome: @escaping @Sendable (ThesisObservation) -> Bool?, margin: Double,
    resamples: Int, seed: UInt64, threads: Int
  ) -> PactOddsRatio {
    let d = design(sample, outcome: outcome)
    let (point, pointFit) = oddsRatio(d, weights: [Double](repeating: 1, count: d.y.count))
    let start = pointFit?.coefficients
    let nations = Array(Set(d.rows.map(\.nation))).sorted()
    let cluster = Dictionary(uniqueKeysWithValues: nations.enumerated().map { ($1, $0) })
    let rowCluster = d.rows.map { cluster[$0.nation]! }
    var draws: [Double] = []
    ParallelLoop.run(count: resamples, threads: threads) { range in
      var values: [Double] = []
      var counts = [Double](repeating: 0, count: nations.count)
      for r in range {
        // Each resample's own stream: the interval does not depend on the thread count.
        var random = RandomStream(seed: seed, stream: 0x7E5E_0000 &+ UInt64(r))
        for k in counts.indices { counts[k] = 0 }
        for _ in nations.indices { counts[Int(random.below(UInt64(nations.count)))] += 1 }
        let value = oddsRatio(d, weights: rowCluster.map { counts[$0] }, start: start).value
        if value.isFinite { values.append(value) }
      }
      return values
    } merge: { draws.append(contentsOf: $0) }
    draws.sort()
    let low = draws.isEmpty ? .nan : MonteCarlo.quantile(draws, 0.05), high = draws.isEmpty ? .nan : MonteCarlo.quantile(draws, 0.95)
    return PactOddsRatio(
      outcome: name, value: point, low: low, high: high, matched: matchedOddsRatio(sample, outcome: outcome), observations: d.y.count,
      positives: d.y.filter { $0 > 0.5 }.count, conclusion: ThesisConclusion(low: low, high: high, margin: margin))
  }

  /// Rates, strata, odds ratios by outcome, era and for today's OIC members.
  public static func evaluate(
    _ observations: [ThesisObservation], network: AllianceNetwork, years: ClosedRange<Int>, window: Int, threats: BacktestThreats,
    margin: Double = 1.25, resamples: Int = 500, seed: UInt64 = 1, threads: Int = 1
  ) -> ThesisBacktestResult {
    func rate(_ label: String, _ rows: [ThesisObservation]) -> PactClassRate {
      let count = Double(max(1, rows.count))
      let fatalKnown = rows.filter { $0.fatal != nil }
      return PactClassRate(
        label: label, observations: rows.count, targetedRate: rows.isEmpty ? .nan : Double(rows.filter(\.targeted).count) / count,
        fatalRate: fatalKnown.isEmpty ? .nan : Double(fatalKnown.filter { $0.fatal == true }.count) / Double(fatalKnown.count),
        fatalKnown: fatalKnown.count, warRate: rows.isEmpty ? .nan : Double(rows.filter(\.war).count) / count)
    }
    var rates = PactClass.allCases.map { c in rate(c.rawValue, observations.filter { $0.pactClass == c }) }
    rates.append(rate("small_with_major_power", observations.filter { $0.pactClass == .small && $0.smallWithMajorPower }))
    rates.append(rate("small_without_major_power", observations.filter { $0.pactClass == .small && !$0.smallWithMajorPower }))
    var strata: [PactStratum] = []
    let labels = Set(observations.map(stratum)).sorted()
    for label in labels {
      let rows = observations.filter { stratum($0) == label }
      let small = rows.filter { $0.pactClass == .small }, multi = rows.filter { $0.pactClass == .multilateral }
      func r(_ rows: [ThesisObservation]) -> Double { rows.isEmpty ? .nan : Double(rows.filter(\.targeted).count) / Double(rows.count) }
      strata.append(PactStratum(label: label, small: small.count, smallRate: r(small), multilateral: multi.count, multilateralRate: r(multi)))
    }
    let outcomes: [(String, @Sendable (ThesisObservation) -> Bool?)] = [
      ("targeted", { $0.targeted }), ("fatal", { $0.fatal }), ("war", { $0.war }),
    ]
    let estimates = outcomes.map { estimate(observations, outcome: $0.0, $0.1, margin: margin, resamples: resamples, seed: seed, threads: threads) }
    let eras: [(String, (Int) -> Bool)] = [("1946–1989", { $0 >= 1946 && $0 <= 1989 }), ("1990–", { $0 >= 1990 })]
    var byEra: [(String, PactOddsRatio)] = []
    for (label, contains) in eras {
      let rows = observations.filter { contains($0.year) }
      guard !rows.isEmpty else { continue }
      byEra.append((label, estimate(rows, outcome: "targeted", { $0.targeted }, margin: margin, resamples: resamples, seed: seed, threads: threads)))
    }
    var oic: PactOddsRatio? = nil
    if let group = network.group(named: "oic") {
      let members = Set(group.members)
      let rows = observations.filter { members.contains($0.nation) }
      if !rows.isEmpty { oic = estimate(rows, outcome: "targeted", { $0.targeted }, margin: margin, resamples: resamples, seed: seed, threads: threads) }
    }
    let fit = oddsRatio(observations, outcome: { $0.targeted }).fit
    return ThesisBacktestResult(
      years: years, window: window, threats: threats, margin: margin, resamples: resamples, observations: observations.count, rates: rates,
      strata: strata, outcomes: estimates, byEra: byEra, oic: oic, coefficients: fit.map { Array(zip($0.names, $0.coefficients)) } ?? [])
  }
}
