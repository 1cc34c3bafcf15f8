import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

/// The coverage world used by several suites. Capitals on the equator; halfDistance is set
/// to the 30° arc so g(30°) = 0.5 and g(60°) = 0.25 (exponential decay).
///
///     C(8, −30°) —def— B(10, 30°) —def— A(2, 0°) —consultation— X(4, 0°)
///                                       A ~threat~ T(threat, 60°)
func coverageWorld(threat: Double) throws -> StrategicNetwork {
  var world = MiniWorld()
  world.nation("A", lon: 0, capability: 2)
  world.nation("B", lon: 30, capability: 10)
  world.nation("C", lon: -30, capability: 8)
  world.nation("X", lon: 0, capability: 4)
  world.nation("T", lon: 60, capability: threat)
  world.tie("A", "B", "defense")
  world.tie("B", "C", "defense")
  world.tie("A", "X", "consultation")
  world.threat("A", "T")
  return try world.network()
}

/// g(30°) = 0.5, g(60°) = 0.25.
func halfAt30Degrees() -> ModelParameters {
  var parameters = ModelParameters.classic
  parameters.halfDistance = 30 * kmPerDegree
  return parameters
}

@Suite struct ForceMultiplierAndCoverageTests {
  @Test func coveredNationWithTopPatron() throws {
    let network = try coverageWorld(threat: 24)
    let assessment = Assessment(network, parameters: halfAt30Degrees())
    let a = assessment.nations[network("A")]
    // a(A,B) = 0.75, a(A,C) = 0.5625 (via B), a(A,X) = 0.35; g(A,B) = g(A,C) = 0.5, g(A,X) = 1.
    // E_A = 2 + 0.75·0.5·10 + 0.5625·0.5·8 + 0.35·1·4 = 2 + 3.75 + 2.25 + 1.4 = 9.4; FM = 4.7.
    #expect(close(a.e, 9.4))
    #expect(close(a.fm, 4.7))
    #expect(a.partners == 3)
    // Θ_A = g(60°)·24 = 0.25·24 = 6.
    #expect(close(a.theta, 6))
    #expect(a.threatCount == 1)
    // D_A = 2 + 3.75 + 2.25 = 8 (X is consultation only); CR = 8/6 = 4/3; gap 0; covered.
    #expect(close(a.d, 8))
    #expect(close(a.cr, 4.0 / 3))
    #expect(a.gap == 0)
    #expect(!a.uncovered)
    // Top patron B: 3.75 of D − C = 6, share 0.625 ≥ 0.5 → dependent.
    #expect(a.topPatron == network("B"))
    #expect(close(a.topPatronShare, 0.625))
    #expect(a.dependent)
    // Without B, C is unreachable too: D = 2, CR = 2/6 = 1/3.
    #expect(close(a.crWithoutTopPatron, 1.0 / 3))

    // T: threatened by A, Θ_T = 0.25·2 = 0.5, no ties: D_T = E_T = 24, CR = 48, no patron.
    let t = assessment.nations[network("T")]
    #expect(close(t.theta, 0.5))
    #expect(close(t.d, 24) && close(t.e, 24) && close(t.fm, 1))
    #expect(close(t.cr, 48))
    #expect(t.topPatron == nil && t.topPatronShare == 0 && !t.dependent)
    #expect(close(t.crWithoutTopPatron, 48))
  }

  @Test func uncoveredNation() throws {
    let network = try coverageWorld(threat: 40)
    let a = Assessment(network, parameters: halfAt30Degrees()).nations[network("A")]
    // Θ_A = 0.25·40 = 10; D_A = 8; CR = 0.8; gap = 2; uncovered; CR without B = 2/10.
    #expect(close(a.theta, 10))
    #expect(close(a.cr, 0.8))
    #expect(close(a.gap, 2))
    #expect(a.uncovered)
    #expect(close(a.crWithoutTopPatron, 0.2))
  }

