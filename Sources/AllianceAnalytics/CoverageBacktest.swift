import AllianceModel
import Foundation
import GraphCore

/// What coverage adds to a baseline of the threat environment, out of sample (DESIGN §6,
/// "coverage"): a baseline logit (log Θ, past dispute years, log capability, Miller's
/// territorial threat) and a full one (adding log D/C and uncovered), fitted on the fit span
/// and scored on the later test span.
public struct CoverageComparison: Sendable {
  public var fitYears: ClosedRange<Int>
  public var testYears: ClosedRange<Int>
  /// AUCs on the test span with 95% intervals from a bootstrap over the test span's nations.
  public var baselineAUC: Estimate
  public var fullAUC: Estimate
  /// fullAUC − baselineAUC, resampled jointly.
  public var gain: Estimate
  /// The full model on the fit span: names, coefficients, standard errors.
  public var coefficients: [(name: String, value: Double, standardError: Double)]
  public var fitRows: Int
  public var testRows: Int
  /// ROC curves of the baseline and the full model on the test span, for plots.
  public var baselineROC: [ROCPoint] = []
  public var fullROC: [ROCPoint] = []
  /// The full model's predicted probabilities on the test span by decile against the
  /// observed targeting rate.
  public var calibration: [CalibrationBin] = []
}

/// One candidate of the parameter search on the validation span.
public struct CoverageCandidate: Sendable {
  public var hops: Int
  public var defenseHops: Int
  public var halfDistance: Double
  public var provisions: Bool
  /// The full model's AUC on the validation span (fitted on the inner fit span).
  public var validationAUC: Double
}

public enum CoverageBacktest {
  public static let baselineNames = ["intercept", "log_theta", "past_dispute_years", "log_capability", "territorial_threat", "territorial_threat_missing"]
  public static let fullNames = baselineNames + ["log_d_over_c", "uncovered"]

  /// The design row of `o` (`full`: with the coverage terms); `territorialMean` stands in for
  /// a missing territorial threat (with its indicator).
  static func row(_ o: BacktestObservation, full: Bool, territorialMean: Double) -> [Double] {
    let c = max(o.capability, 1e-7)
    var row = [
      1, log(max(o.theta, 1e-9)), Double(o.pastDisputeYears), log(c), o.territorialThreat ?? territorialMean, o.territorialThreat == nil ? 1 : 0,
    ]
    if full { row += [log(max(o.d, c) / c), o.uncovered ? 1 : 0] }
    return row
  }

  static func design(_ rows: [BacktestObservation], full: Bool, territorialMean: Double) -> (x: [Double], y: [Double]) {
    var x: [Double] = [], y: [Double] = []
    for o in rows {
      x += row(o, full: full, territorialMean: territorialMean)
      y.append(o.targeted ? 1 : 0)
    }
    return (x, y)
  }

