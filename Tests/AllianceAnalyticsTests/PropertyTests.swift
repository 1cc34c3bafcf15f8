import AllianceModel
import Foundation
import GraphCore
import Testing

@testable import AllianceAnalytics

/// Seeded random-graph properties (50 small networks each unless stated).
@Suite struct PropertyTests {
  static let seeds = 0..<50 as Range<UInt64>
  let slack = 1e-12

  @Test func addingACapabilityTieNeverLowersReachOrE() throws {
    let capabilityTypes: [TieType] = [.defense, .offense, .consultation]
    var strictGains = 0
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed)
      let parameters = RandomWorlds.parameters(seed: seed)
      var random = RandomStream(seed: seed, stream: 11)
      let n = network.nodeCount
      let u = Int(random.below(UInt64(n)))
      let v = (u + 1 + Int(random.below(UInt64(n - 1)))) % n
      let type = capabilityTypes[Int(random.below(3))]
      var grown = network
      grown.addTypes(TieTypeSet(type), u, v)
      let before = Assessment(network, parameters: parameters)
      let after = Assessment(grown, parameters: parameters)
      for k in 0..<(n * n) {
        #expect(after.reach[k] >= before.reach[k] - slack, "seed \(seed): a[\(k)] fell")
        #expect(after.defenseReach[k] >= before.defenseReach[k] - slack, "seed \(seed): a_def[\(k)] fell")
      }
      for i in 0..<n {
        let b = before.nations[i], a = after.nations[i]
        #expect(a.e >= b.e - slack * max(1, b.e), "seed \(seed) nation \(i): E \(b.e) → \(a.e)")
        // A new pledge of a threat of i makes its partner a shared patron of i (φ falls):
        // only then may D_i fall.
        if !network.isThreat(i, u) && !network.isThreat(i, v) {
          #expect(a.d >= b.d - slack * max(1, b.d), "seed \(seed) nation \(i): D \(b.d) → \(a.d)")
          #expect(a.gap <= b.gap + slack * max(1, b.gap))
        }
        #expect(a.theta == b.theta)
        // With H_D ≤ H, a_def ≤ a and φ ≤ 1, so D ≤ E.
        if parameters.defenseHops <= parameters.hops { #expect(a.d <= a.e + slack * max(1, a.e)) }
        if a.e > b.e + 1e-9 { strictGains += 1 }
      }
      // The new tie itself: a(u, v) ≥ r(type), unless v is a threat of u (never reached).
      if !network.isThreat(u, v) { #expect(after.reach[u * n + v] >= parameters.reliability(type) - slack) }
    }
    // The property is not vacuous: some additions did raise E.
    #expect(strictGains > 20)
  }