  @Test func noThreats() throws {
    let network = try coverageWorld(threat: 24)
    let b = Assessment(network, parameters: halfAt30Degrees()).nations[network("B")]
    // B has no threats: Θ = 0, CR = +∞, gap 0, not uncovered.
    #expect(b.threatCount == 0 && b.theta == 0)
    #expect(b.cr == .infinity)
    #expect(b.gap == 0)
    #expect(!b.uncovered)
    #expect(b.crWithoutTopPatron == .infinity)
    // D_B = 10 + 0.75·g(30°)·2 [A] + 0.75·g(60°)·8 [C] = 10 + 0.75 + 1.5 = 12.25.
    #expect(close(b.d, 12.25))
    // E_B adds X over A–X consultation: a(B,X) = 0.75·0.35 = 0.2625, g(30°) = 0.5: 0.525.
    // E_B = 12.25 + 0.525 = 12.775. T is unreachable.
    #expect(close(b.e, 12.775))
    // Top patron C: 1.5 of 2.25.
    #expect(b.topPatron == network("C"))
    #expect(close(b.topPatronShare, 1.5 / 2.25))
  }

  @Test func threatThatIsAlsoAnAlly() throws {
    // A (2, 0°) has a defense tie with T (6, 30°), which is also a threat; B (4, 0°) a plain ally.
    var world = MiniWorld()
    world.nation("A", lon: 0, capability: 2)
    world.nation("T", lon: 30, capability: 6)
    world.nation("B", lon: 0, capability: 4)
    world.tie("A", "T", "defense")
    world.tie("A", "B", "defense")
    world.threat("A", "T")
    let network = try world.network()
    let a = Assessment(network, parameters: halfAt30Degrees()).nations[network("A")]
    // T is excluded from E and D but counted in Θ: Θ_A = 0.5·6 = 3.
    // E_A = D_A = 2 + 0.75·1·4 = 5; CR = 5/3.
    #expect(close(a.theta, 3))
    #expect(close(a.e, 5))
    #expect(close(a.d, 5))
    #expect(close(a.cr, 5.0 / 3))
    #expect(a.partners == 1)
    #expect(a.threatCount == 1)
    #expect(a.topPatron == network("B"))
    #expect(close(a.topPatronShare, 1))
    #expect(close(a.crWithoutTopPatron, 2.0 / 3))
  }

  @Test func zeroCapabilityLeavesFMUndefined() throws {
    var world = MiniWorld()
    world.nation("A", lon: 0, capability: 2)
    world.nation("Z", lon: 0, capability: 0)
    world.nation("U", lon: 0, capability: nil)  // no capability row: treated as 0, marked unknown
    world.tie("A", "Z", "defense")
    world.tie("A", "U", "offense")
    let network = try world.network()
    var parameters = ModelParameters.classic
    parameters.decay = .none
    let assessment = Assessment(network, parameters: parameters)
    let z = assessment.nations[network("Z")]
    // E_Z = 0 + 0.75·2 + 0 [U two hops away, C = 0] = 1.5; FM and SYN undefined.
    #expect(close(z.e, 1.5))
    #expect(z.fm.isNaN)
    #expect(z.syn.isNaN)
    #expect(z.capabilityKnown)
    let u = assessment.nations[network("U")]
    #expect(!u.capabilityKnown)
    #expect(u.fm.isNaN)
    // A: zero-capability partners add nothing and are not counted as partners.
    #expect(close(assessment.nations[network("A")].e, 2))
    #expect(assessment.nations[network("A")].partners == 0)
    #expect(close(assessment.nations[network("A")].fm, 1))
  }

