@testable import AllianceAnalytics
import AllianceModel
import GraphCore

/// `scenario`: scenario files (`whatif --scenario FILE`), parsed against the built-in
/// curated dataset's as-of year and applied to its strategic network. Every change that
/// parses must name nodes of the year and a finite capability; applying it either succeeds,
/// leaving capabilities finite and non-negative, or throws ``ScenarioError``. A reject must be
/// an ``InputError`` on the file with its line.
enum ScenarioTarget {
  static let year: AnalysisYear = {
    do { return try AnalysisYear(DatasetLoader.builtIn()) } catch {
      violated("the curated dataset does not load: \(error)")
    }
  }()
  static let path = "fuzz/scenario.txt"

  static func run(_ data: UnsafeRawBufferPointer) {
    let parser = ScenarioParser(year: year)
    let n = year.snapshot.nations.count
    let changes: [ScenarioChange]
    do { changes = try parser.parse(Array(data), file: path) } catch {
      requireInputError(error, path: path)
      require((error as! InputError).line != nil, "no line in \(error)")
      return
    }
    func node(_ k: Int) { require(k >= 0 && k < n, "node \(k) of \(n)") }
    for change in changes {
      switch change {
      case .defect(let k): node(k)
      case .dropTie(let a, let b): node(a); node(b)
      case .addTie(let a, let b, _), .addChannel(let a, let b, _), .dropChannel(let a, let b, _): node(a); node(b)
      case .joinAlliance(let k, let id): node(k); require(!id.isEmpty, "join an unnamed alliance")
      case .dropAlliance(let id): require(!id.isEmpty, "drop an unnamed alliance")
      case .addAlliance(_, let members, _): members.forEach(node)
      case .setCapability(let k, let value): node(k); require(value.isFinite && value >= 0, "capability \(value)")
      }
    }
    var network = year.strategic
    do {
      try Scenario.apply(changes, to: &network)
      require(
        network.capability.allSatisfy { $0.isFinite && $0 >= 0 },
        "a capability became \(network.capability.first { !$0.isFinite || $0 < 0 }!)")
    } catch {
      _ = error.description
    }
  }
}
