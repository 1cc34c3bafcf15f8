import AllianceModel

/// The force multiplier, synergy and coverage of one nation (DESIGN §6).
public struct NationAssessment: Sendable, Hashable {
  /// C_i.
  public var capability: Double
  public var capabilityKnown: Bool
  /// E_i = C_i + Σ_{j≠i, j∉T_i} a(i,j)·g(d_ij)·C_j.
  public var e: Double
  /// FM_i = E_i / C_i; NaN (undefined) when C_i = 0.
  public var fm: Double
  /// SYN_i = S_i / C_i² (Lanchester square law); NaN when C_i = 0.
  public var syn: Double
  /// Θ_i = Σ_{j∈T_i} w_ij·g(d_ij)·C_j (w: the threat's intensity).
  public var theta: Double
  /// D_i = C_i + Σ_{k∉T_i} φ_ik·a_def(i,k)·g(d_ik)·C_k (φ: shared patrons; a_def over
  /// `defenseHops`, direct obligations by default).
  public var d: Double
  /// CR_i = D_i / Θ_i; +∞ with no threats.
  public var cr: Double
  /// G_i = max(0, Θ_i − D_i).
  public var gap: Double
  /// T_i ≠ ∅ and CR_i < 1.
  public var uncovered: Bool
  public var threatCount: Int
  /// Partners that add capability (a(i,j)·g·C_j > 0).
  public var partners: Int
  /// The largest defender and its share of D_i − C_i; CR_i without it.
  public var topPatron: Int?
  public var topPatronShare: Double
  public var crWithoutTopPatron: Double
  /// topPatronShare ≥ the dependence threshold.
  public var dependent: Bool
}

/// A partner's contribution a(i,j)·g(d_ij)·C_j to E_i, with the path it takes and the r
/// of each hop (and why).
public struct Contribution: Sendable, Hashable {
  public var partner: Int
  public var reach: Double
  public var decay: Double
  public var value: Double
  /// Nodes from i to the partner (`[i, …, j]`).
  public var path: [Int]
  /// The reliability of each hop of the path.
  public var hops: [TieReliability]
}

/// The reach matrices and assessments of every nation of a network.
public struct Assessment: Sendable {
  public let parameters: ModelParameters
  public let nations: [NationAssessment]
  /// a(i, j) and a_def(i, j), row-major n × n.
  public let reach: [Double]
  public let defenseReach: [Double]
  /// g(d_ij), row-major.
  public let decay: [Double]
  public let nodeCount: Int

  /// Assesses every nation. O(n · H · m + n² + n · |κ pairs|).
  public init(_ network: StrategicNetwork, parameters: ModelParameters) {
    self.parameters = parameters
    let n = network.nodeCount
    nodeCount = n
    let capabilityGraph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let defenseGraph = ReliabilityGraph(network, layer: ReliabilityGraph.defenseLayer, parameters: parameters)
    reach = Reach.matrix(capabilityGraph, hops: parameters.hops)
    defenseReach = Reach.matrix(defenseGraph, hops: parameters.defenseHops)
    decay = network.distance.map { parameters.decayFactor($0) }
    let kappaPairs = KappaPairs(network, parameters: parameters)
    var scratch = ReachScratch()
    var row: [Double] = []
    var result: [NationAssessment] = []
    result.reserveCapacity(n)
    for i in 0..<n {
      result.append(
        Assessment.assess(
          i, network: network, parameters: parameters, reach: reach, defenseReach: defenseReach, decay: decay,
          kappaPairs: kappaPairs, defenseGraph: defenseGraph, row: &row, scratch: &scratch))
    }
    nations = result
  }

