import AllianceModel

/// Builds the feasible options of the thesis for one focal nation (DESIGN §6).
public struct ThesisOptionBuilder: Sendable {
  public let network: StrategicNetwork
  public let source: AllianceNetwork
  public let focus: Int
  public let parameters: ThesisParameters
  public let model: FormationModel?
  public let anyPartner: Bool
  /// The recommender on the present network (its partner search and formation context).
  public let present: AllyRecommender
  /// The seed's cooperation mechanisms a deepened pact adds.
  public static let deepeningChannels = TieTypeSet([.exercise, .training, .intelligence, .technology])

  public init(_ network: StrategicNetwork, source: AllianceNetwork, focus: Int, parameters: ThesisParameters, model: FormationModel?) {
    self.network = network
    self.source = source
    self.focus = focus
    self.parameters = parameters
    self.model = model
    anyPartner = !parameters.model.compatiblePartners
    present = AllyRecommender(PartnerSearch(network, focus: focus, parameters: parameters.model), network: network, model: model, entrapment: parameters.entrapment)
  }

  /// Whether alliance `index` in force is major: the dataset's flag (project datasets), or,
  /// in ATOP years, a pact of at least 4 members, NATO (ATOP 3180) or ANZUS (3215).
  public func isMajor(_ index: Int) -> Bool {
    let alliance = network.alliances[index]
    guard !alliance.obligations.intersection(ReliabilityGraph.capabilityLayer).isEmpty else { return false }
    let dataset = source.alliances.first { $0.id == alliance.id }
    if source.metadata.layout == .project { return dataset?.major ?? false }
    if let atop = dataset?.atopID, ThesisOptionBuilder.namedAlliances.contains(where: { $0.1 == atop }) { return true }
    return alliance.members.count >= 4
  }

  /// The alliances the users name, by their ATOP id.
  public static let namedAlliances: [(String, Int)] = [("NATO", 3180), ("ANZUS", 3215)]

  /// The alliance in force named `name` (NATO, ANZUS): by project id or by ATOP id.
  public func named(_ name: String) -> Int? {
    guard let atop = ThesisOptionBuilder.namedAlliances.first(where: { $0.0 == name })?.1 else { return nil }
    return network.alliances.indices.first { index in
      let id = network.alliances[index].id
      return id == name.lowercased() || source.alliances.first { $0.id == id }?.atopID == atop && source.metadata.layout != .project
    }
  }

  /// The recommender on `baseline`.
  func recommender(_ baseline: StrategicNetwork) -> AllyRecommender {
    AllyRecommender(PartnerSearch(baseline, focus: focus, parameters: parameters.model), network: baseline, model: model, entrapment: parameters.entrapment)
  }

  /// The ties from the focus to `partners` with recipes in `network` after adding `types`.
  func ties(
    in network: StrategicNetwork, to partners: [Int], adding types: TieTypeSet, terms: NewTieTerms = .plain, events: [Int: Int] = [:], shock: OptionTie.Shock
  ) -> [OptionTie] {
    partners.map { k in
      OptionTie(
        a: focus, b: k, capability: TieRecipe(network, focus, k, in: ReliabilityGraph.capabilityLayer, adding: types, terms: terms),
        defense: TieRecipe(network, focus, k, in: ReliabilityGraph.defenseLayer, adding: types, terms: terms), event: events[k], shock: shock)
    }
  }

  // MARK: Alliance options

  /// The membership of the focus in major alliance `index`, valued by what the focus loses
  /// without it: the baseline is the network without that membership.
  public func heldMembership(_ index: Int) -> (option: ThesisOption, baseline: StrategicNetwork, recommender: AllyRecommender) {
    var baseline = network
    baseline.leave(focus, alliance: index)
    let alliance = network.alliances[index]
    let members = alliance.members.filter { $0 != focus }
    let recommender = recommender(baseline)
    let present = self.present.search.base
    let (added, brought) = recommender.entrapment(members) { k in network.reliability(focus, k, in: ReliabilityGraph.defenseLayer, parameters: parameters.model) }
    let value = recommender.value(of: present, entrapment: added)
    let ties = members.map { k in
      OptionTie(
        a: focus, b: k, capability: TieRecipe(network, focus, k, in: ReliabilityGraph.capabilityLayer),
        defense: TieRecipe(network, focus, k, in: ReliabilityGraph.defenseLayer), event: nil, shock: treatyShock(index))
    }
    let option = ThesisOption(
      kind: .membership, label: "membership in \(shortName(index))", partners: members, alliance: index, allianceID: alliance.id, allianceName: shortName(index), feasibility: 1,
      events: [], ties: ties, threatsBrought: brought, value: value, expectedValue: value, note: "held: valued by what \(network.names[focus]) loses without it")
    return (option, baseline, recommender)
  }

