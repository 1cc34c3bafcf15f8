import AllianceModel
import Foundation
import GraphCore
import Testing

@testable import AllianceAnalytics

/// The rules of "reliability per tie and reach that respects treaties" (DESIGN §5–§6),
/// hand-computed. Nations share one capital unless placed apart, so g = 1.
@Suite struct TieReliabilityAndReachTests {
  func world(_ configure: (inout MiniWorld) -> Void) throws -> StrategicNetwork {
    var w = MiniWorld()
    configure(&w)
    return try w.network()
  }

  func two(_ configure: (inout MiniWorld) -> Void) throws -> StrategicNetwork {
    try world { w in
      w.nation("A", lon: 0, capability: 1)
      w.nation("B", lon: 0, capability: 10)
      configure(&w)
    }
  }

  let p = ModelParameters()
  var capability: TieTypeSet { ReliabilityGraph.capabilityLayer }
  var defense: TieTypeSet { ReliabilityGraph.defenseLayer }

  // MARK: - Tie reliability

  @Test func provisionsMultiplyR() throws {
    let n = try two { $0.alliance("P", "defense", members: ["A", "B"], provisions: "conditional;asymmetric;military_aid") }
    // r = 0.75 · 0.85 (conditional) · 0.90 (asymmetric) · 1.10 (institutionalised: military aid).
    #expect(close(n.reliability(0, 1, in: defense, parameters: p), 0.75 * 0.85 * 0.90 * 1.10))
    let e = Assessment(n, parameters: p).nations[0].e
    #expect(close(e, 1 + 0.75 * 0.85 * 0.90 * 1.10 * 10))
    let explanation = n.tieReliability(0, 1, in: defense, parameters: p).explanation
    #expect(explanation == "0.75 r₀ × 0.84 provisions (conditional;asymmetric;military_aid) (P)", "\(explanation)")
  }

  @Test func statusAndProvisionsMultiply() throws {
    let n = try two { $0.alliance("P", "defense", members: ["A", "B"], status: "dormant", provisions: "conditional") }
    #expect(close(n.reliability(0, 1, in: defense, parameters: p), 0.75 * 0.30 * 0.85))
  }

  @Test func anIntegratedCommandInstitutionalisesTheTreaty() throws {
    let n = try two { $0.alliance("P", "defense", command: true, members: ["A", "B"]) }
    #expect(close(n.reliability(0, 1, in: defense, parameters: p), 0.75 * 1.10))
  }

  @Test func channelsDeepenAPledgedTie() throws {
    let n = try two { w in
      w.tie("A", "B", "defense")
      w.tie("A", "B", "exercise")
      w.tie("A", "B", "intelligence")
    }
    // r = 1 − (1 − 0.75)·(1 − 0.10)·(1 − 0.08) = 1 − 0.25 · 0.828 = 0.793.
    #expect(close(n.reliability(0, 1, in: defense, parameters: p), 0.793))
    let explanation = n.tieReliability(0, 1, in: defense, parameters: p).explanation
    #expect(explanation.hasSuffix("+ channels exercise;intelligence → 0.79"), "\(explanation)")
  }

  @Test func channelsAloneCarryNoReliability() throws {
    let n = try two { w in
      w.tie("A", "B", "exercise")
      w.tie("A", "B", "training")
    }
    #expect(n.reliability(0, 1, in: capability, parameters: p) == 0)
    #expect(Assessment(n, parameters: p).nations[0].e == 1)
  }

  @Test func anExplicitReliabilityIsFinal() throws {
    let n = try two { w in
      w.alliance("P", "consultation", members: ["A", "B"], reliability: 0.1)
      w.tie("A", "B", "training")
    }
    // The dataset set 0.10 knowing the pair's channels: no deepening.
    #expect(n.reliability(0, 1, in: capability, parameters: p) == 0.1)
    #expect(n.tieReliability(0, 1, in: capability, parameters: p).explanation == "0.10 set by the dataset (P)")
    // A stronger source of the same pair still wins, deepened by the channel.
    let m = try two { w in
      w.alliance("P", "consultation", members: ["A", "B"], reliability: 0.1)
      w.tie("A", "B", "defense")
      w.tie("A", "B", "training")
    }
    #expect(close(m.reliability(0, 1, in: capability, parameters: p), 1 - 0.25 * 0.9))
  }

  @Test func reliabilityNeverExceedsOne() throws {
    var strong = ModelParameters()
    strong.reliabilityDefense = 0.95
    strong.provisionInstitutionalised = 1.2
    let n = try two { w in
      w.alliance("P", "defense", command: true, members: ["A", "B"])
      w.tie("A", "B", "exercise")
    }
    // 0.95 · 1.2 = 1.14 is capped to 1 before deepening.
    #expect(n.reliability(0, 1, in: defense, parameters: strong) == 1)
  }

