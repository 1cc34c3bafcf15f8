import AllianceModel

/// A focal nation's force and coverage under a hypothetical change.
public struct FocalScore: Sendable, Hashable {
  public var e: Double
  public var fm: Double
  public var theta: Double
  public var d: Double
  public var cr: Double
  public var gap: Double
}

/// Evaluates new partnerships for one focal nation fast.
///
/// Every new tie of a bilateral partnership or of joining an alliance touches the focal
/// nation i, so a simple path from i uses at most one of them, as its first hop:
/// a'(i, v) = max(a_H(i, v), r · a_{H−1}(j, v)) over new partners j. The a_{H−1} rows of
/// every nation are computed once (O(n · H · m)); each evaluation is then O(n · partners).
/// Trilateral partnerships also add the tie j–k, which needs one hop-limited search.
public struct PartnerSearch: Sendable {
  public let focus: Int
  public let parameters: ModelParameters
  let network: StrategicNetwork
  let n: Int
  /// a_H(i, ·) and a_def,H(i, ·) of the focal nation.
  let reachRow: [Double]
  let defenseRow: [Double]
  /// a_{H−1}(j, ·), row-major n × n, for the capability and defense layers.
  let shorterReach: [Double]
  let shorterDefense: [Double]
  /// g(d_ij)·C_j for partners j of i (0 for threats and i).
  let weight: [Double]
  /// φ_ij·g(d_ij)·C_j for defenders j of i (shared patrons; 0 for threats and i).
  let defenseWeight: [Double]
  let capabilityGraph: ReliabilityGraph
  let defenseGraph: ReliabilityGraph
  public let base: FocalScore
  /// Whether the focus has threats.
  let threatened: Bool

  public init(_ network: StrategicNetwork, focus: Int, parameters: ModelParameters) {
    self.network = network
    self.focus = focus
    self.parameters = parameters
    n = network.nodeCount
    capabilityGraph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    defenseGraph = ReliabilityGraph(network, layer: ReliabilityGraph.defenseLayer, parameters: parameters)
    reachRow = Reach.from(focus, in: capabilityGraph, hops: parameters.hops)
    defenseRow = Reach.from(focus, in: defenseGraph, hops: parameters.defenseHops)
    // Paths continued from a new partner still avoid the focus's threats.
    shorterReach = PartnerSearch.matrix(capabilityGraph, hops: parameters.hops - 1, owner: focus)
    shorterDefense = PartnerSearch.matrix(defenseGraph, hops: parameters.defenseHops - 1, owner: focus)
    var weight = [Double](repeating: 0, count: network.nodeCount)
    for j in 0..<network.nodeCount where j != focus && !network.isThreat(focus, j) {
      weight[j] = parameters.decayFactor(network.distance[focus * network.nodeCount + j]) * network.capability[j]
    }
    self.weight = weight
    let n = network.nodeCount
    defenseWeight = SharedPatrons.defenseWeights(focus, network: network) { parameters.decayFactor(network.distance[focus * n + $0]) }
    let threats = network.threats(of: focus)
    threatened = !threats.isEmpty
    var theta = 0.0
    for j in threats {
      theta += network.threatWeight(focus, j) * parameters.decayFactor(network.distance[focus * network.nodeCount + j]) * network.capability[j]
    }
    base = PartnerSearch.score(
      focus: focus, capability: network.capability[focus], theta: theta, threatened: threatened,
      reach: reachRow, defense: defenseRow, weight: weight, defenseWeight: defenseWeight)
  }

  static func matrix(_ graph: ReliabilityGraph, hops: Int, owner: Int) -> [Double] {
    guard hops > 0 else {
      var identity = [Double](repeating: 0, count: graph.nodeCount * graph.nodeCount)
      for i in 0..<graph.nodeCount { identity[i * graph.nodeCount + i] = 1 }
      return identity
    }
    return Reach.matrix(graph, hops: hops, avoidingThreatsOf: owner)
  }

  static func score(
    focus: Int, capability: Double, theta: Double, threatened: Bool, reach: [Double], defense: [Double], weight: [Double],
    defenseWeight: [Double]
  ) -> FocalScore {
    var e = capability, d = capability
    for j in weight.indices where weight[j] > 0 {
      e += reach[j] * weight[j]
      d += defense[j] * defenseWeight[j]
    }
    let cr = threatened ? (theta > 0 ? d / theta : .infinity) : .infinity
    return FocalScore(e: e, fm: capability > 0 ? e / capability : .nan, theta: theta, d: d, cr: cr, gap: max(0, theta - d))
  }

