import AllianceModel
import ArgumentParser
import GraphCore

/// Which graph of a snapshot a graph command works on.
enum SnapshotLayer: String, ExpressibleByArgument, CaseIterable {
  /// Every pair with any treaty obligation.
  case obligations
  /// Defense, offense or consultation: the ties that carry capability.
  case capability
  /// Cooperation channels only.
  case channels
  /// Every tie, obligations and channels.
  case all
  case defense, offense, neutrality, nonaggression, consultation
  case exercise, training, intelligence, technology, arms, aid
  /// Threat pairs.
  case threats
}

/// Options for reading a dataset and choosing its year.
struct DatasetFlags: ParsableArguments {
  @Option(name: .long, help: "Year of the snapshot (default: the dataset's as-of year; for ATOP/COW data its last year).")
  var year: Int?

  @Option(name: .long, help: "NMC column used as capability for ATOP/COW data: \(CapabilityColumn.allCases.map(\.rawValue).joined(separator: ", ")).")
  var capability: CapabilityColumn = .cinc

  @Option(name: .long, help: "Capability measure of a project dataset other than its default (one of its manifest's capability.alternatives, e.g. sipri-milex for the curated dataset).")
  var capabilityMeasure: String?

  @Option(name: .long, help: "Opponents in militarized disputes of the previous W years count as threats (0: none).")
  var disputeWindow: Int = 10

  @Option(name: .long, help: "Graph of the snapshot for graph metrics and exports: \(SnapshotLayer.allCases.map(\.rawValue).joined(separator: ", ")).")
  var layer: SnapshotLayer = .obligations

  func validate() throws {
    if disputeWindow < 0 { throw ValidationError("--dispute-window must be non-negative, got \(disputeWindow)") }
  }

  /// Loads the dataset at `location` and builds the snapshot of `--year`; prints its
  /// warnings on standard error.
  func open(_ location: String?) throws -> OpenedDataset {
    let network = try DatasetLoader.load(location, capability: capability).usingCapability(measure: capabilityMeasure)
    for warning in network.warnings.prefix(20) { printWarning(warning.description) }
    if network.warnings.count > 20 { printWarning("… and \(network.warnings.count - 20) more dataset warnings") }
    let chosen = year ?? network.metadata.asOf
    let snapshot = try YearSnapshot(network: network, year: chosen, options: SnapshotOptions(disputeWindow: disputeWindow))
    for warning in snapshot.warnings { printWarning(warning.description) }
    return OpenedDataset(network: network, snapshot: snapshot)
  }
}

extension CapabilityColumn: ExpressibleByArgument {}

extension AllianceNetwork {
  /// The network with `--capability-measure` applied (unchanged when `nil`).
  /// - Throws: ``DataError`` for a measure the dataset does not hold or an ATOP/COW folder.
  func usingCapability(measure: String?) throws -> AllianceNetwork {
    guard let measure else { return self }
    guard metadata.layout == .project else {
      throw DataError("--capability-measure applies to project datasets; for ATOP/COW data use --capability")
    }
    do { return try usingCapability(measure) } catch { throw DataError("--capability-measure: \(error.description)") }
  }
}

/// A loaded dataset and the snapshot of the chosen year.
struct OpenedDataset {
  var network: AllianceNetwork
  var snapshot: YearSnapshot
}

extension YearSnapshot {
  /// The graph of `layer`: a single tie type, a union of several, or threats.
  func layerGraph(_ layer: SnapshotLayer) -> CSRGraph {
    let types: TieTypeSet
    switch layer {
    case .threats: return threats
    case .all: return union
    case .obligations: types = TieTypeSet(TieType.obligations)
    case .capability: types = TieTypeSet([.defense, .offense, .consultation])
    case .channels: types = TieTypeSet(TieType.channels)
    default: return self.layer(TieType(name: layer.rawValue)!)
    }
    var edges = EdgeList(nodeCount: nodeCount)
    for u in 0..<nodeCount {
      for entry in union.offsets[u]..<union.offsets[u + 1] where Int(union.targets[entry]) > u {
        if !unionTypes[entry].intersection(types).isEmpty { edges.append(UInt32(u), union.targets[entry]) }
      }
    }
    return CSRGraph(edges: edges, options: BuildOptions(directed: false, threads: 1))
  }
}