  /// Fits both models on `fit` and scores them on `test`. O(resamples · test rows + fits).
  /// - Throws: ``LogisticFitError`` when a fit fails.
  public static func compare(
    fit: [BacktestObservation], test: [BacktestObservation], fitYears: ClosedRange<Int>, testYears: ClosedRange<Int>, resamples: Int, seed: UInt64
  ) throws(LogisticFitError) -> CoverageComparison {
    let known = fit.compactMap(\.territorialThreat)
    let mean = known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count)
    let b = design(fit, full: false, territorialMean: mean), f = design(fit, full: true, territorialMean: mean)
    let weights = [Double](repeating: 1, count: fit.count)
    let baseline = try LogisticRegression.fit(x: b.x, y: b.y, weights: weights, names: baselineNames, penalty: 1e-4)
    let full = try LogisticRegression.fit(x: f.x, y: f.y, weights: weights, names: fullNames, penalty: 1e-4)
    // Scores on the test span with the fit span's imputation.
    let baseScores = test.map { baseline.probability(row($0, full: false, territorialMean: mean)) }
    let fullScores = test.map { full.probability(row($0, full: true, territorialMean: mean)) }
    let labels = test.map(\.targeted)
    let pointBase = FormationBacktest.rankAUC(baseScores, labels), pointFull = FormationBacktest.rankAUC(fullScores, labels)
    var byNation: [Int: [Int]] = [:]
    for (index, o) in test.enumerated() { byNation[o.nation, default: []].append(index) }
    let clusters = byNation.keys.sorted().map { byNation[$0]! }
    var random = RandomStream(seed: seed, stream: 0xC0FE)
    var bases: [Double] = [], fulls: [Double] = [], gains: [Double] = []
    for _ in 0..<resamples where !clusters.isEmpty {
      var indices: [Int] = []
      for _ in clusters.indices { indices += clusters[Int(random.below(UInt64(clusters.count)))] }
      let l = indices.map { labels[$0] }
      let x = FormationBacktest.rankAUC(indices.map { baseScores[$0] }, l), y = FormationBacktest.rankAUC(indices.map { fullScores[$0] }, l)
      if x.isFinite && y.isFinite {
        bases.append(x)
        fulls.append(y)
        gains.append(y - x)
      }
    }
    func interval(_ value: Double, _ samples: [Double]) -> Estimate {
      let sorted = samples.sorted()
      return Estimate(value: value, low: MonteCarlo.quantile(sorted, 0.025), high: MonteCarlo.quantile(sorted, 0.975))
    }
    return CoverageComparison(
      fitYears: fitYears, testYears: testYears, baselineAUC: interval(pointBase, bases), fullAUC: interval(pointFull, fulls),
      gain: interval(pointFull - pointBase, gains),
      coefficients: (0..<full.names.count).map { (full.names[$0], full.coefficients[$0], full.standardErrors[$0]) }, fitRows: fit.count,
      testRows: test.count, baselineROC: ScoreCurves.roc(baseScores, labels), fullROC: ScoreCurves.roc(fullScores, labels),
      calibration: ScoreCurves.calibration(fullScores, labels))
  }

  /// The default spans without `--fit/--test`: the first half of `years` for fitting, the
  /// second for testing, with K years between so no fit outcome window reaches the test span.
  public static func defaultSpans(_ years: ClosedRange<Int>, window: Int) -> (fit: ClosedRange<Int>, test: ClosedRange<Int>)? {
    let fitEnd = years.lowerBound + (years.count - window - 1) / 2 - 1
    let testStart = fitEnd + window + 1
    guard fitEnd >= years.lowerBound, testStart <= years.upperBound else { return nil }
    return (years.lowerBound...fitEnd, testStart...years.upperBound)
  }

  /// Chooses H, H_D, the half distance and whether provision multipliers apply by the full
  /// model's AUC on a validation span inside `fitYears` (its second part, after a K-year gap
  /// behind the inner fit span). O(grid · fit years · snapshot).
  public static func chooseParameters(
    _ network: AllianceNetwork, fitYears: ClosedRange<Int>, window: Int, base: ModelParameters, threats: BacktestThreats, threads: Int
  ) throws -> (chosen: ModelParameters, candidates: [CoverageCandidate]) {
    guard let (inner, validation) = defaultSpans(fitYears, window: window) else {
      throw Backtest.Failure(description: "the fit span \(fitYears.lowerBound)–\(fitYears.upperBound) is too short for a validation span with a \(window)-year gap")
    }
    var candidates: [CoverageCandidate] = []
    var best: (ModelParameters, Double)? = nil
    for hops in [1, 2, 3] {
      for defenseHops in [1, 2] {
        for half in [1500.0, 3000.0, 6000.0] {
          for provisions in [true, false] {
            var p = base
            p.hops = hops
            p.defenseHops = defenseHops
            p.halfDistance = half
            if !provisions {
              p.provisionConditional = 1
              p.provisionAsymmetric = 1
              p.provisionInstitutionalised = 1
            }
            let rows = try Backtest.observations(network, years: fitYears, window: window, parameters: p, threats: threats, threads: threads)
            let fit = rows.filter { inner.contains($0.year) }, test = rows.filter { validation.contains($0.year) }
            let auc = (try? compare(fit: fit, test: test, fitYears: inner, testYears: validation, resamples: 0, seed: base.seed).fullAUC.value) ?? .nan
            candidates.append(CoverageCandidate(hops: hops, defenseHops: defenseHops, halfDistance: half, provisions: provisions, validationAUC: auc))
            if auc.isFinite, best == nil || auc > best!.1 + 1e-12 { best = (p, auc) }
          }
        }
      }
    }
    guard let best else { throw Backtest.Failure(description: "no candidate has a defined validation AUC") }
    return (best.0, candidates)
  }
}

