import AllianceAnalytics
import AllianceModel
import ArgumentParser
import GraphCore

/// The dataset, year, model parameters and output format every analytics command takes.
struct AnalysisOptions: ParsableArguments {
  @Argument(help: "Dataset: a folder in the project's format, a folder of ATOP/COW files, or omitted for the built-in curated dataset.")
  var dataset: String?

  @Option(name: .long, help: "Year of the snapshot (default: the dataset's as-of year; for ATOP/COW data its last year).")
  var year: Int?

  @Option(name: .long, help: "NMC column used as capability for ATOP/COW data: \(CapabilityColumn.allCases.map(\.rawValue).joined(separator: ", ")).")
  var capability: CapabilityColumn = .cinc

  @Option(name: .long, help: "Capability measure of a project dataset other than its default (one of its manifest's capability.alternatives, e.g. sipri-milex for the curated dataset).")
  var capabilityMeasure: String?

  @Option(name: .customLong("dispute-window"), help: "Opponents in militarized disputes of the previous W years count as threats (0: none).")
  var disputeWindowOption: Int = 10

  /// The dispute window in effect (`--dispute-window`, or `--params`' when not given).
  var disputeWindow: Int { parameters.disputeWindow }

  @Option(name: .long, help: "Threads to use (default: all cores).")
  var threads: Int = Parallel.availableCores

  @Flag(name: .long, help: "Print the time of each phase on standard error.")
  var timings = false

  @OptionGroup var output: OutputFormatOption

  @OptionGroup(title: "Model parameters") var model: ModelParameterOptions

  /// Runs `body`, printing its wall time with `--timings`.
  func timed<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock.now
    let result = try body()
    if timings { printTiming(what, (ContinuousClock.now - clock).seconds) }
    return result
  }

  func validate() throws {
    if disputeWindowOption < 0 { throw ValidationError("--dispute-window must be non-negative, got \(disputeWindowOption)") }
    if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
  }

  var parameters: ModelParameters { model.parameters(disputeWindow: disputeWindowOption) }

  /// Loads the dataset (warnings on stderr).
  func loadNetwork() throws -> AllianceNetwork {
    let network = try timed("load") { try DatasetLoader.load(dataset, capability: capability).usingCapability(measure: capabilityMeasure) }
    for warning in network.warnings.prefix(10) { printWarning(warning.description) }
    if network.warnings.count > 10 { printWarning("… and \(network.warnings.count - 10) more dataset warnings (see alliance info)") }
    return network
  }

  /// The snapshot of `year` (default `--year` or the as-of year) in dense form.
  func analysisYear(_ network: AllianceNetwork, year chosen: Int? = nil, quiet: Bool = false) throws -> AnalysisYear {
    let y = chosen ?? year ?? network.metadata.asOf
    let snapshot = try YearSnapshot(network: network, year: y, options: SnapshotOptions(disputeWindow: disputeWindow))
    if !quiet { for warning in snapshot.warnings { printWarning(warning.description) } }
    return AnalysisYear(network: network, snapshot: snapshot, strategic: StrategicNetwork(snapshot: snapshot, network: network))
  }
}

/// One year ready for analysis.
struct AnalysisYear {
  let network: AllianceNetwork
  let snapshot: YearSnapshot
  let strategic: StrategicNetwork

  /// The node of the nation named `text` (code, abbreviation or name).
  /// - Throws: when unknown, absent this year, or (with `needsData`) without capability or capital.
  func node(_ text: String, option: String, needsData: Bool = false) throws -> Int {
    let index = try network.resolve(text) { snapshot.node(ofNation: $0) != nil }
    guard let node = snapshot.node(ofNation: index) else {
      throw DataError("\(option) \(text): \(network.nations[index].name) is not in the \(snapshot.year) snapshot")
    }
    if needsData {
      guard snapshot.capabilityKnown[Int(node)] else {
        throw DataError("\(option) \(text): \(network.nations[index].name) has no capability data in \(snapshot.year)")
      }
      guard snapshot.latitude[Int(node)].isFinite else {
        throw DataError("\(option) \(text): \(network.nations[index].name) has no capital coordinates in \(snapshot.year)")
      }
    }
    return Int(node)
  }

  /// The nodes of group `name` (a built-in or dataset group, a region, or a file of codes)
  /// present this year; absent members are reported on stderr.
  func group(_ name: String) throws -> [Int] {
    if let group = network.group(named: name) {
      let present = group.members.compactMap { snapshot.node(ofNation: $0) }.map { Int($0) }
      let absent = group.members.count - present.count + group.missing.count
      if absent > 0 { printWarning("group \(name): \(absent) member(s) are not in the \(snapshot.year) snapshot") }
      return present.sorted()
    }
    if let codes = BuiltInGroups.cowCodes(of: name) {
      var present: [Int] = []
      for code in codes {
        if let index = try? network.resolve(String(code)), let node = snapshot.node(ofNation: index) { present.append(Int(node)) }
      }
      if present.count < codes.count { printWarning("group \(name): \(codes.count - present.count) member(s) are not in the \(snapshot.year) snapshot") }
      return present.sorted()
    }
    if FileBytes.isFile(name) {
      let text = String(decoding: try FileBytes.read(path: name), as: UTF8.self)
      var present: [Int] = []
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = line.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        guard !code.isEmpty, !code.hasPrefix("#") else { continue }
        if number == 0 && (try? network.resolve(code)) == nil { continue }  // a header
        let index: Int
        do { index = try network.resolve(code) { snapshot.node(ofNation: $0) != nil } } catch {
          throw InputError(file: name, line: number + 1, field: "nation", error.description)
        }
        if let node = snapshot.node(ofNation: index) { present.append(Int(node)) }
      }
      return present.sorted()
    }
    let known = (network.groups.map(\.name) + BuiltInGroups.names + Region.allCases.map(\.groupName)).sorted()
    throw DataError("unknown group \"\(name)\": expected one of \(Set(known).sorted().joined(separator: ", ")) or a file of nation codes")
  }

  /// The year of node `i`'s capability value, or empty when unknown.
  func capabilityYearCell(_ i: Int) -> Cell { strategic.capabilityYear[i].map { .int($0) } ?? .text("") }

  /// "capability: milex (million current US$), COW NMC 2022; N nations with values before 2020".
  var capabilityNote: String {
    let m = network.metadata
    var text = "capability: \(m.capabilityMeasure)\(m.capabilityUnit.isEmpty ? "" : " (\(m.capabilityUnit))")"
    if let y = m.capabilityYear { text += ", year \(y)" }
    if let source = m.capabilitySource { text += ", source \(source)" }
    let cutoff = InputFlags.cutoff(for: strategic.year)
    let old = strategic.capabilityYear.compactMap { $0 }.filter { $0 < cutoff }.count
    if old > 0 { text += "; \(old) nation(s) use a value from before \(cutoff) (see capability_year)" }
    return text
  }

  var ids: [String] { strategic.ids }
  var names: [String] { strategic.names }
}

/// A problem with what the data holds for a request (an unknown nation, a nation absent in
/// that year, an alliance not in force): exit status 1, without the usage text.
struct DataError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
