import AllianceModel
import GraphCore

/// One nation-year of a backtest.
public struct BacktestObservation: Sendable, Hashable {
  public var year: Int
  public var nation: Int
  public var cr: Double
  public var gap: Double
  public var uncovered: Bool
  /// Became the target (side B) of a new militarized dispute within the window.
  public var targeted: Bool
  /// The controls of the baseline model: threat pressure, committed defense, capability, the
  /// number of threats, years of y−10 … y−1 with a dispute, Miller's territorial threat.
  public var theta: Double = 0
  public var d: Double = 0
  public var capability: Double = 0
  public var threats: Int = 0
  public var pastDisputeYears: Int = 0
  public var territorialThreat: Double? = nil
}

/// A value with a bootstrap interval.
public struct Estimate: Sendable, Hashable {
  public var value: Double
  public var low: Double
  public var high: Double
}

/// Does coverage predict being targeted? Rates, lift, CR quartiles and ROC AUC.
public struct BacktestResult: Sendable {
  public var years: ClosedRange<Int>
  public var window: Int
  public var observations: Int
  public var targeted: Int
  public var uncoveredRate: Estimate
  public var coveredRate: Estimate
  /// Targeting rate of uncovered over covered nation-years.
  public var lift: Estimate
  /// ROC AUC of −CR as a predictor of being targeted.
  public var auc: Estimate
  /// Per CR quartile (lowest CR first): upper bound of CR, observations, targeted rate.
  public var quartiles: [(upperCR: Double, count: Int, rate: Double)]
  public var parameters: ModelParameters
  /// The ROC curve of −CR (``ScoreCurves/roc(_:_:maxPoints:)``), for plots.
  public var roc: [ROCPoint] = []
}

/// Backtests coverage against militarized-dispute onsets (COW MID).
public enum Backtest {
  /// Errors: no dispute data, or a window that passes the data's end.
  public struct Failure: Error, CustomStringConvertible, Equatable {
    public let description: String
  }

  /// The last year with dispute data.
  public static func disputeEnd(_ network: AllianceNetwork) -> Int? { network.disputes.map(\.year).max() }

  /// Checks that `network` has dispute data covering `years` and their `window`-year
  /// outcome windows. - Throws: ``Failure`` naming what is missing.
  public static func check(_ network: AllianceNetwork, years: ClosedRange<Int>, window: Int) throws {
    guard let end = disputeEnd(network) else {
      throw Failure(description: "\(network.metadata.location): the dataset has no militarized-dispute data (COW mid-dyad-year.csv): a backtest needs it")
    }
    guard window >= 1 else { throw Failure(description: "--window must be at least 1, got \(window)") }
    guard years.upperBound + window <= end else {
      throw Failure(description: "years \(years.lowerBound)–\(years.upperBound) with a \(window)-year window need disputes to \(years.upperBound + window), but the data ends in \(end): use --to \(end - window) or a shorter window")
    }
    guard network.years.contains(years.lowerBound) && network.years.contains(years.upperBound) else {
      throw Failure(description: "years \(years.lowerBound)–\(years.upperBound) lie outside the data (\(network.years.lowerBound)–\(network.years.upperBound))")
    }
  }

  /// Collects the population: nation-years in `years` with Θ > 0, and whether each was
  /// targeted (ccode1 of an onset row with sidea1 = 0) in y+1 … y+K.
  /// `threats: .disputes` leaves listed threats (rivalries) out.
  public static func observations(
    _ network: AllianceNetwork, years: ClosedRange<Int>, window: Int, parameters: ModelParameters, threats: BacktestThreats = .all, threads: Int = 1
  ) throws -> [BacktestObservation] {
    try check(network, years: years, window: window)
    var targetYears: [Int: Set<Int>] = [:], disputeYears: [Int: Set<Int>] = [:]
    for dispute in network.disputes {
      disputeYears[dispute.a, default: []].insert(dispute.year)
      if dispute.onset && !dispute.aOnSideA { targetYears[dispute.a, default: []].insert(dispute.year) }
    }
    let targets = targetYears, involved = disputeYears
    let options = SnapshotOptions(disputeWindow: parameters.disputeWindow, listedThreats: threats == .all)
    let list = Array(years)
    var result: [BacktestObservation] = []
    ParallelLoop.run(count: list.count, threads: threads) { range in
      var rows: [BacktestObservation] = []
      for index in range {
        let year = list[index]
        let snapshot = try! YearSnapshot(network: network, year: year, options: options)
        let strategic = StrategicNetwork(snapshot: snapshot, network: network)
        let assessment = Assessment(strategic, parameters: parameters)
        for node in 0..<strategic.nodeCount where assessment.nations[node].theta > 0 {
          let nation = snapshot.nations[node]
          let hits = targets[nation] ?? []
          let targeted = ((year + 1)...(year + window)).contains { hits.contains($0) }
          let a = assessment.nations[node]
          let past = ((year - 10)..<year).filter { involved[nation]?.contains($0) ?? false }.count
          rows.append(
            BacktestObservation(
              year: year, nation: nation, cr: a.cr, gap: a.gap, uncovered: a.uncovered, targeted: targeted, theta: a.theta, d: a.d,
              capability: a.capability, threats: strategic.threats(of: node).count, pastDisputeYears: past,
              territorialThreat: network.territorialThreat[nation]?[year]))
        }
      }
      return rows
    } merge: { result.append(contentsOf: $0) }
    return result
  }