  /// Joining alliance `index` on `baseline` with probability `pJoin` (1 for a hypothetical
  /// membership): ties of its obligations to every member on the treaty's terms.
  public func joining(
    _ index: Int, on baseline: StrategicNetwork, recommender: AllyRecommender, pJoin: Double, kind: ThesisOption.Kind, note: String
  ) -> ThesisOption {
    let alliance = baseline.alliances[index]
    let members = alliance.members.filter { $0 != focus && !baseline.isThreat(focus, $0) }
    let terms = baseline.joinTerms(alliance: index)
    let score = recommender.search.scoreAdding(partners: members, types: alliance.obligations, terms: terms)
    let (added, brought) = recommender.entrapment(members, types: alliance.obligations, terms: terms)
    let value = recommender.value(of: score, entrapment: added)
    let event = FormationEvent(probability: pJoin, key: ThesisSimulation.key(4, UInt64(index)))
    let events = kind == .join ? [Int: Int](uniqueKeysWithValues: members.map { ($0, 0) }) : [:]
    let label = kind == .join ? "join \(shortName(index))" : "as if a member of \(shortName(index))"
    return ThesisOption(
      kind: kind, label: label, partners: members, alliance: index, allianceID: alliance.id, allianceName: shortName(index), feasibility: kind == .join ? pJoin : 1,
      events: kind == .join ? [event] : [], ties: ties(in: baseline, to: members, adding: alliance.obligations, terms: terms, events: events, shock: treatyShock(index)),
      threatsBrought: brought, value: value, expectedValue: (kind == .join ? pJoin : 1) * value, note: note)
  }

  func treatyShock(_ index: Int) -> OptionTie.Shock {
    let id = network.alliances[index].id
    let treaty = network.obligationSources.values.lazy.flatMap { $0 }.first { $0.origin == id }?.alliance
    return treaty.map { .treaty($0) } ?? .newTreaty
  }

  /// A short name: the dataset's id in capitals for project datasets (NATO, GCC-JDA), the
  /// names the users use for NATO and ANZUS, the ATOP name otherwise.
  public func shortName(_ index: Int) -> String {
    let alliance = network.alliances[index]
    if let atop = source.alliances.first(where: { $0.id == alliance.id })?.atopID, source.metadata.layout != .project,
      let named = ThesisOptionBuilder.namedAlliances.first(where: { $0.1 == atop })
    {
      return named.0
    }
    return source.metadata.layout == .project ? alliance.id.uppercased() : alliance.name
  }

  /// The alliance options on the present network: each major membership held, and joining
  /// each eligible major alliance without a threat among its members (p_join > 0), with the
  /// reasons the others are left out. Without an accession model p_join is taken as 1 and
  /// said so.
  public func allianceOptions() -> (options: [(option: ThesisOption, baseline: (StrategicNetwork, AllyRecommender)?)], excluded: [String]) {
    let context = present.context
    var options: [(option: ThesisOption, baseline: (StrategicNetwork, AllyRecommender)?)] = []
    var excluded: [String] = []
    for index in network.alliances.indices where isMajor(index) {
      let alliance = network.alliances[index]
      if alliance.members.contains(focus) {
        let held = heldMembership(index)
        options.append((held.option, (held.baseline, held.recommender)))
        continue
      }
      let sourceIndex = source.alliances.firstIndex { $0.id == alliance.id }
      if let accession = model?.accession {
        let estimate = accession.estimate(focus, alliance: index, strategic: network, network: source, context: context)
        guard let p = estimate.probability, p > 0 else {
          excluded.append("\(shortName(index)): \(estimate.reason)")
          continue
        }
        options.append((joining(index, on: network, recommender: present, pJoin: p, kind: .join, note: "eligible; p_join from the accession model"), nil))
      } else {
        guard AccessionRules.isEligible(focus, alliance: alliance, allianceIndex: sourceIndex, strategic: network, network: source) else {
          excluded.append("\(shortName(index)): not eligible")
          continue
        }
        let threats = alliance.members.filter { network.isThreat(focus, $0) }
        guard threats.isEmpty else {
          excluded.append("\(shortName(index)): holds a threat: \(threats.map { network.ids[$0] }.joined(separator: ", "))")
          continue
        }
        options.append((joining(index, on: network, recommender: present, pJoin: 1, kind: .join, note: "eligible; no accession model: p_join taken as 1"), nil))
      }
    }
    return (options, excluded)
  }

