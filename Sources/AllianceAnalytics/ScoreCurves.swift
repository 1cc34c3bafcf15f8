/// One vertex of an ROC curve: the false and true positive rates when every case scoring at
/// least some threshold is called positive.
public struct ROCPoint: Sendable, Hashable {
  public var falsePositiveRate: Double
  public var truePositiveRate: Double
  public init(falsePositiveRate: Double, truePositiveRate: Double) {
    self.falsePositiveRate = falsePositiveRate
    self.truePositiveRate = truePositiveRate
  }
}

/// One bin of a calibration table: the mean predicted probability, the observed rate and
/// the number of cases.
public struct CalibrationBin: Sendable, Hashable {
  public var meanPredicted: Double
  public var observedRate: Double
  public var count: Int
  public init(meanPredicted: Double, observedRate: Double, count: Int) {
    self.meanPredicted = meanPredicted
    self.observedRate = observedRate
    self.count = count
  }
}

/// The curves behind a score's AUC and calibration, for plots.
public enum ScoreCurves {
  /// The ROC curve of `scores` for `labels` (higher score: more likely positive), from
  /// (0, 0) to (1, 1). Tied scores make one step (a diagonal segment), so the trapezoidal
  /// area under the unthinned curve equals ``FormationBacktest/rankAUC(_:_:)``. NaN scores
  /// are left out. Vertices are thinned to about `maxPoints` (one kept when the curve has moved at
  /// least 2/`maxPoints` in FPR + TPR since the last kept one; the ends always stay).
  /// Empty without both classes. O(n log n).
  public static func roc(_ scores: [Double], _ labels: [Bool], maxPoints: Int = 400) -> [ROCPoint] {
    let kept = scores.indices.filter { !scores[$0].isNaN }
    let order = kept.sorted { scores[$0] > scores[$1] }
    let positives = order.filter { labels[$0] }.count, negatives = order.count - positives
    guard positives > 0, negatives > 0 else { return [] }
    let resolution = 2 / Double(max(2, maxPoints))
    var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0)]
    var tp = 0, fp = 0, index = 0
    while index < order.count {
      var end = index
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[index]] { end += 1 }
      for k in index...end {
        if labels[order[k]] { tp += 1 } else { fp += 1 }
      }
      index = end + 1
      let point = ROCPoint(falsePositiveRate: Double(fp) / Double(negatives), truePositiveRate: Double(tp) / Double(positives))
      let last = points[points.count - 1]
      let moved = (point.falsePositiveRate - last.falsePositiveRate) + (point.truePositiveRate - last.truePositiveRate)
      if moved >= resolution || index == order.count { points.append(point) }
    }
    return points
  }

  /// The area under `points` by the trapezoidal rule (for checks; the backtests report
  /// ``FormationBacktest/rankAUC(_:_:)``). O(points).
  public static func area(_ points: [ROCPoint]) -> Double {
    zip(points, points.dropFirst()).reduce(0) { sum, pair in
      sum + (pair.1.falsePositiveRate - pair.0.falsePositiveRate) * (pair.0.truePositiveRate + pair.1.truePositiveRate) / 2
    }
  }

  /// `bins` equal-count bins of the cases sorted by predicted probability (as the formation
  /// backtest's deciles): mean prediction, observed rate and count; empty bins are left
  /// out, as are NaN predictions. O(n log n).
  public static func calibration(_ predicted: [Double], _ labels: [Bool], bins: Int = 10) -> [CalibrationBin] {
    let order = predicted.indices.filter { !predicted[$0].isNaN }.sorted { predicted[$0] < predicted[$1] }
    let bins = max(1, bins)
    var result: [CalibrationBin] = []
    for b in 0..<bins {
      let slice = order[(b * order.count / bins)..<((b + 1) * order.count / bins)]
      guard !slice.isEmpty else { continue }
      let mean = slice.map { predicted[$0] }.reduce(0, +) / Double(slice.count)
      let rate = Double(slice.filter { labels[$0] }.count) / Double(slice.count)
      result.append(CalibrationBin(meanPredicted: mean, observedRate: rate, count: slice.count))
    }
    return result
  }
}
