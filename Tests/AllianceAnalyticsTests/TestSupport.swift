import AllianceModel
import Foundation
import GraphCore
import Testing

@testable import AllianceAnalytics

/// A tiny dataset in the project format (datasets/FORMAT.md), written to a temporary folder
/// and loaded through ``ProjectDatasetReader`` and ``YearSnapshot``, so tests exercise the
/// same path as the CLI. Node ids follow the order of `nations`.
struct MiniWorld {
  struct NationRow {
    var id: String
    var lat: Double?
    var lon: Double?
    var capability: Double?
  }
  struct AllianceRow {
    var id: String
    var obligations: String
    var integratedCommand: Bool
    var members: [String]
    var status = ""
    var reliability: Double? = nil
    var scope = ""
    var provisions = ""
    var major = false
    var eligibility = "closed"
  }

  var nations: [NationRow] = []
  /// (a, b, type name).
  var ties: [(String, String, String)] = []
  var alliances: [AllianceRow] = []
  /// (a, b, intensity).
  var threats: [(String, String, Double)] = []
  var year = 2000

  /// A nation whose capital lies on the equator at `lon` degrees (1° = 111.195 km).
  mutating func nation(_ id: String, lon: Double?, capability: Double?, lat: Double? = 0) {
    nations.append(NationRow(id: id, lat: lon == nil ? nil : lat, lon: lon, capability: capability))
  }

  mutating func tie(_ a: String, _ b: String, _ type: String) { ties.append((a, b, type)) }
  mutating func threat(_ a: String, _ b: String, intensity: Double = 1) { threats.append((a, b, intensity)) }
  /// An alliance; `scope` is its channel_scope (empty: the format's default, collective).
  mutating func alliance(
    _ id: String, _ obligations: String, command: Bool = false, members: [String], status: String = "", reliability: Double? = nil,
    scope: String = "", provisions: String = "", major: Bool = false, eligibility: String = "closed"
  ) {
    alliances.append(
      AllianceRow(
        id: id, obligations: obligations, integratedCommand: command, members: members, status: status, reliability: reliability, scope: scope,
        provisions: provisions, major: major, eligibility: eligibility))
  }