  // MARK: Partnership options

  /// The partnership options on `baseline`: 1, 2 and 3 new bilateral ties (greedy by
  /// expected value), the best trilateral pact from the top candidates, and deepening the
  /// focus's existing small pacts with the seed's channels.
  public func partnershipOptions(on baseline: StrategicNetwork, recommender: AllyRecommender) -> (options: [ThesisOption], trilateralNote: String) {
    var options: [ThesisOption] = []
    let picks = recommender.recommend(count: 3, ranking: .expected, anyPartner: anyPartner)
    var events: [FormationEvent] = []
    var eventOf: [Int: Int] = [:]
    var value = 0.0, expected = 0.0
    for (count, pick) in picks.enumerated() {
      eventOf[pick.partner] = events.count
      events.append(FormationEvent(probability: pick.pForm ?? 1, key: ThesisSimulation.key(2, UInt64(pick.partner))))
      value += pick.value
      expected += (pick.pForm ?? 1) * pick.value
      let partners = picks.prefix(count + 1).map(\.partner)
      options.append(
        ThesisOption(
          kind: .bilateral, label: "\(count + 1) bilateral", partners: partners, alliance: nil, allianceID: nil, allianceName: nil,
          feasibility: events.map(\.probability).reduce(1, *), events: events,
          ties: ties(in: baseline, to: partners, adding: TieTypeSet(.defense), events: eventOf, shock: .alone),
          threatsBrought: picks.prefix(count + 1).flatMap(\.threatsBrought), value: value, expectedValue: expected,
          note: picks.prefix(count + 1).contains { !$0.incompatibility.isEmpty } ? "includes an incompatible partner (--any-partner)" : ""))
    }
    var note = ""
    if let trilateral = trilateral(recommender, on: baseline) {
      options.append(trilateral.option)
      note = trilateral.note
    }
    if let deepening = deepening(recommender, on: baseline) { options.append(deepening) }
    return (options, note)
  }

