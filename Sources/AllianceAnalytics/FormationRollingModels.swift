import AllianceModel

extension FormationFitter {
  /// The formation model for each year of `years`, each fitted on exactly the pair-years
  /// ``model(for:network:options:disputeWindow:accession:)`` would use for that year (outcome
  /// windows ending by the year: no look-ahead), without the accession model. One sample is
  /// built for the last year and each year's fit uses its prefix, warm-started from the
  /// previous year's coefficients. Years without a complete outcome window get no entry.
  /// O(years(sample) · n² · n/64 + years · iterations · rows · p²); parallel over years.
  public static func models(
    for years: ClosedRange<Int>, network: AllianceNetwork, options: FormationOptions = FormationOptions(), disputeWindow: Int = 10,
    threads: Int = 1
  ) throws(LogisticFitError) -> [Int: FormationModel] {
    guard let table = network.dyadYears, table.count > 0 else { return [:] }
    let sample: FormationSample
    do {
      sample = try self.sample(for: years.upperBound, network: network, options: options, disputeWindow: disputeWindow)
    } catch {
      return [:]  // no year of `years` has a complete outcome window
    }
    let p = FormationFeatures.names.count
    // rowsThrough[y − first]: the rows of pair-years ≤ y (the sample is in year order).
    var rowsThrough = [Int](repeating: 0, count: sample.lastYear - sample.firstYear + 1)
    for (row, pair) in sample.pairs.enumerated() { rowsThrough[pair.2 - sample.firstYear] = row + 1 }
    for k in rowsThrough.indices.dropFirst() { rowsThrough[k] = max(rowsThrough[k], rowsThrough[k - 1]) }
    let through = rowsThrough
    let targets = Array(years).filter { min($0, table.lastYear) - options.horizon >= sample.firstYear }
    var result: [Int: FormationModel] = [:]
    var failure: LogisticFitError?
    ParallelLoop.run(count: targets.count, threads: threads) { range -> Result<[(Int, FormationModel)], LogisticFitError> in
      var fitted: [(Int, FormationModel)] = []
      var start: [Double]?
      for index in range {
        let year = targets[index]
        let last = min(year, table.lastYear) - options.horizon
        let rows = through[last - sample.firstYear]
        guard rows > 0 else { continue }
        do throws(LogisticFitError) {
          let fit = try LogisticRegression.fit(
            x: Array(sample.x[0..<(rows * p)]), y: Array(sample.y[0..<rows]), weights: Array(sample.w[0..<rows]),
            names: FormationFeatures.names, penalty: options.penalty, start: start, standardErrors: false)
          start = fit.coefficients
          fitted.append(
            (year, FormationModel(fit: fit, options: options, firstYear: sample.firstYear, lastYear: last, dataset: network.metadata.name, checksum: "", accession: nil)))
        } catch {
          return .failure(error)
        }
      }
      return .success(fitted)
    } merge: { part in
      switch part {
      case .success(let list): for (year, model) in list { result[year] = model }
      case .failure(let error): failure = failure ?? error
      }
    }
    if let failure { throw failure }
    return result
  }
}
