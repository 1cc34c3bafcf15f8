/// The inputs behind each node's results that an analyst should double-check: values of low
/// confidence, capability more than five years older than the analysis year (before 2020 for
/// the curated 2025), and, in the project's datasets, threats never or long ago verified
/// (ATOP/COW threats are coded from history and carry no verification date).
///
/// One list of short labels per snapshot node (`capability 2011`, `threat IND unverified`,
/// `defense with USA low-confidence`, `alliance imctc low-confidence`). O(nations + ties in
/// force + alliance memberships + threats).
public enum InputFlags {
  /// Capability values and threat verifications more than this many years before the
  /// analysis year are flagged.
  public static let staleYears = 5
  /// The cut-off year of the curated dataset's 2025 (2020).
  public static let defaultCutoff = 2025 - staleYears

  /// The cut-off year for an analysis of `year`.
  public static func cutoff(for year: Int) -> Int { year - staleYears }

  public static func compute(_ snapshot: YearSnapshot, network: AllianceNetwork) -> [[String]] {
    let cutoff = cutoff(for: snapshot.year)
    let n = snapshot.nodeCount
    var flags = [[String]](repeating: [], count: n)
    let year = snapshot.year
    for node in 0..<n {
      let nation = snapshot.nations[node]
      if !snapshot.capabilityKnown[node] {
        flags[node].append("capability missing")
      } else {
        if let y = snapshot.capabilityYear[node], y < cutoff { flags[node].append("capability \(y)") }
        if snapshot.capabilityLowConfidence[node] { flags[node].append("capability low-confidence") }
        if network.capabilityFallbacks.contains(nation) { flags[node].append("capability of the default measure") }
      }
    }
    func id(_ nation: Int) -> String { network.nations[nation].id }
    for active in snapshot.alliances {
      let alliance = network.alliances[active.alliance]
      guard alliance.provenance.confidence == .low else { continue }
      for member in active.members { flags[Int(member)].append("alliance \(alliance.id) low-confidence") }
    }
    for tie in network.ties where tie.span.contains(year) && tie.provenance.confidence == .low {
      guard let u = snapshot.node(ofNation: tie.a), let v = snapshot.node(ofNation: tie.b) else { continue }
      flags[Int(u)].append("\(tie.type) with \(id(tie.b)) low-confidence")
      flags[Int(v)].append("\(tie.type) with \(id(tie.a)) low-confidence")
    }
    for threat in network.threats where network.metadata.layout == .project && threat.span.contains(year) {
      guard let u = snapshot.node(ofNation: threat.a), let v = snapshot.node(ofNation: threat.b) else { continue }
      var labels: [String] = []
      if threat.provenance.confidence == .low { labels.append("low-confidence") }
      if let day = threat.lastVerified {
        if day.year < cutoff { labels.append("verified \(day.year)") }
      } else {
        labels.append("unverified")
      }
      for label in labels {
        flags[Int(u)].append("threat \(id(threat.b)) \(label)")
        flags[Int(v)].append("threat \(id(threat.a)) \(label)")
      }
    }
    return flags
  }
}