  /// The best trilateral pact {focus, j, k} over pairs of the top candidates by expected
  /// value; feasibility p_form(i,j)·p_form(i,k)·p_form(j,k) (1 for a pair already pledged).
  func trilateral(_ recommender: AllyRecommender, on baseline: StrategicNetwork) -> (option: ThesisOption, note: String)? {
    let pForm = recommender.formationProbabilities()
    let pool = recommender.ranked(after: [], ranking: .expected, anyPartner: anyPartner, pForm: pForm).prefix(parameters.model.trilateralPool).map(\.partner)
    let context = recommender.context
    var best: (option: ThesisOption, j: Int, k: Int)?
    for a in pool.indices {
      for b in pool.indices where b > a {
        let j = pool[a], k = pool[b]
        if baseline.isThreat(j, k) { continue }
        if !anyPartner && !recommender.incompatibility(k, chosen: [j]).isEmpty { continue }
        let pjk = baseline.defends(j, k) ? 1 : (model?.probability(j, k, in: context) ?? 1)
        let p = (pForm[j] ?? 1) * (pForm[k] ?? 1) * pjk
        let score = recommender.search.scoreTrilateral(j, k)
        let (added, brought) = recommender.entrapment([j, k])
        let value = recommender.value(of: score, entrapment: added)
        guard value > 1e-12 || score.e - recommender.search.base.e - added > 1e-12 else { continue }
        var ties = ties(in: baseline, to: [j, k], adding: TieTypeSet(.defense), events: [j: 0, k: 0], shock: .newTreaty)
        ties.append(
          OptionTie(
            a: j, b: k, capability: TieRecipe(baseline, j, k, in: ReliabilityGraph.capabilityLayer, adding: TieTypeSet(.defense)),
            defense: TieRecipe(baseline, j, k, in: ReliabilityGraph.defenseLayer, adding: TieTypeSet(.defense)), event: 0, shock: .newTreaty))
        let option = ThesisOption(
          kind: .trilateral, label: "trilateral", partners: [j, k], alliance: nil, allianceID: nil, allianceName: nil, feasibility: p,
          events: [FormationEvent(probability: p, key: ThesisSimulation.key(3, UInt64(j * baseline.nodeCount + k)))], ties: ties,
          threatsBrought: brought, value: value, expectedValue: p * value, note: "")
        if best == nil || option.expectedValue > best!.option.expectedValue + 1e-12 { best = (option, j, k) }
      }
    }
    guard var best else { return nil }
    // What the pact adds over two bilateral ties with the same partners (DESIGN §6).
    let pair = recommender.evaluate([best.j, best.k])
    let extra = best.option.value - pair.value
    let ids = baseline.names
    var note = "trilateral \(ids[best.j])+\(ids[best.k]): with committed defense over direct obligations (H_D = \(parameters.model.defenseHops)) it gives "
      + "\(ids[focus])'s D what bilateral ties with \(ids[best.j]) and \(ids[best.k]) give"
    note += extra > 1e-9 ? String(format: "; its %.3g more comes from the %@–%@ tie adding reach to E (H ≥ 2)", extra, ids[best.j], ids[best.k]) : "; it adds nothing over them here"
    note += "; it is less likely to form (p_form of all three pairs) and, with --common-shock, fails as one treaty; κ and institutionalisation are not in the measure"
    best.option.note = "its advantage over two bilateral ties comes only from the j–k tie (E), not from D"
    return (best.option, note)
  }

  /// Deepening every existing capability-bearing tie of the focus that no major alliance
  /// gives (its bilateral ties and 2–3-member pacts, not with a threat) with exercise,
  /// training, intelligence and technology channels. Always feasible.
  func deepening(_ recommender: AllyRecommender, on baseline: StrategicNetwork) -> ThesisOption? {
    let n = baseline.nodeCount
    let majorIDs = Set(network.alliances.indices.filter { isMajor($0) }.map { network.alliances[$0].id })
    let sizes = Dictionary(baseline.alliances.map { ($0.id, $0.members.count) }, uniquingKeysWith: max)
    var partners: [Int] = []
    for k in 0..<n where k != focus && !baseline.isThreat(focus, k) && !baseline.types(focus, k).intersection(ReliabilityGraph.capabilityLayer).isEmpty {
      let sources = baseline.qualifiedSources(focus, k)
      let small = sources.allSatisfy { source in
        !majorIDs.contains(source.origin) && (sizes[source.origin].map { $0 <= 3 } ?? true)
      }
      if small { partners.append(k) }
    }
    guard !partners.isEmpty else { return nil }
    let channels = ThesisOptionBuilder.deepeningChannels
    let score = recommender.search.scoreAdding(partners: partners, types: channels)
    let value = recommender.value(of: score, entrapment: 0)
    let ties = partners.map { k in
      OptionTie(
        a: focus, b: k, capability: TieRecipe(baseline, focus, k, in: ReliabilityGraph.capabilityLayer).deepened(by: channels),
        defense: TieRecipe(baseline, focus, k, in: ReliabilityGraph.defenseLayer).deepened(by: channels), event: nil, shock: .alone)
    }
    return ThesisOption(
      kind: .deepening, label: "deepen \(partners.count) small pact\(partners.count == 1 ? "" : "s")", partners: partners, alliance: nil, allianceID: nil, allianceName: nil,
      feasibility: 1, events: [], ties: ties, threatsBrought: [], value: value, expectedValue: value,
      note: "exercise, training, intelligence, technology on existing ties; δ_c is a prior")
  }
}