  @Test func rollups() throws {
    let network = try coverageWorld(threat: 40)
    let assessment = Assessment(network, parameters: halfAt30Degrees())
    // Over {A, T}: Θ = 10 + 0.5, gap = G_A + G_T (D is never summed);
    // mean FM = (E_A/2 + 1)/2.
    let rollup = CoverageRollup(name: "pair", members: [network("A"), network("T")], assessment: assessment)
    let a = assessment.nations[network("A")], t = assessment.nations[network("T")]
    #expect(rollup.nations == 2 && rollup.threatened == 2 && rollup.uncovered == 1 && rollup.dependent == 1)
    #expect(close(rollup.theta, 10.5))
    #expect(close(rollup.gap, a.gap + t.gap))
    #expect(close(rollup.meanFM, (a.fm + t.fm) / 2))
    // Unthreatened members add nothing to Θ.
    let quiet = CoverageRollup(name: "quiet", members: [network("B"), network("X")], assessment: assessment)
    #expect(quiet.threatened == 0 && quiet.theta == 0 && quiet.gap == 0)
    // By region: every nation is in Asia, then the system row.
    let regions = CoverageRollup.byRegion(network, assessment)
    #expect(regions.map(\.name) == ["Asia", "system"])
    #expect(regions[1].nations == 5 && regions[1].threatened == 2)
    #expect(close(regions[1].gap, 2))
  }

  @Test func singlePointsOfFailure() throws {
    // Chain A–B–C–D–E of defense ties plus a consultation A–E (not in the defense layer).
    var world = MiniWorld()
    for id in ["A", "B", "C", "D", "E"] { world.nation(id, lon: 0, capability: 1) }
    for (a, b) in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")] { world.tie(a, b, "defense") }
    world.tie("A", "E", "consultation")
    let network = try world.network()
    let spof = SinglePointsOfFailure(network)
    #expect(spof.articulationPoints == [1, 2, 3])
    #expect(spof.bridges.map { [$0.0, $0.1] } == [[0, 1], [1, 2], [2, 3], [3, 4]])
    // Closing the ring with an offense tie removes every single point of failure.
    var ring = network
    ring.addTypes(TieTypeSet(.offense), 0, 4)
    let none = SinglePointsOfFailure(ring)
    #expect(none.articulationPoints.isEmpty && none.bridges.isEmpty)
  }
}

@Suite struct SynergyTests {
  /// A(1), B(2), C(3) at one capital (no decay); A–B and A–C defense.
  func triangle(_ configure: (inout MiniWorld) -> Void) throws -> StrategicNetwork {
    var world = MiniWorld()
    world.nation("A", lon: 0, capability: 1)
    world.nation("B", lon: 0, capability: 2)
    world.nation("C", lon: 0, capability: 3)
    configure(&world)
    return try world.network()
  }

  @Test func withoutInteroperability() throws {
    let network = try triangle { w in
      w.tie("A", "B", "defense")
      w.tie("A", "C", "defense")
    }
    let a = Assessment(network, parameters: ModelParameters.classic).nations[network("A")]
    // x = (a_ii·C_A, a_AB·C_B, a_AC·C_C) = (1, 1.5, 2.25); no κ: S = 1 + 2.25 + 5.0625 = 8.3125.
    #expect(close(a.syn, 8.3125))
    #expect(close(a.e, 4.75))
  }

  @Test func channels() throws {
    let network = try triangle { w in
      w.tie("A", "B", "defense")
      w.tie("A", "C", "defense")
      w.tie("B", "C", "exercise")  // κ_BC = max(0.5, 0.1) = 0.5
      w.tie("B", "C", "aid")
      w.tie("A", "C", "arms")  // κ_AC = 0.2
    }
    let assessment = Assessment(network, parameters: ModelParameters.classic)
    // S_A = Σx² + 2·(κ_BC·x_B·x_C + κ_AC·x_A·x_C) = 8.3125 + 2·(0.5·1.5·2.25 + 0.2·1·2.25)
    //     = 8.3125 + 2·(1.6875 + 0.45) = 12.5875; SYN_A = S_A / 1² = 12.5875.
    #expect(close(assessment.nations[network("A")].syn, 12.5875))
    // For B (C = 2): x_B = 2, x_A = 0.75, x_C = a(B,C)·3 = 0.5625·3 = 1.6875 (via A; the channel
    // carries no capability). Σx² = 4 + 0.5625 + 2.84765625 = 7.41015625;
    // 2·(0.5·2·1.6875 + 0.2·0.75·1.6875) = 3.375 + 0.50625; S_B = 11.29140625; SYN_B = S_B/4 = 2.8228515625.
    #expect(close(assessment.nations[network("B")].syn, 2.8228515625))
    // E is unaffected by channels.
    #expect(close(assessment.nations[network("A")].e, 4.75))
    #expect(network.kappa(network("B"), network("C"), ModelParameters.classic) == 0.5)
  }