  // MARK: - Reach

  @Test func noPathThroughAThreat() throws {
    // A — T — X, with T a threat of A; B — T — X with T no threat of B.
    let n = try world { w in
      w.nation("A", lon: 0, capability: 1)
      w.nation("B", lon: 0, capability: 1)
      w.nation("T", lon: 0, capability: 4)
      w.nation("X", lon: 0, capability: 5)
      w.tie("A", "T", "defense")
      w.tie("B", "T", "defense")
      w.tie("T", "X", "defense")
      w.threat("A", "T")
    }
    let assessment = Assessment(n, parameters: p)
    // A reaches neither its threat T nor X behind it: E_A = C_A.
    #expect(assessment.reach[0 * 4 + 2] == 0 && assessment.reach[0 * 4 + 3] == 0)
    #expect(assessment.nations[0].e == 1)
    // B reaches X (and A) through T (H = 2): a = 0.75², E_B = 1 + 0.75·4 + 0.5625·(5 + 1).
    #expect(close(assessment.reach[1 * 4 + 3], 0.5625))
    #expect(close(assessment.nations[1].e, 1 + 3 + 0.5625 * 6))
    // Monte Carlo agrees: A never gets more than its own capability.
    var mc = p
    mc.draws = 500
    let draws = MonteCarlo.run(n, parameters: mc, focus: [0, 1])
    #expect(draws[0].meanE == 1 && draws[0].p90E == 1)
    #expect(draws[1].p90E > 1)
  }

  @Test func committedDefenseUsesDirectObligationsByDefault() throws {
    // A —def— B —def— C; A's threat T.
    let n = try world { w in
      w.nation("A", lon: 0, capability: 1)
      w.nation("B", lon: 0, capability: 10)
      w.nation("C", lon: 0, capability: 8)
      w.nation("T", lon: 0, capability: 20)
      w.tie("A", "B", "defense")
      w.tie("B", "C", "defense")
      w.threat("A", "T")
    }
    let direct = Assessment(n, parameters: p).nations[0]
    // D_A = 1 + 0.75·10 = 8.5 (C defends B, not A); E_A = 1 + 7.5 + 0.5625·8 (H = 2).
    #expect(close(direct.d, 8.5))
    #expect(close(direct.e, 1 + 7.5 + 4.5))
    var twoHops = p
    twoHops.defenseHops = 2
    #expect(close(Assessment(n, parameters: twoHops).nations[0].d, 8.5 + 4.5))
  }

  @Test func contributionsListTheirPath() throws {
    let n = try world { w in
      w.nation("PAK", lon: 0, capability: 1)
      w.nation("USA", lon: 0, capability: 10)
      w.nation("JPN", lon: 0, capability: 4)
      w.alliance("us-pak", "defense", members: ["PAK", "USA"], status: "dormant")
      w.alliance("us-jpn", "defense", members: ["USA", "JPN"])
    }
    let assessment = Assessment(n, parameters: p)
    let contributions = assessment.contributions(of: 0, in: n)
    let japan = try #require(contributions.first { $0.partner == 2 })
    #expect(japan.path == [0, 1, 2])
    #expect(japan.hops.map(\.explanation) == ["0.75 r₀ × 0.30 dormant (us-pak)", "0.75 r₀ (us-jpn)"])
    #expect(close(japan.reach, 0.225 * 0.75))
    let usa = try #require(contributions.first { $0.partner == 1 })
    #expect(usa.path == [0, 1] && close(usa.reach, 0.225))
  }

  // MARK: - Shared patrons

  /// Greece and Turkey are rivals and NATO allies; the United States defends both.
  func greeceTurkey(extraThreat: Bool) throws -> StrategicNetwork {
    try world { w in
      w.nation("GRC", lon: 0, capability: 5)
      w.nation("TUR", lon: 0, capability: 6)
      w.nation("USA", lon: 0, capability: 100)
      if extraThreat { w.nation("X", lon: 0, capability: 4) }
      w.alliance("nato", "defense", members: ["GRC", "TUR", "USA"])
      w.threat("GRC", "TUR")
      if extraThreat { w.threat("GRC", "X") }
    }
  }

  @Test func aPatronOfBothSidesCountsForNeither() throws {
    let n = try greeceTurkey(extraThreat: false)
    let a = Assessment(n, parameters: p)
    let greece = a.nations[0], turkey = a.nations[1]
    // φ_GRC,USA = 0: the USA is pledged to Turkey, Greece's only threat. D_GRC = C_GRC = 5,
    // Θ_GRC = 6, gap 1 (the rule without φ gave D = 5 + 0.75·100 = 80).
    #expect(SharedPatrons.phi(0, network: n) { _ in 1 }[2] == 0)
    #expect(close(greece.d, 5) && close(greece.theta, 6) && close(greece.gap, 1) && greece.uncovered)
    #expect(close(turkey.d, 6) && close(turkey.gap, 0))
    #expect(greece.topPatron == nil || a.nations[0].topPatronShare == 0)
  }