  /// Reach against brute force: the best product over every simple path of ≤ H hops.
  @Test func reachMatchesExhaustivePathSearch() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed, nodes: 3...8, tieProbability: 0.5)
      let parameters = RandomWorlds.parameters(seed: seed)
      let n = network.nodeCount
      for (layer, name) in [(ReliabilityGraph.capabilityLayer, "capability"), (ReliabilityGraph.defenseLayer, "defense")] {
        // Tie reliabilities (their formula is checked by hand in StatusAndIntensityTests).
        var r = [Double](repeating: 0, count: n * n)
        for u in 0..<n {
          for v in 0..<n where u != v { r[u * n + v] = network.reliability(u, v, in: layer, parameters: parameters) }
        }
        let matrix = Reach.matrix(ReliabilityGraph(network, layer: layer, parameters: parameters), hops: parameters.hops)
        for source in 0..<n {
          var best = [Double](repeating: 0, count: n)
          var onPath = [Bool](repeating: false, count: n)
          func walk(_ u: Int, _ product: Double, _ hops: Int) {
            best[u] = max(best[u], product)
            guard hops < parameters.hops else { return }
            onPath[u] = true
            // No path enters a threat of the source.
            for v in 0..<n where !onPath[v] && r[u * n + v] > 0 && !network.isThreat(source, v) { walk(v, product * r[u * n + v], hops + 1) }
            onPath[u] = false
          }
          walk(source, 1, 0)
          for j in 0..<n {
            #expect(close(matrix[source * n + j], best[j]), "seed \(seed) \(name) H=\(parameters.hops): a(\(source),\(j)) = \(matrix[source * n + j]), brute force \(best[j])")
          }
        }
      }
    }
  }

  @Test func moreHopsNeverLowerE() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed)
      var parameters = RandomWorlds.parameters(seed: seed)
      parameters.hops = 1 + Int(seed % 3)
      let shorter = Assessment(network, parameters: parameters)
      parameters.hops += 1
      let longer = Assessment(network, parameters: parameters)
      for i in 0..<network.nodeCount {
        #expect(longer.nations[i].e >= shorter.nations[i].e - slack * max(1, shorter.nations[i].e))
        #expect(longer.nations[i].d >= shorter.nations[i].d - slack * max(1, shorter.nations[i].d))
      }
    }
  }

  @Test func defectionNeverRaisesAnotherNationsDefense() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed)
      let parameters = RandomWorlds.parameters(seed: seed)
      let before = Assessment(network, parameters: parameters)
      for k in 0..<network.nodeCount {
        var copy = network
        copy.defect(k)
        let after = Assessment(copy, parameters: parameters)
        for i in 0..<network.nodeCount {
          let b = before.nations[i], a = after.nations[i]
          if i == k {
            // The defector keeps only its own capability.
            #expect(a.d == network.capability[k] && a.e == network.capability[k])
          } else if !network.isThreat(i, k) {
            // A defecting threat k of i takes its pledges with it, so patrons i shared with k
            // count fully again (φ): only then may D_i rise.
            #expect(a.d <= b.d + slack * max(1, b.d), "seed \(seed): \(k) defects, D_\(i) \(b.d) → \(a.d)")
            #expect(a.e <= b.e + slack * max(1, b.e), "seed \(seed): \(k) defects, E_\(i) \(b.e) → \(a.e)")
          }
        }
      }
    }
  }

  @Test func defectionScenarioMatchesCriticality() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed, tieProbability: 0.45)
      let parameters = RandomWorlds.parameters(seed: seed)
      let before = Assessment(network, parameters: parameters)
      let ranking = Criticality.ranking(network, before)
      #expect(Set(ranking.map(\.nation)) == Set(0..<network.nodeCount))
      for entry in ranking {
        var copy = network
        try Scenario.apply([.defect(entry.nation)], to: &copy)
        let after = Assessment(copy, parameters: parameters)
        // Σ over the other nations: the defector's own loss is not counted.
        var increase = 0.0, newly = 0, worst = 0.0
        for i in 0..<network.nodeCount where i != entry.nation {
          let delta = after.nations[i].gap - before.nations[i].gap
          increase += delta
          worst = max(worst, delta)
          if !before.nations[i].uncovered && after.nations[i].uncovered { newly += 1 }
        }
        #expect(close(entry.gapIncrease, increase, 1e-9), "seed \(seed): \(entry.nation) defects: \(entry.gapIncrease) vs \(increase)")
        #expect(entry.newlyUncovered == newly, "seed \(seed): \(entry.nation) defects")
        #expect(close(entry.mostAffectedIncrease, worst, 1e-9))
      }
      // Largest first.
      for (x, y) in zip(ranking, ranking.dropFirst()) { #expect(x.gapIncrease >= y.gapIncrease) }
    }
  }

  @Test func criticalityAndSimilarityDoNotDependOnThreads() throws {
    for seed in 0..<20 as Range<UInt64> {
      let network = try RandomWorlds.network(seed: 500 + seed, nodes: 8...20, tieProbability: 0.3)
      let parameters = RandomWorlds.parameters(seed: seed)
      let assessment = Assessment(network, parameters: parameters)
      let one = Criticality.ranking(network, assessment, threads: 1)
      #expect(one == Criticality.ranking(network, assessment, threads: 2))
      #expect(one == Criticality.ranking(network, assessment, threads: 5))
      let s1 = PortfolioSimilarity.matrix(network, threads: 1)
      #expect(s1 == PortfolioSimilarity.matrix(network, threads: 2))
      #expect(s1 == PortfolioSimilarity.matrix(network, threads: 7))
    }
  }

  @Test func similarityIsSymmetricBoundedAndMatchesTheFormula() throws {
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed, nodes: 2...12, tieProbability: 0.5)
      let n = network.nodeCount
      let s = PortfolioSimilarity.matrix(network)
      #expect(s.count == n * n)
      var random = RandomStream(seed: seed, stream: 5)
      let pi = Int(random.below(UInt64(n))), pj = Int(random.below(UInt64(n)))
      for i in 0..<n {
        #expect(s[i * n + i] == 1)
        for j in 0..<n {
          #expect(s[i * n + j] == s[j * n + i])
          #expect(s[i * n + j] >= -1 - 1e-15 && s[i * n + j] <= 1 + 1e-15)
        }
      }
      // One pair by the definition: v_ik = 3 for k = i, else the ordinal of the dyad.
      func v(_ i: Int, _ k: Int) -> Int { i == k ? 3 : PortfolioSimilarity.ordinal(network.types(i, k)) }
      let sum = (0..<n).reduce(0) { $0 + abs(v(pi, $1) - v(pj, $1)) }
      #expect(close(s[pi * n + pj], 1 - 2 * Double(sum) / Double(3 * n)))
    }
  }

  @Test func partnerSearchShortcutEqualsFullReassessment() throws {
    let typeChoices: [TieTypeSet] = [
      TieTypeSet(.defense), TieTypeSet(.consultation), TieTypeSet([.defense, .consultation]), TieTypeSet(.offense),
      TieTypeSet([.neutrality, .exercise]), TieTypeSet([.consultation, .intelligence]),
    ]
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed, nodes: 3...10)
      let parameters = RandomWorlds.parameters(seed: seed)
      var random = RandomStream(seed: seed, stream: 21)
      let n = network.nodeCount
      let focus = Int(random.below(UInt64(n)))
      let search = PartnerSearch(network, focus: focus, parameters: parameters)
      check(search.base, Assessment(network, parameters: parameters).nations[focus], "seed \(seed) base")
      for round in 0..<4 {
        // 1…3 partners (any nation but the focus; repeats allowed), with random types.
        let count = 1 + Int(random.below(3))
        let partners = (0..<count).map { _ in (focus + 1 + Int(random.below(UInt64(n - 1)))) % n }
        let types = round == 0 ? TieTypeSet(.defense) : typeChoices[Int(random.below(UInt64(typeChoices.count)))]
        let fast = round == 0 ? search.scoreAdding(partners: partners) : search.scoreAdding(partners: partners, types: types)
        var full = network
        for j in partners { full.addTypes(types, focus, j) }
        check(fast, Assessment(full, parameters: parameters).nations[focus], "seed \(seed) partners \(partners) \(types)")
      }
      // Trilateral: ties focus–j, focus–k and j–k.
      if n >= 3 {
        let j = (focus + 1 + Int(random.below(UInt64(n - 1)))) % n
        var k = j
        while k == j || k == focus { k = Int(random.below(UInt64(n))) }
        for types in [TieTypeSet(.defense), TieTypeSet(.consultation)] {
          var full = network
          full.addTypes(types, focus, j)
          full.addTypes(types, focus, k)
          full.addTypes(types, j, k)
          check(
            search.scoreTrilateral(j, k, types: types), Assessment(full, parameters: parameters).nations[focus],
            "seed \(seed) trilateral \(j), \(k) \(types)")
        }
      }
    }
  }

  @Test func joiningAnAllianceEqualsItsScore() throws {
    var checked = 0
    for seed in Self.seeds {
      let network = try RandomWorlds.network(seed: seed, nodes: 5...10)
      let parameters = RandomWorlds.parameters(seed: seed)
      for (index, alliance) in network.alliances.enumerated() {
        for focus in 0..<network.nodeCount where !alliance.members.contains(focus) {
          let search = PartnerSearch(network, focus: focus, parameters: parameters)
          var joined = network
          joined.join(focus, alliance: index)
          check(
            search.scoreAdding(partners: alliance.members, types: alliance.obligations, terms: network.joinTerms(alliance: index)),
            Assessment(joined, parameters: parameters).nations[focus], "seed \(seed) focus \(focus) joins")
          checked += 1
        }
      }
    }
    #expect(checked > 20)
  }

  func check(_ fast: FocalScore, _ full: NationAssessment, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(close(fast.e, full.e, 1e-12), "\(label): E \(fast.e) vs \(full.e)", sourceLocation: sourceLocation)
    #expect(close(fast.d, full.d, 1e-12), "\(label): D \(fast.d) vs \(full.d)", sourceLocation: sourceLocation)
    #expect(close(fast.theta, full.theta, 1e-12), "\(label): Θ", sourceLocation: sourceLocation)
    #expect(close(fast.cr, full.cr, 1e-12), "\(label): CR \(fast.cr) vs \(full.cr)", sourceLocation: sourceLocation)
    #expect(close(fast.gap, full.gap, 1e-12), "\(label): gap", sourceLocation: sourceLocation)
    #expect(close(fast.fm, full.fm, 1e-12), "\(label): FM", sourceLocation: sourceLocation)
  }
}
