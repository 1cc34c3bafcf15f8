@testable import AllianceModel
import GraphCore

/// Invariants of a network that loaded: every reference resolves, and a snapshot of its
/// as-of year builds (or is refused with an error) without trapping.
enum NetworkChecks {
  static func check(_ network: AllianceNetwork, what: String) {
    let n = network.nations.count
    func nation(_ index: Int, _ role: @autoclosure () -> String) {
      require(index >= 0 && index < n, "\(what): \(role()) refers to nation \(index) of \(n)")
    }
    require(n <= ProjectDatasetReader.maximumNations, "\(what): \(n) nations")
    require(
      network.capabilities.count == n, "\(what): \(network.capabilities.count) capability series for \(n) nations")
    for (name, series) in network.alternativeCapabilities {
      require(series.count == n, "\(what): measure \(name) has \(series.count) series")
    }
    func span(_ s: YearSpan, _ role: @autoclosure () -> String) {
      require(s.end.map { $0 >= s.start } ?? true, "\(what): \(role()) span \(s)")
    }
    for (k, tie) in network.ties.enumerated() {
      nation(tie.a, "tie \(k)")
      nation(tie.b, "tie \(k)")
      require(tie.a != tie.b, "\(what): tie \(k) of a nation with itself")
      span(tie.span, "tie \(k)")
      if let r = tie.reliability { require((0...1).contains(r), "\(what): tie \(k) reliability \(r)") }
    }
    for (k, alliance) in network.alliances.enumerated() {
      span(alliance.span, "alliance \(k)")
      for member in alliance.members {
        nation(member.nation, "a member of alliance \(alliance.id)")
        span(member.span, "a membership of alliance \(alliance.id)")
      }
    }
    for (k, threat) in network.threats.enumerated() {
      nation(threat.a, "threat \(k)")
      nation(threat.b, "threat \(k)")
      span(threat.span, "threat \(k)")
      require(threat.intensity > 0 && threat.intensity <= 1, "\(what): threat \(k) intensity \(threat.intensity)")
    }
    for dispute in network.disputes {
      nation(dispute.a, "a dispute")
      nation(dispute.b, "a dispute")
    }
    for group in network.groups {
      for member in group.members { nation(member, "group \(group.name)") }
      require(Set(group.members).count == group.members.count, "\(what): group \(group.name) lists a nation twice")
    }
    for spell in network.nuclearSpells { nation(spell.nation, "a nuclear spell") }
    for pair in network.contiguity {
      nation(pair.a, "a contiguity pair")
      nation(pair.b, "a contiguity pair")
    }
    for index in network.majorPowers.keys { nation(index, "a major-power spell") }
    for index in network.territorialThreat.keys { nation(index, "territorial threat") }
    if let membership = network.systemMembership {
      require(membership.count == n, "\(what): system membership of \(membership.count)")
    }
    if let table = network.dyadYears {
      for row in 0..<table.count {
        nation(Int(table.a[row]), "dyad-year row \(row)")
        nation(Int(table.b[row]), "dyad-year row \(row)")
      }
    }
    // Every nation id resolves to its own nation.
    for (index, item) in network.nations.enumerated() {
      do {
        let found = try network.resolve(item.id)
        require(found == index, "\(what): id \(item.id) resolves to nation \(found), not \(index)")
      } catch {
        violated("\(what): id \(item.id.debugDescription) does not resolve: \(error)")
      }
    }
    require(
      network.years.contains(network.metadata.asOf),
      "\(what): as-of year \(network.metadata.asOf) outside \(network.years)")
    // The as-of year's snapshot builds, or is refused with an error.
    do {
      let snapshot = try YearSnapshot(network: network, year: network.metadata.asOf)
      require(snapshot.nations.count == snapshot.labels.count, "\(what): snapshot labels")
      for index in snapshot.nations { nation(index, "a snapshot node") }
    } catch {
      _ = "\(error)"
    }
  }
}
