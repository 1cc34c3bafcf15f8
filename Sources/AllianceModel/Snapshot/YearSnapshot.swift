import GraphCore

/// How a year's snapshot is formed.
public struct SnapshotOptions: Sendable, Hashable {
  /// Opponents in militarized disputes in years y−W … y−1 count as threats (W = 0: none).
  public var disputeWindow: Int
  /// Listed threats (rivalries, a dataset's threat pairs) count; off: dispute opponents only
  /// (backtests with `--threats disputes`: rivalries are coded after the fact).
  public var listedThreats: Bool
  public init(disputeWindow: Int = 10, listedThreats: Bool = true) {
    self.disputeWindow = disputeWindow
    self.listedThreats = listedThreats
  }
}

/// One source of obligation ties between two nodes: an alliance in force with both as
/// members, or a tie of its own, with what bears on its reliability (status, provisions,
/// an explicit reliability). The analytics take, per pair and layer, the best r over the
/// pair's sources (``YearSnapshot/obligationSources``).
public struct ObligationSource: Sendable, Hashable {
  /// Snapshot node ids, `u < v`.
  public let u: UInt32
  public let v: UInt32
  /// The obligation types this source creates between them.
  public let types: TieTypeSet
  /// The weakest of the source's and both members' statuses.
  public let status: TieStatus
  /// The explicit reliability, when the dataset gives one.
  public let reliability: Double?
  /// The treaty's ATOP-style provisions (empty for a tie of its own).
  public let provisions: TreatyProvisions
  /// The alliance or tie it comes from (`alliance id` or `a–b type`).
  public let origin: String
  /// Index into ``AllianceNetwork/alliances`` when the source is an alliance (a treaty for
  /// Monte Carlo's common shocks), else `nil`.
  public let alliance: Int?

  public init(
    u: UInt32, v: UInt32, types: TieTypeSet, status: TieStatus = .active, reliability: Double? = nil, provisions: TreatyProvisions = [],
    origin: String, alliance: Int? = nil
  ) {
    self.u = min(u, v)
    self.v = max(u, v)
    self.types = types
    self.status = status
    self.reliability = reliability
    self.provisions = provisions
    self.origin = origin
    self.alliance = alliance
  }
}

/// An alliance in force in a snapshot's year, with its members as snapshot node ids.
public struct ActiveAlliance: Sendable, Hashable {
  /// Index into ``AllianceNetwork/alliances``.
  public let alliance: Int
  /// Members in force, as snapshot node ids (sorted).
  public let members: [UInt32]
}

/// One year of a network as graphs: CSR layers per tie type, a union, threats and
/// contiguity, over the nations present that year (node ids `0..<nodeCount`).
///
/// Node order follows the network's nation order. All graphs are undirected.
public struct YearSnapshot: Sendable {
  public let year: Int
  /// Network nation index of every node.
  public let nations: [Int]
  /// Node labels: the nations' dataset ids.
  public let labels: NodeLabelMap
  /// Capability per node (0 when unknown; see ``capabilityKnown``).
  public let capability: [Double]
  public let capabilityKnown: [Bool]
  /// The year of the capability value used per node (`nil` when unknown).
  public let capabilityYear: [Int?]
  /// Whether the node's capability value is of low confidence.
  public let capabilityLowConfidence: [Bool]
  /// Nuclear weapons of its own this year.
  public let nuclear: [Bool]
  /// Capital coordinates per node in degrees; NaN when unknown.
  public let latitude: [Double]
  public let longitude: [Double]
  public let region: [Region?]
  public let majorPower: [Bool]
  /// One graph per ``TieType``, indexed by its raw value.
  public let layers: [CSRGraph]
  /// Every pair with any tie; ``unionTypes`` holds each entry's tie types (parallel to
  /// `union.targets`), and the weight is the number of types.
  public let union: CSRGraph
  public let unionTypes: [TieTypeSet]
  /// Mutual threats in force (rivalries, listed threats, recent dispute opponents); the
  /// weight of each entry is its intensity w (the largest of the pair's threats; disputes 1).
  public let threats: CSRGraph
  /// Every obligation source of every pair (alliances in force, ties of their own), sorted
  /// by pair; pairs with obligations but no source (ATOP dyad-years without a v4 treaty)
  /// use the base r₀ of their types.
  public let obligationSources: [ObligationSource]
  /// Direct contiguity on 1 July (land or up to 400 miles of water).
  public let contiguity: CSRGraph
  public let alliances: [ActiveAlliance]
  /// Data problems of this year (missing capitals or capabilities, years past a source's end).
  public let warnings: [DatasetWarning]

