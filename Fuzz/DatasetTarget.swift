@testable import AllianceModel
import GraphCore

/// `dataset`: a whole dataset in the project's format, as a bundle of files (`=== name`
/// lines, see ``FileBundle``): `dataset.json` and every table. A dataset that loads must
/// resolve every reference (``NetworkChecks``); a reject must be an ``InputError`` naming
/// one of its files.
enum DatasetTarget {
  static let files: Set<String> = [
    "dataset.json", "sources.csv", "nations.csv", "capabilities.csv", "alliances.csv", "members.csv", "ties.csv",
    "threats.csv", "groups.csv", "nuclear.csv", "contiguity.csv",
  ]
  static let prefix = "fuzz/"

  static func run(_ data: UnsafeRawBufferPointer) {
    let bundle = FileBundle.split(data, allowed: files)
    do {
      let network = try ProjectDatasetReader.read(DatasetFiles(contents: bundle, displayPrefix: prefix))
      NetworkChecks.check(network, what: "dataset")
      for warning in network.warnings { require(warning.file.hasPrefix(prefix), "warning on \(warning.file)") }
    } catch {
      requireInputError(error, path: prefix)
      let file = String((error as! InputError).file.dropFirst(prefix.count))
      require(files.contains(file), "the error names \(file), not a dataset file")
    }
  }
}