  func csv(_ header: String, _ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

  func network() throws -> StrategicNetwork { try build().strategic }

  /// The dataset and its snapshot's dense form.
  func build() throws -> (strategic: StrategicNetwork, source: AllianceNetwork) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("analytics-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func write(_ name: String, _ text: String) throws {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
    try write(
      "dataset.json",
      #"{"format": "alliancegraph-dataset/1", "name": "mini", "asOf": \#(year), "capability": {"measure": "test"}}"#)
    try write("sources.csv", csv("id,publisher,title,date", ["s1,test,test,2000"]))
    try write(
      "nations.csv",
      csv("id,cow,abbr,name,region,capital,lat,lon,source", nations.map { "\($0.id),,\($0.id),\($0.id),Asia,c,\(number($0.lat)),\(number($0.lon)),s1" }))
    try write(
      "capabilities.csv",
      csv("nation,year,value,source", nations.compactMap { n in n.capability.map { "\(n.id),\(year),\($0),s1" } }))
    try write("ties.csv", csv("a,b,type,start,end,source", ties.map { "\($0.0),\($0.1),\($0.2),\(year),,s1" }))
    try write(
      "threats.csv",
      csv("a,b,kind,start,end,intensity,last_verified,source", threats.map { "\($0.0),\($0.1),listed,\(year),,\($0.2),\(year),s1" }))
    if !alliances.isEmpty {
      try write(
        "alliances.csv",
        csv(
          "id,name,obligations,start,end,integrated_command,source,status,reliability,channel_scope,eligibility,note,provisions,major",
          alliances.map {
            "\($0.id),\($0.id),\($0.obligations),\(year),,\($0.integratedCommand ? 1 : 0),s1,\($0.status),\(number($0.reliability)),\($0.scope),\($0.eligibility),test,\($0.provisions),\($0.major ? 1 : 0)"
          }))
      try write(
        "members.csv",
        csv("alliance,nation", alliances.flatMap { a in a.members.map { "\(a.id),\($0)" } }))
    }
    let dataset = try ProjectDatasetReader.read(DatasetFiles(folder: folder.path))
    let snapshot = try YearSnapshot(network: dataset, year: year)
    return (StrategicNetwork(snapshot: snapshot, network: dataset), dataset)
  }
}

extension StrategicNetwork {
  /// The node of dataset id `id` (the test fails loudly when it is missing).
  func callAsFunction(_ id: String) -> Int {
    guard let node = node(id: id) else { fatalError("no node \(id)") }
    return node
  }
}

extension ModelParameters {
  /// The path semantics of the first model version, for the hand-computed cases written
  /// against it: H = 3 for both E and D, no channel deepening, no provision multipliers. (The defaults, H = 2,
  /// H_D = 1 and δ > 0, have hand-computed cases of their own.)
  static var classic: ModelParameters {
    var p = ModelParameters()
    p.hops = 3
    p.defenseHops = 3
    p.provisionConditional = 1
    p.provisionAsymmetric = 1
    p.provisionInstitutionalised = 1
    for key in [\ModelParameters.deepeningExercise, \.deepeningTraining, \.deepeningIntelligence, \.deepeningTechnology, \.deepeningArms, \.deepeningAid] {
      p[keyPath: key] = 0
    }
    return p
  }
}

/// 1 degree of arc on a sphere of radius 6371 km: 111.195 km.
let kmPerDegree = Geography.earthRadius * Double.pi / 180

/// |a − b| ≤ tolerance · max(1, |a|, |b|) (both infinite with the same sign also match;
/// NaN matches NaN).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a.isInfinite || b.isInfinite { return a == b }
  return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Random small networks for property tests: capitals scattered over ±40° latitude, some
/// nations without a capital or with capability 0, random obligations and channels, threats,
/// and sometimes an alliance with an integrated command.
enum RandomWorlds {
  static let tieTypes = ["defense", "offense", "consultation", "neutrality", "nonaggression", "exercise", "arms", "intelligence"]

  static func world(seed: UInt64, nodes: ClosedRange<Int>, tieProbability: Double = 0.3, threatProbability: Double = 0.15) -> MiniWorld {
    var random = RandomStream(seed: seed, stream: 7)
    let n = nodes.lowerBound + Int(random.below(UInt64(nodes.count)))
    var world = MiniWorld()
    for v in 0..<n {
      let noCapital = random.unit() < 0.05
      let zero = random.unit() < 0.1
      let lat = (random.unit() * 80 - 40).rounded() / 1
      let lon = (random.unit() * 200 - 100).rounded() / 1
      world.nation(
        "N\(v)", lon: noCapital ? nil : lon, capability: zero ? 0 : (random.unit() * 10).rounded() / 2 + 0.5, lat: lat)
    }
    for a in 0..<n {
      for b in (a + 1)..<max(a + 1, n) {
        if random.unit() < tieProbability {
          world.tie("N\(a)", "N\(b)", tieTypes[Int(random.below(UInt64(tieTypes.count)))])
          if random.unit() < 0.2 { world.tie("N\(a)", "N\(b)", tieTypes[Int(random.below(UInt64(tieTypes.count)))]) }
        }
        if random.unit() < threatProbability { world.threat("N\(a)", "N\(b)") }
      }
    }
    if n >= 4 && random.unit() < 0.5 {
      var members: [String] = []
      for v in 0..<n where random.unit() < 0.4 { members.append("N\(v)") }
      if members.count >= 2 {
        world.alliance("ALL", random.unit() < 0.5 ? "defense" : "consultation;exercise", command: random.unit() < 0.5, members: members)
      }
    }
    return world
  }

  static func network(seed: UInt64, nodes: ClosedRange<Int> = 3...9, tieProbability: Double = 0.3) throws -> StrategicNetwork {
    try world(seed: seed, nodes: nodes, tieProbability: tieProbability).network()
  }

  static func parameters(seed: UInt64) -> ModelParameters {
    var random = RandomStream(seed: seed, stream: 99)
    var parameters = ModelParameters()
    parameters.hops = 1 + Int(random.below(4))
    parameters.defenseHops = 1 + Int(random.below(3))
    parameters.decay = DecayKind.allCases[Int(random.below(3))]
    parameters.halfDistance = 1000 + random.unit() * 5000
    return parameters
  }
}
