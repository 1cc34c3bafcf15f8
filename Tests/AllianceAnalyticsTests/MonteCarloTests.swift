import AllianceModel
import Foundation
import GraphCore
import Testing

@testable import AllianceAnalytics

@Suite struct MonteCarloTests {
  /// Star around F (C = 1): L1, L2, L3 (C = 1, defense), K (C = 5, consultation); T (2.5) threatens F.
  func star() throws -> StrategicNetwork {
    var world = MiniWorld()
    world.nation("F", lon: 0, capability: 1)
    for id in ["L1", "L2", "L3"] { world.nation(id, lon: 0, capability: 1) }
    world.nation("K", lon: 0, capability: 5)
    world.nation("T", lon: 0, capability: 2.5)
    for id in ["L1", "L2", "L3"] { world.tie("F", id, "defense") }
    world.tie("F", "K", "consultation")
    world.threat("F", "T")
    return try world.network()
  }

  @Test func directTiesConvergeToTheAnalyticExpectation() throws {
    let network = try star()
    var parameters = noDecay()
    parameters.hops = 1
    parameters.draws = 20_000
    parameters.seed = 2024
    let f = network("F")
    let analytic = Assessment(network, parameters: parameters).nations[f]
    // E_F = 1 + 0.75·3 + 0.35·5 = 5; D_F = 1 + 0.75·3 = 3.25; Θ = 2.5, CR = 1.3.
    #expect(close(analytic.e, 5) && close(analytic.d, 3.25))
    let result = MonteCarlo.run(network, parameters: parameters, focus: [f])[0]
    #expect(result.nation == f)
    // Var E = Σ r(1 − r)·w² = 3·0.1875·1 + 0.35·0.65·25 = 0.5625 + 5.6875 = 6.25: sd 2.5,
    // standard error 2.5/√20000 = 0.0177. Allow 4 standard errors.
    let se = 2.5 / Double(parameters.draws).squareRoot()
    #expect(abs(result.meanE - analytic.e) < 4 * se, "mean E \(result.meanE) vs \(analytic.e)")
    // CR = D/2.5, Var D = 0.5625: se(CR) = 0.75/2.5/√20000.
    let seCR = 0.75 / 2.5 / Double(parameters.draws).squareRoot()
    #expect(abs(result.meanCR - analytic.cr) < 4 * seCR, "mean CR \(result.meanCR) vs \(analytic.cr)")
    // P(CR ≥ 1) = P(at least 2 of 3 defenders hold) = 3·0.75²·0.25 + 0.75³ = 0.84375.
    let p = 0.84375
    let seP = (p * (1 - p) / Double(parameters.draws)).squareRoot()
    #expect(abs(result.probabilityCovered - p) < 4 * seP, "P(covered) \(result.probabilityCovered)")
    // D ∈ {1, 2, 3, 4} with P = 1/64, 9/64, 27/64, 27/64: CR quantiles P10 = 0.8, P50 = 1.2, P90 = 1.6.
    #expect(close(result.p10CR, 0.8) && close(result.p50CR, 1.2) && close(result.p90CR, 1.6))
    #expect(result.p10E <= result.p50E && result.p50E <= result.p90E)
    // An unthreatened leaf: CR = +∞ in every draw.
    let leaf = MonteCarlo.run(network, parameters: parameters, focus: [network("L1")])[0]
    #expect(leaf.meanCR == .infinity && leaf.probabilityCovered == 1)
  }

  @Test func treesConvergeToTheAnalyticExpectation() throws {
    // On a tree every pair has one path, so P(j reachable within H) = a(i, j) and the mean of
    // E is the analytic E. 20 random trees with decay; the bound on the standard deviation
    // Σ_j w_j·√(a_ij(1 − a_ij)) holds for any correlation.
    for seed in 0..<20 as Range<UInt64> {
      var random = RandomStream(seed: seed, stream: 3)
      var world = MiniWorld()
      let n = 4 + Int(random.below(6))
      for v in 0..<n { world.nation("N\(v)", lon: Double(random.below(60)), capability: 0.5 + Double(random.below(8))) }
      for v in 1..<n {
        world.tie("N\(random.below(UInt64(v)))", "N\(v)", random.unit() < 0.7 ? "defense" : "consultation")
      }
      let network = try world.network()
      var parameters = ModelParameters.classic
      parameters.hops = 1 + Int(random.below(3))
      parameters.draws = 4000
      parameters.seed = seed
      let assessment = Assessment(network, parameters: parameters)
      let results = MonteCarlo.run(network, parameters: parameters, focus: [0, n - 1])
      for result in results {
        let i = result.nation
        var sd = 0.0
        for j in 0..<n where j != i {
          let a = assessment.reach[i * n + j]
          sd += assessment.decay[i * n + j] * network.capability[j] * (a * (1 - a)).squareRoot()
        }
        let bound = 5 * sd / Double(parameters.draws).squareRoot() + 1e-12
        #expect(abs(result.meanE - assessment.nations[i].e) <= bound, "seed \(seed) nation \(i): \(result.meanE) vs \(assessment.nations[i].e)")
      }
    }
  }