  @Test func aPatronCountsForTheThreatsItDoesNotAlsoDefend() throws {
    let n = try greeceTurkey(extraThreat: true)
    // Θ_GRC = 6 (Turkey) + 4 (X); the USA defends Turkey, not X: φ = 4/10 = 0.4;
    // D_GRC = 5 + 0.4 · 0.75 · 100 = 35.
    #expect(close(SharedPatrons.phi(0, network: n) { _ in 1 }[2], 0.4))
    #expect(close(Assessment(n, parameters: p).nations[0].d, 35))
  }

  @Test func phiIsOneWithoutThreats() throws {
    let n = try greeceTurkey(extraThreat: false)
    #expect(SharedPatrons.phi(2, network: n) { _ in 1 }.allSatisfy { $0 == 1 })
  }

  // MARK: - Common shocks

  func focalPartners(trilateral: Bool) throws -> StrategicNetwork {
    try world { w in
      w.nation("F", lon: 0, capability: 1)
      w.nation("J", lon: 0, capability: 10)
      w.nation("K", lon: 0, capability: 20)
      if trilateral {
        w.alliance("TRI", "defense", members: ["F", "J", "K"])
      } else {
        w.alliance("FJ", "defense", members: ["F", "J"])
        w.alliance("FK", "defense", members: ["F", "K"])
      }
    }
  }

  @Test func aCommonShockMakesATreatyFailAsOne() throws {
    var parameters = p
    parameters.hops = 1
    parameters.draws = 10_000
    parameters.commonShock = true
    // One treaty: F gets both partners or neither (P = 0.25 of neither), so P10 of E is C_F.
    let tri = MonteCarlo.run(try focalPartners(trilateral: true), parameters: parameters, focus: [0])[0]
    #expect(tri.p10E == 1 && tri.p90E == 31)
    #expect(abs(tri.meanE - (1 + 0.75 * 30)) < 0.5)
    // Two treaties fail apart: neither holds with P = 0.0625 < 0.1, so P10 is C_F + C_J.
    let two = MonteCarlo.run(try focalPartners(trilateral: false), parameters: parameters, focus: [0])[0]
    #expect(two.p10E == 11)
    #expect(abs(two.meanE - tri.meanE) < 0.5)
    // Without common shocks the trilateral's ties are independent too.
    parameters.commonShock = false
    #expect(MonteCarlo.run(try focalPartners(trilateral: true), parameters: parameters, focus: [0])[0].p10E == 11)
  }

  @Test func commonShocksAreThreadIndependent() throws {
    var parameters = p
    parameters.draws = 3_000
    parameters.commonShock = true
    let network = try RandomWorlds.network(seed: 3, nodes: 9...12, tieProbability: 0.5)
    let one = MonteCarlo.run(network, parameters: parameters, threads: 1)
    let four = MonteCarlo.run(network, parameters: parameters, threads: 4)
    #expect(one == four)
  }
}

@Suite struct TieReliabilityPropertyTests {
  static let seeds: [UInt64] = Array(1...40)

  @Test func addingAChannelNeverLowersR() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed)
      let parameters = RandomWorlds.parameters(seed: seed)
      var random = RandomStream(seed: seed, stream: 31)
      let n = network.nodeCount
      let u = Int(random.below(UInt64(n))), v = (u + 1 + Int(random.below(UInt64(n - 1)))) % n
      let channel = TieType.channels[Int(random.below(UInt64(TieType.channels.count)))]
      var grown = network
      grown.addTypes(TieTypeSet(channel), u, v)
      for layer in [ReliabilityGraph.capabilityLayer, ReliabilityGraph.defenseLayer] {
        let before = network.reliability(u, v, in: layer, parameters: parameters)
        let after = grown.reliability(u, v, in: layer, parameters: parameters)
        #expect(after >= before, "seed \(seed): \(channel) on \(u)–\(v)")
        // A channel alone never creates a capability-bearing tie.
        if before == 0 { #expect(after == 0) }
      }
    }
  }

  @Test func phiLiesInTheUnitIntervalAndIsZeroForAPatronOfTheOnlyThreat() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed)
      let n = network.nodeCount
      for i in 0..<n {
        let phi = SharedPatrons.phi(i, network: network) { _ in 1 }
        #expect(phi.allSatisfy { $0 >= 0 && $0 <= 1 })
        let threats = network.threats(of: i)
        if threats.isEmpty { #expect(phi.allSatisfy { $0 == 1 }) }
        if threats.count == 1, network.capability[threats[0]] > 0 {
          for k in 0..<n where k != i && network.defends(k, threats[0]) { #expect(phi[k] == 0) }
        }
      }
    }
  }
}
