import AllianceAnalytics

/// The timeline charts of the report and of `alliance timeline --plot`: line charts of
/// ``Timeline/system(_:years:parameters:threads:)`` and ``Timeline/nations(_:years:nations:parameters:threads:)``
/// rows, one SVG string each (``SVGChart/line(title:yLabel:series:width:height:)``).
public enum TimelineCharts {
  /// The system measures by their `timeline --metric` names.
  public static let systemMetrics = ["nations", "defense_pairs", "threatened", "uncovered", "total_gap", "mean_fm", "mean_s", "blocs", "modularity", "polarization"]
  /// The report's system charts: threatened and uncovered nations; polarization and mean S.
  public static let reportSystemMetrics = ["threatened", "uncovered", "polarization", "mean_s"]
  /// The nation measures by their `timeline --metric` names.
  public static let nationMetrics = ["e", "fm", "syn", "theta", "d", "cr", "gap", "uncovered", "partners"]

  /// Measures of one unit share a chart: the metrics in drawing order and the y label.
  static let systemGroups: [(metrics: [String], yLabel: String)] = [
    (["threatened", "uncovered"], "nations"), (["polarization", "mean_s", "modularity"], "index"), (["nations"], "nations"),
    (["defense_pairs"], "pairs"), (["total_gap"], "gap"), (["mean_fm"], "FM"), (["blocs"], "blocs"),
  ]

  /// One chart per group of `metrics` (unknown names are ignored) in a fixed order:
  /// threatened and uncovered nations; polarization, mean S and modularity (indices); the
  /// nations; defense pairs; the total gap; mean FM; blocs. The default is the report's two.
  /// O(rows · metrics).
  public static func system(_ rows: [SystemYear], metrics: [String] = reportSystemMetrics) -> [String] {
    let chosen = Set(metrics)
    var charts: [String] = []
    for group in systemGroups {
      let drawn = group.metrics.filter(chosen.contains)
      guard !drawn.isEmpty else { continue }
      let series = drawn.map { metric in
        SVGChart.Series(name: seriesName(metric), points: rows.map { (Double($0.year), value(metric, $0)) })
      }
      charts.append(SVGChart.line(title: systemTitle(drawn), yLabel: group.yLabel, series: series))
    }
    return charts
  }

  /// One chart per metric of `metrics` (in the order of ``nationMetrics``; unknown names are
  /// ignored), one line per nation. `names` maps a network nation index to its name (the
  /// index is printed when missing). With one nation the title names it and the series is
  /// the measure, as in the report. O(rows · nations · metrics).
  public static func nations(_ rows: [NationYear], names: [Int: String], metrics: [String] = ["fm", "cr"]) -> [String] {
    var nations: [Int] = []
    for row in rows where !nations.contains(row.nation) { nations.append(row.nation) }
    let chosen = Set(metrics)
    var charts: [String] = []
    for metric in nationMetrics where chosen.contains(metric) {
      let (long, short) = nationLabels[metric]!
      let series = nations.map { nation in
        SVGChart.Series(
          name: nations.count == 1 ? short : names[nation] ?? "nation \(nation)",
          points: rows.filter { $0.nation == nation }.map { (Double($0.year), value(metric, $0.assessment)) })
      }
      let title = nations.count == 1 ? "\(names[nations[0]] ?? "nation \(nations[0])"): \(long)" : capitalized(long)
      charts.append(SVGChart.line(title: title, yLabel: short, series: series))
    }
    return charts
  }

  static let nationLabels: [String: (long: String, short: String)] = [
    "e": ("effective capability E", "E"), "fm": ("force multiplier FM", "FM"), "syn": ("synergy SYN", "SYN"),
    "theta": ("threat pressure Θ", "Θ"), "d": ("committed defense D", "D"), "cr": ("coverage ratio CR (finite years)", "CR"),
    "gap": ("coverage gap G", "G"), "uncovered": ("uncovered (1: CR < 1 under threat)", "uncovered"), "partners": ("partners adding capability", "partners"),
  ]

  static func seriesName(_ metric: String) -> String {
    switch metric {
    case "mean_s": "mean S"
    case "defense_pairs": "defense pairs"
    case "total_gap": "total gap"
    case "mean_fm": "mean FM"
    default: metric
    }
  }

  static func systemTitle(_ drawn: [String]) -> String {
    let phrases: [String: String] = [
      "threatened": "threatened", "uncovered": "uncovered", "polarization": "bloc polarization (Esteban–Ray)", "mean_s": "mean similarity S",
      "modularity": "bloc modularity", "nations": "nations in the system", "defense_pairs": "defense pairs", "total_gap": "total coverage gap",
      "mean_fm": "mean force multiplier FM", "blocs": "blocs (Louvain)",
    ]
    // With modularity too, "bloc" goes from polarization so the title fits the chart.
    let parts = drawn.map { $0 == "polarization" && drawn.contains("modularity") ? "polarization (Esteban–Ray)" : phrases[$0]! }
    let joined = parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    return capitalized(drawn.contains("threatened") || drawn.contains("uncovered") ? joined + " nations" : joined)
  }

  static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

  static func value(_ metric: String, _ r: SystemYear) -> Double {
    switch metric {
    case "nations": Double(r.nations)
    case "defense_pairs": Double(r.defensePairs)
    case "threatened": Double(r.threatened)
    case "uncovered": Double(r.uncovered)
    case "total_gap": r.totalGap
    case "mean_fm": r.meanFM
    case "mean_s": r.meanSimilarity
    case "blocs": Double(r.blocs)
    case "modularity": r.modularity
    default: r.polarization
    }
  }

  static func value(_ metric: String, _ a: NationAssessment) -> Double {
    switch metric {
    case "e": a.e
    case "fm": a.fm
    case "syn": a.syn
    case "theta": a.theta
    case "d": a.d
    case "cr": a.cr
    case "gap": a.gap
    case "uncovered": a.uncovered ? 1 : 0
    default: Double(a.partners)
    }
  }
}
