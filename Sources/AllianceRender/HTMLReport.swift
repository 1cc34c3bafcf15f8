import AllianceAnalytics
import AllianceModel
import Foundation
import GraphAlgorithms
import GraphCore

/// What the report covers.
public struct ReportOptions: Sendable {
  public var year: Int
  /// The focal nation (network nation index).
  public var focus: Int
  /// The group with its own section (e.g. `oic`).
  public var group: String = "oic"
  public var parameters = ModelParameters()
  /// Years of the timeline charts (default: the dataset's years, at most the last 80).
  public var timelineYears: ClosedRange<Int>? = nil
  public var threads = 1
  /// The thesis: Monte Carlo draws, margin μ and entrapment ε.
  public var thesisRule = ThesisRule()
  public var entrapment = 0.5
  /// ATOP/COW/MID history for the section "What history says" (`nil`: the section says how
  /// to add it).
  public var history: AllianceNetwork? = nil
  public init(year: Int, focus: Int) {
    self.year = year
    self.focus = focus
  }
}

/// The self-contained HTML report: summary, sortable tables, embedded SVG diagrams and
/// timeline charts, the focus nation's strategy, the group section, parameters and sources.
/// No external URL is loaded: styles, scripts and images are inline.
public enum HTMLReport {
  /// Builds the report. Diagrams go through in-process Graphviz.
  /// - Throws: ``SnapshotError``, ``GraphvizError`` or ``DiagramError``.
  public static func build(_ network: AllianceNetwork, options: ReportOptions) throws -> String {
    let parameters = options.parameters
    let snapshot = try YearSnapshot(network: network, year: options.year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
    let strategic = StrategicNetwork(snapshot: snapshot, network: network)
    guard let focus = snapshot.node(ofNation: options.focus).map({ Int($0) }) else {
      throw DiagramError("the focus \(network.nations[options.focus].name) is not in the \(options.year) snapshot")
    }
    let n = strategic.nodeCount
    let assessment = Assessment(strategic, parameters: parameters)
    let ids = strategic.ids, names = strategic.names
    var page = Page()
    let title = "AllianceGraph report — \(network.metadata.title), \(options.year)"
    page.start(title)

    // Summary.
    let summary = SnapshotSummary(snapshot, network: network)
    let focusAssessment = assessment.nations[focus]
    let search = PartnerSearch(strategic, focus: focus, parameters: parameters)
    let formation = (try? FormationModelStore.model(for: options.year, network: network, disputeWindow: parameters.disputeWindow)) ?? nil
    let thesis = ThesisParameters(model: parameters, entrapment: options.entrapment)
    let comparison = Thesis.compare(
      strategic, source: network, focus: focus, parameters: thesis, model: formation?.model, rule: options.thesisRule, threads: options.threads)
    let rollup = CoverageRollup(name: "system", members: Array(0..<n), assessment: assessment)
    page.section("Summary", id: "summary")
    page.paragraph(
      "\(network.metadata.title) (\(network.metadata.location)), year \(options.year): \(fmt(summary.nations)) nations, \(fmt(summary.obligationPairs)) pairs with a treaty obligation (\(fmt(summary.ties.first { $0.type == .defense }!.count)) defense), \(fmt(summary.tiedPairs - summary.obligationPairs)) further pairs with cooperation channels only, \(fmt(summary.alliances)) alliances in force. \(fmt(rollup.threatened)) nations face threats; \(fmt(rollup.uncovered)) of them are uncovered (CR < 1). \(capabilityStatement(network, strategic))")
    let cutoff = InputFlags.cutoff(for: options.year)
    let stale = (0..<n).filter { (strategic.capabilityYear[$0] ?? .max) < cutoff }
    if !stale.isEmpty {
      page.paragraph(
        "Warning: \(fmt(stale.count)) nation(s) have a capability figure from before \(cutoff): "
          + stale.map { "\(names[$0]) (\(strategic.capabilityYear[$0]!))" }.joined(separator: ", ")
          + ". Their force multipliers and coverage rest on old figures; the column \"inputs flagged\" of each table lists such inputs (hover for details).")
    }
    let verdictText = comparison.contest.map { "\($0.verdict.rawValue) (p_yes \(fmt($0.pYes)))" } ?? "no verdict"
    page.keyValues([
      ("Focus", "\(names[focus]) (\(ids[focus]))"), ("Force multiplier FM", fmt(focusAssessment.fm)), ("E", fmt(focusAssessment.e)),
      ("Synergy SYN", fmt(focusAssessment.syn)), ("Threat pressure Θ", fmt(focusAssessment.theta)), ("Committed defense D", fmt(focusAssessment.d)),
      ("Coverage ratio CR", fmt(focusAssessment.cr)), ("Gap G", fmt(focusAssessment.gap)),
      ("Partnerships as effective as the best alliance option?", "\(verdictText) — \(comparison.reason)"),
    ])

    // Focus section.
    page.section("Focus: \(names[focus])", id: "focus")
    var contributions = Table(id: "contributions", columns: ["partner", "name", "a", "g", "capability", "contribution"])
    for c in assessment.contributions(of: focus, in: strategic).prefix(15) {
      contributions.row([ids[c.partner], names[c.partner], num(c.reach), num(c.decay), num(strategic.capability[c.partner]), num(c.value)])
    }
    page.subsection("Largest contributors to E")
    page.table(contributions)
    // The same recommendation as `alliance recommend`: p_form × value net of entrapment.
    let recommender = AllyRecommender(search, network: strategic, model: formation?.model)
    let picks = recommender.recommend(count: 5, anyPartner: !parameters.compatiblePartners)
    var recommendations = Table(
      id: "recommendations", columns: ["rank", "partner", "name", "p_form", "gap reduction", "FM gain", "threats brought", "value", "expected value", "distance km"])
    for (rank, pick) in picks.enumerated() {
      recommendations.row([
        num(rank + 1), ids[pick.partner], names[pick.partner], pick.pForm.map(num) ?? "", num(pick.gapReduction), num(pick.fmGain),
        pick.threatsBrought.map { ids[$0] }.joined(separator: " "), num(pick.value), pick.expectedValue.map(num) ?? "", num(pick.distance),
      ])
    }
    page.subsection("Recommended new defense partners (p_form × value net of entrapment; incompatible partners left out)")
    page.table(recommendations)
    page.subsection("The thesis: partnership options vs alliance options (as `alliance strategies --focus`)")
    thesisSection(comparison, ids: ids, names: names, rule: options.thesisRule, page: &page)

    // Diagrams.
    let diagramTitle = "\(network.metadata.title), \(options.year)"
    let input = DiagramFactory.input(strategic, snapshot: snapshot, assessment: assessment, parameters: parameters, sizeBy: .capability, colorBy: .bloc, title: diagramTitle)
    var egoOptions = DiagramOptions()
    egoOptions.layout = .ego
    egoOptions.focus = focus
    page.subsection("Ego network of \(names[focus])")
    page.raw(try diagram(input, egoOptions, title: "\(diagramTitle) — \(names[focus])"))

    page.section("Diagrams", id: "diagrams")
    var forceOptions = DiagramOptions()
    forceOptions.focus = focus
    if n > forceOptions.maxNodes { forceOptions.top = forceOptions.maxNodes }
    page.subsection("The network (force-directed; size: capability, colour: bloc)")
    page.raw(try diagram(input, forceOptions, title: diagramTitle))
    var geoOptions = forceOptions
    geoOptions.layout = .geo
    page.subsection("Geographic view (capitals)")
    page.raw(try diagram(input, geoOptions, title: diagramTitle))
    var membershipOptions = DiagramOptions()
    membershipOptions.layout = .alliances
    // One colour meaning in the whole report: bloc, in every diagram.
    page.subsection("Alliance memberships")
    page.raw(try diagram(input, membershipOptions, title: "Alliances in force, \(options.year)"))

    // Tables.
    page.section("Force multipliers", id: "multipliers")
    var multipliers = Table(id: "fm", columns: ["nation", "name", "capability", "cap. year", "E", "FM", "SYN", "partners", "inputs flagged"])
    for i in 0..<n {
      let a = assessment.nations[i]
      let flags = strategic.inputFlags[i]
      multipliers.row(
        [ids[i], names[i], num(a.capability), strategic.capabilityYear[i].map(Cell.year) ?? "", num(a.e), num(a.fm), num(a.syn), num(a.partners), flags.isEmpty ? "" : num(flags.count)],
        titles: flags.isEmpty ? [:] : [8: flags.joined(separator: "; ")])
    }
    page.table(multipliers)

    page.section("Coverage gaps", id: "gaps")
    var gaps = Table(id: "coverage", columns: ["nation", "name", "Θ", "D", "CR", "gap", "uncovered", "threats", "top patron", "patron share", "CR without patron", "inputs flagged"])
    for i in 0..<n where assessment.nations[i].threatCount > 0 {
      let a = assessment.nations[i]
      let flags = strategic.inputFlags[i]
      gaps.row(
        [ids[i], names[i], num(a.theta), num(a.d), num(a.cr), num(a.gap), a.uncovered ? "yes" : "no", strategic.threats(of: i).map { ids[$0] }.joined(separator: " "), a.topPatron.map { ids[$0] } ?? "", a.topPatron == nil ? "" : num(a.topPatronShare), num(a.crWithoutTopPatron), flags.isEmpty ? "" : num(flags.count)],
        titles: flags.isEmpty ? [:] : [11: flags.joined(separator: "; ")])
    }
    page.table(gaps)
    var rollups = Table(id: "rollups", columns: ["region", "nations", "threatened", "uncovered", "total Θ", "total gap", "mean FM"])
    for r in CoverageRollup.byRegion(strategic, assessment) {
      rollups.row([r.name, num(r.nations), num(r.threatened), num(r.uncovered), num(r.theta), num(r.gap), num(r.meanFM)])
    }
    page.subsection("Roll-ups")
    page.table(rollups)

    page.section("Criticality", id: "criticality")
    page.paragraph("Total gap increase Σ ΔG when each nation defects (leaves all its ties); the 25 most critical.")
    var critical = Table(id: "criticality-table", columns: ["rank", "nation", "name", "gap increase", "newly uncovered", "most affected"])
    for (rank, entry) in Criticality.ranking(strategic, assessment, threads: options.threads).prefix(25).enumerated() {
      critical.row([num(rank + 1), ids[entry.nation], names[entry.nation], num(entry.gapIncrease), num(entry.newlyUncovered), entry.mostAffected.map { ids[$0] } ?? ""])
    }
    page.table(critical)

    page.section("Centralities", id: "centralities")
    page.paragraph("On the capability-bearing layer (defense, offense, consultation ties).")
    let graph = DiagramFactory.capabilityGraph(strategic)
    let degree = Degree.degrees(graph)
    let betweenness = Scenario.centrality(strategic, threads: options.threads)
    let eigenvector = (try? SpectralCentrality.eigenvector(graph, maxIterations: 1000)) ?? [Double](repeating: .nan, count: n)
    let pagerank = (try? PageRank.compute(graph).scores) ?? [Double](repeating: .nan, count: n)
    var centralities = Table(id: "centrality", columns: ["nation", "name", "degree", "betweenness", "eigenvector", "PageRank"])
    for i in 0..<n { centralities.row([ids[i], names[i], num(degree[i]), num(betweenness[i]), num(eigenvector[i]), num(pagerank[i])]) }
    page.table(centralities)
    let blocs = BlocStructure(strategic, parameters: parameters, seed: parameters.seed)
    page.paragraph("Blocs (Louvain on the alliance layer): \(blocs.count), modularity \(fmt(blocs.modularity)), Esteban–Ray polarization \(fmt(blocs.polarization)).")

    // Group section.
    if let group = try? network.resolveGroup(options.group, preferring: { snapshot.node(ofNation: $0) != nil }) {
      let members = group.members.compactMap { snapshot.node(ofNation: $0) }.map { Int($0) }.sorted()
      page.section("Group: \(options.group.uppercased()) (\(members.count) members in \(options.year))", id: "group")
      var rows = Table(
        id: "group-table", columns: ["nation", "name", "FM", "CR", "gap", "best partnership", "feasibility", "best alliance", "verdict", "p_yes", "vs NATO", "reason"], wrap: true)
      let result = Thesis.group(
        strategic, source: network, members: members, hasCoordinates: snapshot.latitude.map(\.isFinite), parameters: thesis,
        model: formation?.model, rule: options.thesisRule, threads: options.threads)
      let counts = result.counts
      for member in result.members {
        let i = member.node, a = assessment.nations[i]
        guard case .compared(let c) = member else {
          if case .leftOut(_, let reason) = member { rows.row([ids[i], names[i], num(a.fm), num(a.cr), num(a.gap), "", "", "", "", "", "", reason]) }
          continue
        }
        let p = c.bestPartnership.map { c.options[$0] }, best = c.bestAlliance.map { c.options[$0] }
        rows.row([
          ids[i], names[i], num(a.fm), num(a.cr), num(a.gap), p.map { "\($0.label): \($0.partners.map { ids[$0] }.joined(separator: ", "))" } ?? "",
          p.map { num($0.feasibility) } ?? "", best?.label ?? "", c.contest?.verdict.rawValue ?? "", c.contest.map { num($0.pYes) } ?? "",
          c.versusNATO.map { "\($0.verdict.rawValue) (\(fmt($0.pYes)))" } ?? "", c.reason,
        ])
      }
      page.paragraph(
        "Verdicts over \(fmt(members.count)) members (\(fmt(options.thesisRule.draws)) draws each, margin μ = \(fmt(options.thesisRule.margin))): "
          + "yes \(fmt(counts.yes)), no \(fmt(counts.no)), undecided \(fmt(counts.undecided)), no verdict \(fmt(counts.noVerdict)). "
          + "yes: in at least 80% of the draws the best partnership option reaches (1 − μ) of the best alliance option's measure; no: in at most 20%. "
          + "No verdict: no major alliance held or open to the member without a threat among its members; the vs NATO column still compares with "
          + "\"as if a member of NATO\".")
      page.table(rows)
      var groupOptions = DiagramOptions()
      groupOptions.restrictTo = members
      groupOptions.focus = focus
      groupOptions.types = TieTypeSet([.defense, .offense, .consultation]).union(TieTypeSet(TieType.channels))
      page.subsection("Defense ties and cooperation channels among the members")
      page.raw(try diagram(input, groupOptions, title: "\(options.group.uppercased()): defense ties and cooperation channels, \(options.year)"))
    }

    page.section("What history says", id: "history")
    historySection(options, page: &page)

    // Timelines.
    let span = options.timelineYears ?? (max(network.years.lowerBound, network.years.upperBound - 79)...network.years.upperBound)
    page.section("Timelines \(span.lowerBound)–\(span.upperBound)", id: "timelines")
    let system = try Timeline.system(network, years: span, parameters: parameters, threads: options.threads)
    page.raw("<div class=\"charts\">")
    // The same charts as `alliance timeline --plot` (TimelineCharts).
    for chart in TimelineCharts.system(system) { page.raw(chart) }
    let focusYears = try Timeline.nations(network, years: span, nations: [options.focus], parameters: parameters, threads: options.threads)
    for chart in TimelineCharts.nations(focusYears, names: [options.focus: names[focus]], metrics: ["fm", "cr"]) { page.raw(chart) }
    page.raw("</div>")
    if network.metadata.layout == .project, let first = network.capabilities.compactMap({ $0.years.first }).min(), first > span.lowerBound {
      page.paragraph("The dataset records capability from \(first) on; earlier years use each nation's earliest value, so read the charts as changes in ties and threats, not in capability.")
    }

    // Parameters and sources.
    page.section("Model parameters", id: "parameters")
    var parameterTable = Table(id: "parameter-table", columns: ["parameter", "value"])
    for (key, value) in parameters.entries { parameterTable.row([key, value]) }
    page.table(parameterTable)
    page.section("Data sources", id: "sources")
    var sources = Table(id: "source-table", columns: ["id", "publisher", "title", "date", "address"], wrap: true)
    for source in network.sources { sources.row([source.id, source.publisher, source.title, Cell.unbroken(source.date), Cell.link(source.url ?? "")]) }
    page.table(sources)
    if !snapshot.warnings.isEmpty {
      page.subsection("Data warnings for \(options.year)")
      page.list(snapshot.warnings.map(\.description))
    }
    page.finish()
    return page.html
  }

  /// A rendered diagram as inline SVG (prolog, DOCTYPE and comments removed).
  static func diagram(_ input: DiagramInput, _ options: DiagramOptions, title: String) throws -> String {
    var input = input
    input.title = title
    let source = try AllianceDiagram.build(input, options: options)
    let svg = String(decoding: try source.render(.svg), as: UTF8.self)
    return "<figure class=\"diagram\">" + inlineSVG(svg) + (source.note.map { "<figcaption>\(escape($0))</figcaption>" } ?? "") + "</figure>"
  }

  /// Graphviz SVG made fit for inline use: the XML prolog, DOCTYPE and comments go, and the
  /// fixed width and height give way to the viewBox so the diagram scales to the page.
  /// One pass over the bytes.
  static func inlineSVG(_ svg: String) -> String {
    let bytes = Array(svg.utf8)
    func matches(_ pattern: [UInt8], at i: Int) -> Bool {
      i + pattern.count <= bytes.count && Array(bytes[i..<(i + pattern.count)]) == pattern
    }
    let svgOpen = Array("<svg".utf8), commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    var i = 0
    while i < bytes.count && !matches(svgOpen, at: i) { i += 1 }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    // The opening tag: drop width and height attributes.
    var tagEnd = i
    while tagEnd < bytes.count && bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
    var tag = String(decoding: bytes[i..<tagEnd], as: UTF8.self)
    tag = tag.replacingOccurrences(of: #"\s(width|height)="[^"]*""#, with: "", options: .regularExpression)
    out += Array((tag + " class=\"graphviz\"").utf8)
    i = tagEnd
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "<") && matches(commentOpen, at: i) {
        var j = i + 4
        while j < bytes.count && !matches(commentClose, at: j) { j += 1 }
        i = min(bytes.count, j + 3)
        continue
      }
      out.append(bytes[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The thesis, the coverage scores and the formation model tested on ATOP/COW/MID history,
  /// in plain words and a chart each (the report's four formation test years; the CLI's
  /// `backtest formation` runs twelve).
  static func historySection(_ options: ReportOptions, page: inout Page) {
    guard let history = options.history else {
      page.paragraph(
        "This report was built without historical data. With ATOP, COW and MID data (`alliance report --history DATA`, e.g. the layout of "
          + "`../shared/data`), this section tests the thesis on 1946–2004 (`backtest thesis`) and whether coverage predicts being targeted "
          + "(`backtest coverage`); the README gives the numbers.")
      return
    }
    do {
      let years = 1946...2004
      let observations = try ThesisBacktest.observations(history, years: years, window: 10, threats: .all, threads: options.threads)
      let r = ThesisBacktest.evaluate(
        observations, network: history, years: years, window: 10, threats: .all, resamples: 500, seed: options.parameters.seed, threads: options.threads)
      let p = r.primary
      let rate = { (label: String) in r.rates.first { $0.label == label }?.targetedRate ?? .nan }
      page.subsection("The thesis on history (1946–2004, 10-year window)")
      page.paragraph(
        "Of \(fmt(r.observations)) threatened nation-years, those relying only on 2–3-member pacts were targeted by a new militarized dispute within 10 years "
          + "in \(fmt(100 * rate("small")))% of cases, members of a pact of 4 or more in \(fmt(100 * rate("multilateral")))%, those without any pledge in "
          + "\(fmt(100 * rate("none")))%. With the controls (threats, past disputes, capability, major power, nuclear weapons, territorial threat), the odds "
          + "ratio of small pacts against multilateral ones is \(fmt(p.value)) (90% interval \(fmt(p.low))–\(fmt(p.high)), bootstrap over nations; "
          + "matched \(fmt(p.matched))): \(p.conclusion.rawValue.replacingOccurrences(of: "_", with: " ")). An odds ratio above 1 means small pacts were "
          + "targeted more. States choose their pacts because of their threats: this is an association, not a causal estimate.")
      var bars = ["none", "small", "multilateral"].map { SVGChart.Bar(label: $0 == "small" ? "2–3-member pacts" : $0 == "none" ? "no pledge" : "pact of ≥ 4", value: rate($0)) }
      page.raw("<div class=\"charts\">")
      page.raw(SVGChart.bars(title: "Targeted by a new MID within 10 years", yLabel: "share of nation-years", bars: bars))
      bars = r.outcomes.map { SVGChart.Bar(label: $0.outcome, value: $0.value, low: $0.low, high: $0.high) }
        + r.byEra.map { SVGChart.Bar(label: $0.era, value: $0.estimate.value, low: $0.estimate.low, high: $0.estimate.high) }
      page.raw(SVGChart.bars(title: "Odds ratio, small vs multilateral (90% intervals; 1 = equal)", yLabel: "odds ratio", bars: bars, reference: 1))
      page.raw("</div>")
      let coverageYears = 1950...2004
      let (fitSpan, testSpan) = CoverageBacktest.defaultSpans(coverageYears, window: 10)!
      let fitRows = try Backtest.observations(history, years: fitSpan, window: 10, parameters: options.parameters, threads: options.threads)
      let testRows = try Backtest.observations(history, years: testSpan, window: 10, parameters: options.parameters, threads: options.threads)
      let coverage = Backtest.evaluate(testRows, years: testSpan, window: 10, parameters: options.parameters)
      let models = try CoverageBacktest.compare(
        fit: fitRows, test: testRows, fitYears: fitSpan, testYears: testSpan, resamples: 1000, seed: options.parameters.seed)
      page.subsection("Does coverage predict being targeted? (fit \(fitSpan.lowerBound)–\(fitSpan.upperBound), test \(testSpan.lowerBound)–\(testSpan.upperBound), 10-year window)")
      let rates = coverage.quartiles.map(\.rate)
      let monotone = zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 }
      let adds = models.gain.low > 0
      page.paragraph(
        "On the test span, uncovered threatened nation-years (CR < 1) were targeted \(fmt(coverage.lift.value)) times as often as covered ones (95% "
          + "interval \(fmt(coverage.lift.low))–\(fmt(coverage.lift.high)), bootstrap over nations), and the rates by CR quartile are "
          + (monotone ? "monotone" : "not monotone") + ". A baseline of the threat environment (threat pressure, past disputes, capability, "
          + "territorial threat), fitted on the earlier span, reaches an AUC of \(fmt(models.baselineAUC.value)); adding coverage gives "
          + "\(fmt(models.fullAUC.value)), a difference of \(fmt(models.gain.value)) (\(fmt(models.gain.low)) to \(fmt(models.gain.high))). "
          + (adds
            ? "Coverage adds to the baseline."
            : "Coverage adds nothing measurable to the baseline: read the coverage ratios of this report as a description of commitments, not as a forecast."))
      page.charts(SVGChart.bars(
        title: "Targeted rate by CR quartile (lowest coverage first)", yLabel: "share targeted",
        bars: coverage.quartiles.enumerated().map { SVGChart.Bar(label: "Q\($0.offset + 1)", value: $0.element.rate) }))
      // Who allies: four test years a decade apart, each model fitted with no look-ahead.
      let testYears = [1960, 1970, 1980, 1990]
      let found = try FormationBacktest.cases(history, years: testYears, parameters: options.parameters, threads: options.threads)
      let formation = FormationBacktest.evaluate(found.cases, years: testYears, horizon: 10, resamples: 1000, seed: options.parameters.seed)
      let scores = Dictionary(uniqueKeysWithValues: formation.scores.map { ($0.rule, $0) })
      page.subsection("Does p_form predict who allies? (test years 1960, 1970, 1980, 1990; 10-year window)")
      if let p = scores["p_form"], let near = scores["nearest_capitals"], let random = scores["random"] {
        page.paragraph(
          "Over \(fmt(formation.cases)) focus–candidate cases (\(fmt(formation.hits)) formed a defense or offense pledge within 10 years), the five "
            + "candidates with the highest p_form contain a later pledge partner in \(fmt(100 * p.precisionAt5.value))% of slots (95% interval "
            + "\(fmt(100 * p.precisionAt5.low))–\(fmt(100 * p.precisionAt5.high))%), the five nearest capitals in \(fmt(100 * near.precisionAt5.value))%, "
            + "a random choice in \(fmt(100 * random.precisionAt5.value))%. p_form's AUC is \(fmt(p.auc.value)) against \(fmt(near.auc.value)) for distance "
            + "alone. "
            + (p.precisionAt5.value > near.precisionAt5.value * 1.25
              ? "p_form beats the nearest capitals." : "p_form does not beat the nearest capitals: read it as a plausibility filter, not a forecast."))
      }
      page.charts(
        SVGChart.bars(
          title: "Precision@5 of ranking rules (95% intervals)", yLabel: "precision@5",
          bars: formation.scores.map {
            SVGChart.Bar(label: $0.rule.replacingOccurrences(of: "_", with: " "), value: $0.precisionAt5.value, low: $0.precisionAt5.low, high: $0.precisionAt5.high)
          }))
    } catch {
      page.paragraph("The historical data could not be used: \(error).")
    }
  }

  /// The focus's thesis: the verdict, every option with its feasibility, threats brought and
  /// measures, and what the model does not know.
  static func thesisSection(_ c: ThesisComparison, ids: [String], names: [String], rule: ThesisRule, page: inout Page) {
    if let contest = c.contest {
      page.paragraph(
        "Verdict: <b>\(contest.verdict.rawValue)</b> — p_yes \(escape(fmt(contest.pYes))) with formation drawn (\(escape(fmt(contest.pYesFormed)))"
          + " if every tie forms), over \(fmt(rule.draws)) draws, margin μ = \(escape(fmt(rule.margin))). \(escape(c.reason)).", raw: true)
    } else {
      page.paragraph("No verdict: \(escape(c.reason)).", raw: true)
    }
    if let nato = c.versusNATO {
      page.paragraph("Against \"as if a member of NATO\" (the seed's comparison): \(nato.verdict.rawValue), p_yes \(fmt(nato.pYes)) (\(fmt(nato.pYesFormed)) if every tie forms).")
    }
    var table = Table(
      id: "thesis-options",
      columns: ["option", "kind", "partners", "feasibility", "threats brought", "value", "expected value", "expected measure", "if every tie forms", "P10", "P90", "note"],
      wrap: true)
    for (o, option) in c.options.enumerated() {
      let best = o == c.bestPartnership || o == c.bestAlliance
      let outcome = c.outcomes[o]
      table.row([
        option.label + (best ? " (best)" : ""), option.kind.rawValue,
        option.kind.isPartnership ? option.partners.map { ids[$0] }.joined(separator: ", ") : "\(option.partners.count) members", num(option.feasibility),
        option.threatsBrought.map { ids[$0] }.joined(separator: ", "), num(option.value), num(option.expectedValue), num(outcome.expectedMeasure),
        num(outcome.conditionalMeasure), num(outcome.p10), num(outcome.p90), option.note,
      ])
    }
    page.table(table)
    if !c.trilateralNote.isEmpty { page.paragraph(c.trilateralNote) }
    if !c.excluded.isEmpty { page.paragraph("Major alliances left out: " + c.excluded.joined(separator: "; ") + ".") }
    page.paragraph(
      "What the model does not know: partners' intentions beyond what ATOP history says about who allies (p_form, p_join); nuclear deterrence "
        + "beyond a flag; non-state threats; the deepening δ of exercises, training, intelligence and technology is a prior, not a fitted value, "
        + "so deepening options rest on it. The measure is the gap reduction net of entrapment (threatened focus) or the gain of E net of the gap "
        + "imported threats open; \(names[c.focus])'s options are chosen at the default parameters and compared on the same draws.")
  }

  static func escape(_ text: String) -> String { SVGChart.escape(text) }
}

/// "Capability: milex (million current US$) of 2022 (source cow-nmc); N nations use an older value."
func capabilityStatement(_ network: AllianceNetwork, _ strategic: StrategicNetwork) -> String {
  let m = network.metadata
  var text = "Capability: \(m.capabilityMeasure)\(m.capabilityUnit.isEmpty ? "" : " (\(m.capabilityUnit))")"
  if let year = m.capabilityYear { text += " of \(year)" }
  if let source = m.capabilitySource { text += " (source \(source))" }
  let years = strategic.capabilityYear.compactMap { $0 }
  if let low = years.min(), let high = years.max(), low != high { text += "; the values used range from \(low) to \(high)" }
  return text + "."
}
