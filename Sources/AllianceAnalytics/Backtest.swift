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
}

/// Backtests coverage against militarized-dispute onsets (COW MID).
public enum Backtest {
  /// Errors: no dispute data, or a window that passes the data's end.
  public struct Failure: Error, CustomStringConvertible, Equatable {
    public let description: String
  }

  /// The last year with dispute data.
  public static func disputeEnd(_ network: AllianceNetwork) -> Int? { network.disputes.map(\.year).max() }

  /// Collects the population: nation-years in `years` with Θ > 0, and whether each was
  /// targeted (ccode1 of an onset row with sidea1 = 0) in y+1 … y+K.
  public static func observations(
    _ network: AllianceNetwork, years: ClosedRange<Int>, window: Int, parameters: ModelParameters, threads: Int = 1
  ) throws -> [BacktestObservation] {
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
    var targetYears: [Int: Set<Int>] = [:]
    for dispute in network.disputes where dispute.onset && !dispute.aOnSideA { targetYears[dispute.a, default: []].insert(dispute.year) }
    let targets = targetYears
    let list = Array(years)
    var result: [BacktestObservation] = []
    ParallelLoop.run(count: list.count, threads: threads) { range in
      var rows: [BacktestObservation] = []
      for index in range {
        let year = list[index]
        let snapshot = try! YearSnapshot(network: network, year: year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
        let strategic = StrategicNetwork(snapshot: snapshot, network: network)
        let assessment = Assessment(strategic, parameters: parameters)
        for node in 0..<strategic.nodeCount where assessment.nations[node].theta > 0 {
          let nation = snapshot.nations[node]
          let hits = targets[nation] ?? []
          let targeted = ((year + 1)...(year + window)).contains { hits.contains($0) }
          let a = assessment.nations[node]
          rows.append(BacktestObservation(year: year, nation: nation, cr: a.cr, gap: a.gap, uncovered: a.uncovered, targeted: targeted))
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
    if !observations.isEmpty {
      for _ in 0..<resamples {
        var sample: [BacktestObservation] = []
        sample.reserveCapacity(observations.count)
        for _ in 0..<observations.count { sample.append(observations[Int(random.below(UInt64(observations.count)))]) }
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
      auc: interval(point.auc, aucs), quartiles: quartiles, parameters: parameters)
  }

  /// ROC AUC of −CR for `targeted` (Mann–Whitney, ties count one half). NaN without both classes.
  public static func auc(_ sample: [BacktestObservation]) -> Double {
    FormationBacktest.rankAUC(sample.map { -$0.cr }, sample.map(\.targeted))
  }

}
