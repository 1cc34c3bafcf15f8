import AllianceAnalytics
import Foundation

/// The charts of `alliance backtest … --plot`: ROC and calibration where a backtest scores
/// cases, bars with intervals for its rates, AUCs and odds ratios. One SVG string each.
public enum BacktestCharts {
  /// `backtest coverage`: the ROC curves of the full model, the baseline and −CR on the test
  /// span; the full model's calibration by decile; the AUCs with their 95% intervals (0.5
  /// dashed); the targeting rates of uncovered and covered nation-years (95% intervals)
  /// and by CR quartile. O(curve points + bins).
  public static func coverage(_ result: BacktestResult, _ comparison: CoverageComparison) -> [String] {
    let span = "\(comparison.testYears.lowerBound)–\(comparison.testYears.upperBound)"
    let curves = [
      SVGChart.Series(name: "full model, AUC \(auc(comparison.fullAUC.value))", points: points(comparison.fullROC)),
      SVGChart.Series(name: "baseline, AUC \(auc(comparison.baselineAUC.value))", points: points(comparison.baselineROC)),
      SVGChart.Series(name: "−CR, AUC \(auc(result.auc.value))", points: points(result.roc)),
    ]
    let aucs = [("full model", comparison.fullAUC), ("baseline", comparison.baselineAUC), ("−CR", result.auc)].map {
      SVGChart.Bar(label: $0.0, value: $0.1.value, low: $0.1.low, high: $0.1.high)
    }
    let rates =
      [
        SVGChart.Bar(label: "uncovered", value: result.uncoveredRate.value, low: result.uncoveredRate.low, high: result.uncoveredRate.high),
        SVGChart.Bar(label: "covered", value: result.coveredRate.value, low: result.coveredRate.low, high: result.coveredRate.high),
      ] + result.quartiles.enumerated().map { SVGChart.Bar(label: "CR Q\($0.offset + 1)", value: $0.element.rate) }
    return [
      SVGChart.roc(title: "ROC, targeted within \(result.window) years, \(span)", curves: curves),
      SVGChart.calibration(title: "Calibration of the full model, \(span)", bins: comparison.calibration),
      SVGChart.bars(title: "AUC, test span (95% intervals; 0.5: chance)", yLabel: "AUC", bars: aucs, reference: 0.5, width: 420, height: 260),
      SVGChart.bars(
        title: "Share targeted within \(result.window) years (95% intervals)", yLabel: "share targeted", bars: rates, width: 420, height: 260),
    ]
  }

  /// `backtest formation`: the ROC curves of the four ranking rules over all cases; p_form's
  /// calibration by decile; precision@5 (and recommend's own, when scored) and the AUCs with
  /// their 95% intervals. O(curve points + bins).
  public static func formation(_ result: FormationBacktestResult) -> [String] {
    let years = result.years.count == 1 ? "\(result.years[0])" : "\(result.years.first ?? 0)–\(result.years.last ?? 0)"
    let curves = result.scores.map { SVGChart.Series(name: "\(rule($0.rule)), AUC \(auc($0.auc.value))", points: points($0.roc)) }
    var precision = result.scores.map {
      SVGChart.Bar(label: rule($0.rule), value: $0.precisionAt5.value, low: $0.precisionAt5.low, high: $0.precisionAt5.high)
    }
    if let r = result.recommenderPrecisionAt5 { precision.append(SVGChart.Bar(label: "recommend", value: r.value, low: r.low, high: r.high)) }
    let aucs = result.scores.map { SVGChart.Bar(label: rule($0.rule), value: $0.auc.value, low: $0.auc.low, high: $0.auc.high) }
    let bins = result.calibration.map { CalibrationBin(meanPredicted: $0.meanP, observedRate: $0.rate, count: $0.count) }
    return [
      SVGChart.roc(title: "ROC, pledge within \(result.horizon) years, test years \(years)", curves: curves),
      SVGChart.calibration(title: "Calibration of p_form by decile", bins: bins),
      SVGChart.bars(title: "Precision@5 (95% intervals)", yLabel: "precision@5", bars: precision, width: 420, height: 260),
      SVGChart.bars(title: "AUC (95% intervals; 0.5: chance)", yLabel: "AUC", bars: aucs, reference: 0.5, width: 420, height: 260),
    ]
  }

  /// `backtest thesis`: the targeting rates by pact class (and the split of small pacts by
  /// a major power), and the odds ratios of small pacts against multilateral ones by
  /// outcome, era and for today's OIC members with their 90% intervals (1 dashed). O(rows).
  public static func thesis(_ result: ThesisBacktestResult) -> [String] {
    let labels = [
      "none": "no pledge", "small": "2–3-member pacts", "multilateral": "pact of ≥ 4", "small_with_major_power": "small, with a major power",
      "small_without_major_power": "small, no major power",
    ]
    let rates = result.rates.map { SVGChart.Bar(label: labels[$0.label] ?? $0.label, value: $0.targetedRate) }
    var odds = result.outcomes.map { SVGChart.Bar(label: $0.outcome, value: $0.value, low: $0.low, high: $0.high) }
    odds += result.byEra.map { SVGChart.Bar(label: "targeted, era \($0.era)", value: $0.estimate.value, low: $0.estimate.low, high: $0.estimate.high) }
    if let oic = result.oic { odds.append(SVGChart.Bar(label: "targeted, OIC", value: oic.value, low: oic.low, high: oic.high)) }
    let span = "\(result.years.lowerBound)–\(result.years.upperBound)"
    return [
      SVGChart.bars(title: "Targeted by a new MID within \(result.window) years, \(span)", yLabel: "share of nation-years", bars: rates),
      SVGChart.bars(
        title: "Odds ratio, small vs multilateral pacts (90% intervals; 1 = equal)", yLabel: "odds ratio", bars: odds, reference: 1),
    ]
  }

  static func points(_ roc: [ROCPoint]) -> [(x: Double, y: Double)] { roc.map { ($0.falsePositiveRate, $0.truePositiveRate) } }

  static func auc(_ value: Double) -> String { value.isFinite ? String(format: "%.3f", value) : "n/a" }

  /// A rule's name for a label: "nearest capitals", but p_form as named elsewhere.
  static func rule(_ name: String) -> String { name == "p_form" ? name : name.replacingOccurrences(of: "_", with: " ") }
}
