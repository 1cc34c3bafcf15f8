import Foundation

/// The libFuzzer entry point of the one fuzz binary: `FUZZ_TARGET` picks the target (see
/// Fuzz/README.md). Each target turns the input into files or bytes for one parser, checks
/// what parses against its invariants and that every reject is a thrown, well-formed error;
/// a violated invariant aborts, which libFuzzer records as a crash with its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: size == 0 ? nil : UnsafeRawPointer(data), count: size)
  FuzzTargets.selected.run(input)
  return 0
}

/// The targets, by the name `FUZZ_TARGET` gives.
enum FuzzTargets {
  struct Target {
    let name: String
    let summary: String
    let run: (UnsafeRawBufferPointer) -> Void
  }

  static let all: [Target] = [
    Target(name: "edgelist", summary: "SNAP edge lists, integer labels, weights", run: EdgeListTarget.run),
    Target(name: "edgelist-string", summary: "SNAP edge lists, string labels, weights", run: StringEdgeListTarget.run),
    Target(name: "snapshot", summary: "binary snapshots (.bin)", run: SnapshotTarget.run),
    Target(name: "manifest", summary: "dataset.json", run: ManifestTarget.run),
    Target(name: "dataset", summary: "a dataset in the project's format, every table", run: DatasetTarget.run),
    Target(name: "reference", summary: "ATOP and COW files", run: ReferenceTarget.run),
    Target(name: "scenario", summary: "scenario files", run: ScenarioTarget.run),
    Target(name: "aliases", summary: "nation names and aliases, group files", run: AliasTarget.run),
  ]

  static let selected: Target = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = all.first(where: { $0.name == name }) else {
      var text = "FUZZ_TARGET=\(name.isEmpty ? "(unset)" : name) is not a target; set it to one of:\n"
      for target in all {
        text += "  \(target.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(target.summary)\n"
      }
      FileHandle.standardError.write(Data(text.utf8))
      exit(2)
    }
    return target
  }()
}