  @Test func certainTiesReproduceTheAssessment() throws {
    // With every r = 1 each draw equals the deterministic model: E = C + Σ over nations within
    // H hops, for any graph and both reach paths.
    for seed in 0..<25 as Range<UInt64> {
      let network = try RandomWorlds.network(seed: seed, nodes: 4...14)
      var parameters = RandomWorlds.parameters(seed: seed)
      parameters.reliabilityDefense = 1
      parameters.reliabilityOffense = 1
      parameters.reliabilityConsultation = 1
      parameters.draws = 3
      let assessment = Assessment(network, parameters: parameters)
      for focus in [nil, [0]] as [[Int]?] {
        for result in MonteCarlo.run(network, parameters: parameters, focus: focus) {
          let a = assessment.nations[result.nation]
          #expect(close(result.meanE, a.e, 1e-9), "seed \(seed) nation \(result.nation)")
          #expect(close(result.p10E, a.e, 1e-9) && close(result.p90E, a.e, 1e-9))
          #expect(close(result.meanCR, a.cr, 1e-9), "seed \(seed) nation \(result.nation): CR \(result.meanCR) vs \(a.cr)")
          #expect(result.probabilityCovered == (a.cr >= 1 ? 1 : 0) || close(a.cr, 1, 1e-9))
        }
      }
    }
  }

  @Test func reproducibleAcrossThreadsAndReachPaths() throws {
    for seed in 0..<15 as Range<UInt64> {
      // More than 8 nations, so focus nil takes the bit-parallel path.
      let network = try RandomWorlds.network(seed: 1000 + seed, nodes: 10...16, tieProbability: 0.35)
      var parameters = RandomWorlds.parameters(seed: seed)
      parameters.draws = 300
      parameters.seed = seed
      let one = MonteCarlo.run(network, parameters: parameters, threads: 1)
      let two = MonteCarlo.run(network, parameters: parameters, threads: 2)
      let three = MonteCarlo.run(network, parameters: parameters, threads: 3)
      #expect(one == two, "seed \(seed)")
      #expect(one == three, "seed \(seed)")
      #expect(one.map(\.nation) == Array(0..<network.nodeCount))
      for i in [0, network.nodeCount / 2, network.nodeCount - 1] {
        let bfs = MonteCarlo.run(network, parameters: parameters, focus: [i], threads: 1)[0]
        let bfsTwo = MonteCarlo.run(network, parameters: parameters, focus: [i], threads: 2)[0]
        #expect(bfs == bfsTwo)
        let bit = one[i]
        for (x, y) in [
          (bit.meanE, bfs.meanE), (bit.p10E, bfs.p10E), (bit.p50E, bfs.p50E), (bit.p90E, bfs.p90E), (bit.meanCR, bfs.meanCR),
          (bit.p10CR, bfs.p10CR), (bit.p50CR, bfs.p50CR), (bit.p90CR, bfs.p90CR), (bit.probabilityCovered, bfs.probabilityCovered),
        ] {
          #expect(close(x, y, 1e-12), "seed \(seed) nation \(i): bit-parallel \(x) vs BFS \(y)")
        }
      }
    }
  }

  @Test func quantileInterpolation() {
    // numpy's linear interpolation: position q·(n − 1).
    #expect(MonteCarlo.quantile([1, 2, 3, 4], 0.5) == 2.5)
    #expect(close(MonteCarlo.quantile([1, 2, 3, 4], 0.1), 1.3))
    #expect(close(MonteCarlo.quantile([1, 2, 3, 4], 0.9), 3.7))
    #expect(MonteCarlo.quantile([5], 0.9) == 5)
    #expect(MonteCarlo.quantile([], 0.5).isNaN)
    #expect(MonteCarlo.quantile([1, .infinity, .infinity], 0.5) == .infinity)
  }
}

/// Focus F (C = 1) threatened by T (C = 10); multilateral alliance MUL of five members M1…M5
/// (C = 2 each, defense); optionally a big unallied nation B (C = 20). One capital, no decay.
///
/// Base: D_F = E_F = 1, Θ_F = 10, gap 9, FM 1.
/// Joining MUL: five direct ties: D_F = 1 + 5·0.75·2 = 8.5 → gap reduction 7.5, FM gain 7.5.
/// One bilateral tie to M1: 1 + 0.75·2 + 4·0.5625·2 (the others via M1) = 7.
/// Two (M1, M2): 1 + 2·1.5 + 3·1.125 = 7.375. Three: 1 + 3·1.5 + 2·1.125 = 7.75.
/// A tie to B: 1 + 0.75·20 = 16 ≥ Θ: gap 0.
func strategyWorld(big: Bool, threatened: Bool = true) throws -> StrategicNetwork {
  var world = MiniWorld()
  world.nation("F", lon: 0, capability: 1)
  // Without threats T is left out (it would be the best partner otherwise).
  if threatened { world.nation("T", lon: 0, capability: 10) }
  if big { world.nation("B", lon: 0, capability: 20) }
  let members = (1...5).map { "M\($0)" }
  for m in members { world.nation(m, lon: 0, capability: 2) }
  world.alliance("MUL", "defense", members: members)
  if threatened { world.threat("F", "T") }
  return try world.network()
}

func noDecay() -> ModelParameters {
  var parameters = ModelParameters.classic
  parameters.decay = .none
  return parameters
}