  /// Snapshot node per network nation; `UInt32.max` when absent.
  private let localIndex: [UInt32]

  public var nodeCount: Int { nations.count }

  /// The graph of one tie type.
  public func layer(_ type: TieType) -> CSRGraph { layers[Int(type.rawValue)] }

  /// The snapshot node of network nation `index`, or `nil` when absent this year.
  public func node(ofNation index: Int) -> UInt32? {
    index >= 0 && index < localIndex.count && localIndex[index] != .max ? localIndex[index] : nil
  }

  /// The tie types between nodes `u` and `v` (empty when none). O(log degree).
  public func types(between u: UInt32, and v: UInt32) -> TieTypeSet {
    let start = union.offsets[Int(u)], end = union.offsets[Int(u) + 1]
    var low = start, high = end
    while low < high {
      let mid = (low + high) / 2
      if union.targets[mid] < v { low = mid + 1 } else { high = mid }
    }
    return low < end && union.targets[low] == v ? unionTypes[low] : []
  }

  /// Builds the snapshot of `year`.
  ///
  /// O(nations + ties in force + dyad rows of the year + threats + disputes).
  /// - Throws: ``SnapshotError`` when `year` lies outside the network's years.
  public init(network: AllianceNetwork, year: Int, options: SnapshotOptions = SnapshotOptions()) throws(SnapshotError) {
    guard network.years.contains(year) else {
      throw .yearOutOfRange(year, network.years, network.metadata.location)
    }
    self.year = year
    var warnings: [DatasetWarning] = []
    let location = network.metadata.location
    for source in network.coverage where year > source.lastYear {
      warnings.append(DatasetWarning(file: location, "year \(year) lies beyond \(source.name), which ends in \(source.lastYear)"))
    }

    // Nations present: system members, plus any nation with a dyad-year tie this year.
    var present = [Bool](repeating: false, count: network.nations.count)
    for index in network.nations.indices where network.isSystemMember(index, in: year) { present[index] = true }
    let dyadRows = network.dyadYears?.rows(in: year) ?? 0..<0
    if let table = network.dyadYears {
      for row in dyadRows {
        present[Int(table.a[row])] = true
        present[Int(table.b[row])] = true
      }
    }
    var nations: [Int] = []
    var localIndex = [UInt32](repeating: .max, count: present.count)
    for index in present.indices where present[index] {
      localIndex[index] = UInt32(nations.count)
      nations.append(index)
    }
    self.nations = nations
    self.localIndex = localIndex
    let n = nations.count
    labels = NodeLabelMap(strings: nations.map { network.nations[$0].id })
    region = nations.map { network.nations[$0].region }
    majorPower = nations.map { index in network.majorPowers[index]?.contains { $0.contains(year) } ?? false }

    // Capability and capital.
    var capability = [Double](repeating: 0, count: n)
    var known = [Bool](repeating: false, count: n)
    var capabilityYear = [Int?](repeating: nil, count: n)
    var lowCapability = [Bool](repeating: false, count: n)
    var latitude = [Double](repeating: .nan, count: n)
    var longitude = [Double](repeating: .nan, count: n)
    var noCapability: [String] = [], noCapital: [String] = [], staleCapability: [String] = []
    let day = Day.midYear(year)
    for (node, index) in nations.enumerated() {
      let series = network.capabilities[index]
      switch network.capabilityRule {
      case .latestAtOrBefore:
        if let (y, value) = series.latest(atOrBefore: year) {
          capability[node] = value
          known[node] = true
          capabilityYear[node] = y
          lowCapability[node] = series.confidence(exactly: y) == .low
          if y > year { staleCapability.append(network.nations[index].id) }
        }
      case .exactYear(let sourceEnd):
        if let value = series.value(exactly: min(year, sourceEnd)) {
          capability[node] = value
          known[node] = true
          capabilityYear[node] = min(year, sourceEnd)
        }
      }
      if !known[node] { noCapability.append(network.nations[index].id) }
      if let capital = network.nations[index].capital(on: day) {
        latitude[node] = capital.latitude
        longitude[node] = capital.longitude
      } else {
        noCapital.append(network.nations[index].id)
      }
    }
    func listed(_ ids: [String]) -> String {
      ids.count <= 8 ? ids.joined(separator: ", ") : ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more"
    }
    if !noCapability.isEmpty {
      warnings.append(DatasetWarning(file: location, "\(year): \(noCapability.count) nation(s) without capability data, treated as 0: \(listed(noCapability))"))
    }
    if !staleCapability.isEmpty {
      warnings.append(DatasetWarning(file: location, "\(year): \(staleCapability.count) nation(s) have only later capability values; the earliest is used: \(listed(staleCapability))"))
    }
    if !noCapital.isEmpty {
      warnings.append(DatasetWarning(file: location, "\(year): \(noCapital.count) nation(s) without a capital on \(day), distances unknown: \(listed(noCapital))"))
    }
    self.capability = capability
    capabilityKnown = known
    self.capabilityYear = capabilityYear
    capabilityLowConfidence = lowCapability
    nuclear = nations.map { network.isNuclear($0, in: year) }
    self.latitude = latitude
    self.longitude = longitude

    // Ties: dyad-year rows, explicit ties, and alliances that expand into ties.
    // Pairs packed as (low << 20 | high) << 16 | mask, sorted and merged below.
    var packed: [UInt64] = []
    func add(_ a: Int, _ b: Int, _ mask: UInt16) {
      let u = localIndex[a], v = localIndex[b]
      guard mask != 0, u != .max, v != .max, u != v else { return }
      packed.append((UInt64(min(u, v)) << 20 | UInt64(max(u, v))) << 16 | UInt64(mask))
    }
    if let table = network.dyadYears {
      packed.reserveCapacity(dyadRows.count)
      for row in dyadRows { add(Int(table.a[row]), Int(table.b[row]), UInt16(table.mask[row])) }
    }
    // Every obligation source per pair.
    var sources: [ObligationSource] = []
    func note(
      _ a: Int, _ b: Int, _ types: TieTypeSet, _ status: TieStatus, _ reliability: Double?, _ provisions: TreatyProvisions, _ origin: String,
      _ alliance: Int?
    ) {
      let obligations = types.obligations
      let u = localIndex[a], v = localIndex[b]
      guard !obligations.isEmpty, u != .max, v != .max, u != v else { return }
      sources.append(
        ObligationSource(
          u: u, v: v, types: obligations, status: status, reliability: reliability, provisions: provisions, origin: origin, alliance: alliance))
    }
    for tie in network.ties where tie.span.contains(year) {
      add(tie.a, tie.b, TieTypeSet(tie.type).rawValue)
      note(tie.a, tie.b, TieTypeSet(tie.type), tie.status, tie.reliability, [], "\(network.nations[tie.a].id)–\(network.nations[tie.b].id) \(tie.type)", nil)
    }
    var active: [ActiveAlliance] = []
    for (index, alliance) in network.alliances.enumerated() {
      let memberNations = alliance.members(in: year)
      let members = memberNations.compactMap { localNode(localIndex, $0) }.sorted()
      guard !members.isEmpty else { continue }
      active.append(ActiveAlliance(alliance: index, members: members))
      let pairTypes = alliance.pairwiseTypes
      guard !pairTypes.obligations.isEmpty || (alliance.generatesTies && !pairTypes.isEmpty) else { continue }
      for i in members.indices {
        for j in members.indices where j > i {
          let a = nations[Int(members[i])], b = nations[Int(members[j])]
          // ATOP alliances take their ties from the dyad-year file; they still give the
          // pair's treaty (provisions) for its reliability.
          if alliance.generatesTies { add(a, b, pairTypes.rawValue) }
          let status = TieStatus.weakest(
            alliance.status,
            TieStatus.weakest(alliance.memberStatus(a, in: year) ?? .active, alliance.memberStatus(b, in: year) ?? .active))
          note(a, b, pairTypes, status, alliance.reliability, alliance.provisions, alliance.id, index)
        }
      }
    }
    alliances = active
    obligationSources = sources.sorted { ($0.u, $0.v, $0.origin) < ($1.u, $1.v, $1.origin) }

    packed.sort()
    var layerEdges = [EdgeList](repeating: EdgeList(nodeCount: n), count: TieType.allCases.count)
    var maskEdges = EdgeList(nodeCount: n, weights: [])
    var index = 0
    while index < packed.count {
      let key = packed[index] >> 16
      var mask = UInt16(packed[index] & 0xFFFF)
      index += 1
      while index < packed.count && packed[index] >> 16 == key {
        mask |= UInt16(packed[index] & 0xFFFF)
        index += 1
      }
      let u = UInt32(key >> 20), v = UInt32(key & 0xFFFFF)
      for type in TieTypeSet(rawValue: mask).types { layerEdges[Int(type.rawValue)].append(u, v) }
      maskEdges.append(u, v, weight: Double(mask))
    }
    let buildOptions = BuildOptions(directed: false, threads: 1)
    layers = layerEdges.map { CSRGraph(edges: $0, options: buildOptions) }
    // The mask rides through the builder as the weight; the union's weight is the number of types.
    let maskGraph = CSRGraph(edges: maskEdges, options: buildOptions)
    let masks = (maskGraph.weights ?? []).map { TieTypeSet(rawValue: UInt16($0)) }
    unionTypes = masks
    union = CSRGraph(
      uncheckedOffsets: maskGraph.offsets, targets: maskGraph.targets,
      weights: masks.map { Double($0.rawValue.nonzeroBitCount) }, isDirected: false)

    // Threats: pairs in force, plus opponents in disputes of the previous W years; a pair's
    // intensity is the largest of its threats'.
    var threatPairs: [UInt64: Double] = [:]
    func addThreat(_ a: Int, _ b: Int, _ intensity: Double) {
      let u = localIndex[a], v = localIndex[b]
      guard u != .max, v != .max, u != v else { return }
      let key = UInt64(min(u, v)) << 32 | UInt64(max(u, v))
      threatPairs[key] = max(threatPairs[key] ?? 0, intensity)
    }
    for threat in network.threats where options.listedThreats && threat.span.contains(year) { addThreat(threat.a, threat.b, threat.intensity) }
    if options.disputeWindow > 0 {
      let window = (year - options.disputeWindow)...(year - 1)
      for dispute in network.disputes where window.contains(dispute.year) { addThreat(dispute.a, dispute.b, 1) }
    }
    var threatEdges = EdgeList(nodeCount: n, weights: [])
    for key in threatPairs.keys.sorted() {
      threatEdges.append(UInt32(key >> 32), UInt32(key & 0xFFFF_FFFF), weight: threatPairs[key]!)
    }
    threats = CSRGraph(edges: threatEdges, options: buildOptions)

    var contiguityPairs = Set<UInt64>()
    for spell in network.contiguity where spell.from <= day && day <= spell.to {
      let u = localIndex[spell.a], v = localIndex[spell.b]
      guard u != .max, v != .max, u != v else { continue }
      contiguityPairs.insert(UInt64(min(u, v)) << 32 | UInt64(max(u, v)))
    }
    var contiguityEdges = EdgeList(nodeCount: n)
    for key in contiguityPairs.sorted() { contiguityEdges.append(UInt32(key >> 32), UInt32(key & 0xFFFF_FFFF)) }
    contiguity = CSRGraph(edges: contiguityEdges, options: buildOptions)
    self.warnings = warnings
  }
}

/// The snapshot node of `nation` in a local-index table, or `nil`.
private func localNode(_ table: [UInt32], _ nation: Int) -> UInt32? { table[nation] == .max ? nil : table[nation] }

/// A year outside a dataset.
public enum SnapshotError: Error, CustomStringConvertible, Equatable {
  case yearOutOfRange(Int, ClosedRange<Int>, String)

  public var description: String {
    switch self {
    case .yearOutOfRange(let year, let range, let location):
      "\(location): year \(year) is outside the data: expected a year in \(range.lowerBound)…\(range.upperBound)"
    }
  }
}
