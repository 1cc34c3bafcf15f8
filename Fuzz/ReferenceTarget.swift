import Foundation
@testable import AllianceModel
import GraphCore

/// `reference`: the ATOP and COW importers, on a bundle of their files (`=== cow/states.csv`
/// lines, see ``FileBundle``) written to a scratch folder laid out like `../shared/data`.
/// A network that loads must resolve every reference (``NetworkChecks``); a reject must be
/// an ``InputError`` naming one of the files.
enum ReferenceTarget {
  static let files: Set<String> = [
    "atop/atop5-dyad-year.csv", "atop/atop4-alliance-level.csv", "atop/atop4-member-level.csv", "cow/states.csv",
    "cow/major-powers.csv", "cow/nmc.csv", "cow/capitals.csv", "cow/contiguity.csv", "cow/mid-dyad-year.csv",
    "rivalries.csv", "territorial-threat.csv",
  ]

  static func run(_ data: UnsafeRawBufferPointer) {
    let bundle = FileBundle.split(data, allowed: files)
    let folder = Scratch.path("reference")
    for name in files {
      let path = folder + "/" + name
      if let bytes = bundle[name] {
        Scratch.write(bytes, to: "reference/" + name)
      } else {
        unlink(path)
      }
    }
    do {
      let network = try ReferenceDataReader.read(folder: folder)
      NetworkChecks.check(network, what: "reference data")
    } catch {
      requireInputError(error, path: folder + "/")
    }
  }
}