  @Test func channelThroughAnAllianceWithoutCommand() throws {
    let network = try triangle { w in
      w.tie("A", "B", "defense")
      w.tie("A", "C", "defense")
      w.alliance("EX", "exercise", members: ["B", "C"], scope: "pairwise")
    }
    // κ_BC = 0.5 from the alliance's pairwise exercise channel: S_A = 8.3125 + 2·0.5·1.5·2.25 = 11.6875.
    #expect(close(Assessment(network, parameters: ModelParameters.classic).nations[network("A")].syn, 11.6875))
  }

  @Test func collectiveChannelAllianceAddsNoPairwiseKappa() throws {
    let network = try triangle { w in
      w.tie("A", "B", "defense")
      w.tie("A", "C", "defense")
      w.alliance("EX", "exercise", members: ["B", "C"])
    }
    // A collective exercise (a coalition or multilateral drill) is held by the alliance as a
    // whole: κ_BC = 0 and S_A = Σx² = 8.3125, as without the alliance.
    #expect(network.kappa(network("B"), network("C"), ModelParameters.classic) == 0)
    #expect(close(Assessment(network, parameters: ModelParameters.classic).nations[network("A")].syn, 8.3125))
  }

  @Test func integratedCommand() throws {
    let network = try triangle { w in w.alliance("CMD", "defense", command: true, members: ["A", "B", "C"]) }
    var parameters = ModelParameters.classic
    // Every pair has κ = 1 and a(A,·) = 0.75 directly: S_A = (1 + 1.5 + 2.25)² = 4.75² = 22.5625.
    #expect(close(Assessment(network, parameters: parameters).nations[network("A")].syn, 22.5625))
    // κ_command = 0.8: S_A = 8.3125 + 2·0.8·(1·1.5 + 1·2.25 + 1.5·2.25) = 8.3125 + 1.6·7.125 = 19.7125.
    parameters.kappaIntegratedCommand = 0.8
    #expect(close(Assessment(network, parameters: parameters).nations[network("A")].syn, 19.7125))
    // For B (C = 2): x = (0.75, 2, 2.25): S_B = (0.75 + 2 + 2.25)² = 25 with κ = 1; SYN_B = 25/4.
    #expect(close(Assessment(network, parameters: ModelParameters.classic).nations[network("B")].syn, 6.25))
  }

  @Test func threatsAddNoSynergy() throws {
    // T (C = 5) is a threat of A, even though it is tied to A and shares a command with B.
    let network = try triangle { w in
      w.nation("T", lon: 0, capability: 5)
      w.tie("A", "B", "defense")
      w.tie("A", "C", "defense")
      w.alliance("CMD", "defense", command: true, members: ["A", "T", "B"])
      w.threat("A", "T")
    }
    let a = Assessment(network, parameters: ModelParameters.classic).nations[network("A")]
    // x_T = 0 (threat); κ_AB = 1 (shared command), κ_AC = κ_BC = 0:
    // S_A = 8.3125 + 2·1·1·1.5 = 11.3125.
    #expect(close(a.syn, 11.3125))
    #expect(close(a.theta, 5))
  }
}