  /// Rates, lift, quartiles and AUC with `resamples` seeded bootstrap intervals (95%).
  public static func evaluate(
    _ observations: [BacktestObservation], years: ClosedRange<Int>, window: Int, parameters: ModelParameters, resamples: Int = 1000
  ) -> BacktestResult {
    func stats(_ sample: [BacktestObservation]) -> (uncovered: Double, covered: Double, lift: Double, auc: Double) {
      var u = 0, ut = 0, c = 0, ct = 0
      for o in sample {
        if o.uncovered {
          u += 1
          if o.targeted { ut += 1 }
        } else {
          c += 1
          if o.targeted { ct += 1 }
        }
      }
      let ru = u > 0 ? Double(ut) / Double(u) : .nan, rc = c > 0 ? Double(ct) / Double(c) : .nan
      return (ru, rc, rc > 0 ? ru / rc : .nan, auc(sample))
    }
    let point = stats(observations)
    var random = RandomStream(seed: parameters.seed, stream: 0xB007)
    var lifts: [Double] = [], aucs: [Double] = [], us: [Double] = [], cs: [Double] = []
    // Resample nations (clusters), not nation-years: a nation's years are not independent.
    let clusters = Backtest.clusters(observations)
    if !observations.isEmpty {
      for _ in 0..<resamples {
        var sample: [BacktestObservation] = []
        sample.reserveCapacity(observations.count)
        for _ in clusters.indices { sample.append(contentsOf: clusters[Int(random.below(UInt64(clusters.count)))]) }
        let s = stats(sample)
        if s.lift.isFinite { lifts.append(s.lift) }
        if s.auc.isFinite { aucs.append(s.auc) }
        if s.uncovered.isFinite { us.append(s.uncovered) }
        if s.covered.isFinite { cs.append(s.covered) }
      }
    }
    func interval(_ value: Double, _ samples: [Double]) -> Estimate {
      let sorted = samples.sorted()
      return Estimate(value: value, low: MonteCarlo.quantile(sorted, 0.025), high: MonteCarlo.quantile(sorted, 0.975))
    }
    // CR quartiles (lowest coverage first).
    let byCR = observations.sorted { $0.cr < $1.cr }
    var quartiles: [(Double, Int, Double)] = []
    for q in 0..<4 {
      let lower = q * byCR.count / 4, upper = (q + 1) * byCR.count / 4
      let slice = byCR[lower..<upper]
      let hits = slice.filter(\.targeted).count
      quartiles.append((slice.last?.cr ?? .nan, slice.count, slice.isEmpty ? .nan : Double(hits) / Double(slice.count)))
    }
    return BacktestResult(
      years: years, window: window, observations: observations.count, targeted: observations.filter(\.targeted).count,
      uncoveredRate: interval(point.uncovered, us), coveredRate: interval(point.covered, cs), lift: interval(point.lift, lifts),
      auc: interval(point.auc, aucs), quartiles: quartiles, parameters: parameters,
      roc: ScoreCurves.roc(observations.map { -$0.cr }, observations.map(\.targeted)))
  }

  /// The observations grouped by nation, in nation order.
  public static func clusters(_ observations: [BacktestObservation]) -> [[BacktestObservation]] {
    var byNation: [Int: [BacktestObservation]] = [:]
    for o in observations { byNation[o.nation, default: []].append(o) }
    return byNation.keys.sorted().map { byNation[$0]! }
  }

  /// ROC AUC of −CR for `targeted` (Mann–Whitney, ties count one half). NaN without both classes.
  public static func auc(_ sample: [BacktestObservation]) -> Double {
    FormationBacktest.rankAUC(sample.map { -$0.cr }, sample.map(\.targeted))
  }

}