  /// The score with new ties from the focal nation to `partners`, each with `types` (in
  /// addition to ties it has).
  /// `terms`: what the new ties carry (a treaty's provisions when joining it).
  public func scoreAdding(partners: [Int], types: TieTypeSet = TieTypeSet(.defense), terms: NewTieTerms = .plain) -> FocalScore {
    var reach = reachRow, defense = defenseRow
    for j in partners where j != focus && !network.isThreat(focus, j) {
      let rCapability = newTieReliability(focus, j, types, ReliabilityGraph.capabilityLayer, terms)
      let rDefense = newTieReliability(focus, j, types, ReliabilityGraph.defenseLayer, terms)
      if rCapability > 0 {
        for v in 0..<n { reach[v] = max(reach[v], rCapability * shorterReach[j * n + v]) }
      }
      if rDefense > 0 {
        for v in 0..<n { defense[v] = max(defense[v], rDefense * shorterDefense[j * n + v]) }
      }
    }
    reach[focus] = 1
    defense[focus] = 1
    return PartnerSearch.score(
      focus: focus, capability: network.capability[focus], theta: base.theta, threatened: threatened,
      reach: reach, defense: defense, weight: weight, defenseWeight: defenseWeight)
  }

  /// r of the tie between `a` and `b` once `types` are added: new obligations at base r₀,
  /// the pair's channels (old and new) deepening it (DESIGN §5).
  func newTieReliability(_ a: Int, _ b: Int, _ types: TieTypeSet, _ layer: TieTypeSet, _ terms: NewTieTerms = .plain) -> Double {
    network.tieReliability(a, b, in: layer, parameters: parameters, adding: types, terms: terms, explain: false).r
  }

  /// The score of a trilateral partnership {focus, j, k} with `types` among all three.
  public func scoreTrilateral(_ j: Int, _ k: Int, types: TieTypeSet = TieTypeSet(.defense)) -> FocalScore {
    var reach: [Double] = [], defense: [Double] = []
    var scratch = ReachScratch()
    let triangle = [(focus, j), (focus, k), (j, k)]
    let capabilityTies = triangle.map { ($0.0, $0.1, newTieReliability($0.0, $0.1, types, ReliabilityGraph.capabilityLayer)) }.filter { $0.2 > 0 }
    let defenseTies = triangle.map { ($0.0, $0.1, newTieReliability($0.0, $0.1, types, ReliabilityGraph.defenseLayer)) }.filter { $0.2 > 0 }
    Reach.from(focus, in: capabilityGraph, hops: parameters.hops, extra: capabilityTies, into: &reach, scratch: &scratch)
    Reach.from(focus, in: defenseGraph, hops: parameters.defenseHops, extra: defenseTies, into: &defense, scratch: &scratch)
    // A j–k pledge to a threat of the focus makes the other partner a shared patron (φ < 1).
    var weights = defenseWeight
    if !types.intersection(ReliabilityGraph.defenseLayer).isEmpty && (network.isThreat(focus, j) || network.isThreat(focus, k)) {
      var pledged = network
      pledged.addTypes(types, j, k)
      weights = SharedPatrons.defenseWeights(focus, network: pledged) { parameters.decayFactor(network.distance[focus * n + $0]) }
    }
    return PartnerSearch.score(
      focus: focus, capability: network.capability[focus], theta: base.theta, threatened: threatened,
      reach: reach, defense: defense, weight: weight, defenseWeight: weights)
  }

  /// Candidates for a new defense partner: not the focus, not already a defense partner,
  /// not a threat.
  public var candidates: [Int] {
    (0..<n).filter { j in
      j != focus && !network.isThreat(focus, j) && !network.types(focus, j).contains(.defense)
        && (!parameters.compatiblePartners || isCompatible(j, with: []))
    }
  }

  /// Whether `j` can join the focus's camp: it is not a threat of a defense partner of the
  /// focus or of a partner in `chosen`, and has no defense tie with a threat of the focus.
  public func isCompatible(_ j: Int, with chosen: [Int]) -> Bool {
    for k in 0..<n where k != focus && k != j {
      let partner = network.types(focus, k).contains(.defense) || chosen.contains(k)
      if partner && network.isThreat(j, k) { return false }
      if network.isThreat(focus, k) && network.types(j, k).contains(.defense) { return false }
    }
    return true
  }
}
