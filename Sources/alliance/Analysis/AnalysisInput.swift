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

  /// Shown by `--help-hidden`, not in `--help`: the 33 model parameters would otherwise
  /// come before the command's own options (argument-parser prints titled groups first).
  @OptionGroup(title: "Model parameters", visibility: .hidden) var model: ModelParameterOptions

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
    let analysis: AnalysisYear
    do {
      analysis = try AnalysisYear(network, year: chosen ?? year, parameters: parameters)
    } catch {
      throw DataError(error.description)
    }
    if !quiet { for warning in analysis.snapshot.warnings { printWarning(warning.description) } }
    return analysis
  }
}

/// The command-line side of ``AnalysisYear``: errors that name the option, warnings on
/// standard error, and the cells the tables share.
extension AnalysisYear {
  /// The node of the nation named `text` (code, abbreviation, name or alias).
  /// - Throws: when unknown, absent this year, or (with `needsData`) without capability or capital.
  func node(_ text: String, option: String, needsData: Bool = false) throws -> Int {
    do {
      return try node(text, needsData: needsData)
    } catch .lookup(let error) {
      throw DataError(error.description)
    } catch {
      throw DataError("\(option) \(text): \(error)")
    }
  }

  /// The nodes of group `name` (a built-in or dataset group, a region, or a file of codes)
  /// present this year; absent members are reported on stderr.
  func groupNodes(_ name: String) throws -> [Int] {
    let found: (nodes: [Int], absent: Int)
    do {
      found = try group(name)
    } catch let error as GroupError {
      throw DataError(error.description)
    }
    if found.absent > 0 { printWarning("group \(name): \(found.absent) member(s) are not in the \(snapshot.year) snapshot") }
    return found.nodes
  }

  /// The year of node `i`'s capability value, or empty when unknown.
  func capabilityYearCell(_ i: Int) -> Cell { strategic.capabilityYear[i].map { .int($0) } ?? .missing }

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

}

/// A problem with what the data holds for a request (an unknown nation, a nation absent in
/// that year, an alliance not in force): exit status 1, without the usage text.
struct DataError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