  /// The contributions to E_i, largest first (partners with a positive contribution only),
  /// each with its path and the reliability of every hop. O(H · m + n · H).
  public func contributions(of i: Int, in network: StrategicNetwork) -> [Contribution] {
    let n = nodeCount
    let graph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let (_, paths) = Reach.paths(from: i, in: graph, hops: parameters.hops)
    var list: [Contribution] = []
    for j in 0..<n where j != i && !network.isThreat(i, j) {
      let value = reach[i * n + j] * decay[i * n + j] * network.capability[j]
      guard value > 0 else { continue }
      let path = paths[j]
      let hops = zip(path, path.dropFirst()).map {
        network.tieReliability($0.0, $0.1, in: ReliabilityGraph.capabilityLayer, parameters: parameters)
      }
      list.append(Contribution(partner: j, reach: reach[i * n + j], decay: decay[i * n + j], value: value, path: path, hops: hops))
    }
    return list.sorted { $0.value != $1.value ? $0.value > $1.value : $0.partner < $1.partner }
  }

  static func assess(
    _ i: Int, network: StrategicNetwork, parameters: ModelParameters, reach: [Double], defenseReach: [Double],
    decay: [Double], kappaPairs: KappaPairs, defenseGraph: ReliabilityGraph, row: inout [Double], scratch: inout ReachScratch
  ) -> NationAssessment {
    let n = network.nodeCount
    let c = network.capability
    let ci = c[i]
    var e = ci, theta = 0.0, d = ci
    var partners = 0, threats = 0
    var patron: Int? = nil
    var patronValue = 0.0
    var x = [Double](repeating: 0, count: n)  // a_ij · N_j for synergy
    x[i] = ci
    let defenseWeight = SharedPatrons.defenseWeights(i, network: network) { decay[i * n + $0] }
    for j in 0..<n where j != i {
      let g = decay[i * n + j]
      if network.isThreat(i, j) {
        threats += 1
        theta += network.threatWeight(i, j) * g * c[j]
        continue
      }
      let contribution = reach[i * n + j] * g * c[j]
      if contribution > 0 {
        partners += 1
        e += contribution
        x[j] = contribution
      }
      let defended = defenseReach[i * n + j] * defenseWeight[j]
      d += defended
      if defended > patronValue {
        patronValue = defended
        patron = j
      }
    }
    var s = 0.0
    for j in 0..<n { s += x[j] * x[j] }
    s += 2 * kappaPairs.weightedSum(x)
    let cr = threats == 0 ? Double.infinity : (theta > 0 ? d / theta : .infinity)
    let share = d - ci > 0 ? patronValue / (d - ci) : 0
    var crWithout = cr
    if let patron, threats > 0 {
      Reach.from(i, in: defenseGraph, hops: parameters.defenseHops, excluding: patron, into: &row, scratch: &scratch)
      var dWithout = ci
      for j in 0..<n where j != i && j != patron { dWithout += row[j] * defenseWeight[j] }
      crWithout = theta > 0 ? dWithout / theta : .infinity
    }
    return NationAssessment(
      capability: ci, capabilityKnown: network.capabilityKnown[i], e: e, fm: ci > 0 ? e / ci : .nan,
      syn: ci > 0 ? s / (ci * ci) : .nan, theta: theta, d: d, cr: cr, gap: max(0, theta - d),
      uncovered: threats > 0 && cr < 1, threatCount: threats, partners: partners, topPatron: patron,
      topPatronShare: share, crWithoutTopPatron: crWithout, dependent: share >= parameters.dependenceThreshold && patron != nil)
  }
}

/// The pairs (j < k) with interoperability κ_jk > 0.
struct KappaPairs: Sendable {
  var first: [Int32] = []
  var second: [Int32] = []
  var kappa: [Double] = []

  init(_ network: StrategicNetwork, parameters: ModelParameters) {
    let n = network.nodeCount
    for j in 0..<n {
      for k in (j + 1)..<max(j + 1, n) {
        let value = network.kappa(j, k, parameters)
        if value > 0 {
          first.append(Int32(j))
          second.append(Int32(k))
          kappa.append(value)
        }
      }
    }
  }

  /// Σ_{j<k} κ_jk x_j x_k.
  func weightedSum(_ x: [Double]) -> Double {
    var sum = 0.0
    for p in kappa.indices {
      let a = x[Int(first[p])], b = x[Int(second[p])]
      if a != 0 && b != 0 { sum += kappa[p] * a * b }
    }
    return sum
  }
}
