import Foundation
@testable import AllianceModel
import GraphCore

/// `manifest`: `dataset.json` alone. What reads must hold the required keys with a year in
/// range; a reject must be an ``InputError`` on `dataset.json`, with a line and column when
/// the JSON itself is broken (and only then: a manifest Foundation parses is never called
/// "not valid JSON").
enum ManifestTarget {
  static let prefix = "fuzz/"

  static func run(_ data: UnsafeRawBufferPointer) {
    let bytes = Array(data)
    let files = DatasetFiles(contents: ["dataset.json": bytes], displayPrefix: prefix)
    let parses = (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil
    do {
      let metadata = try ProjectDatasetReader.readManifest(files)
      require(parses, "a manifest Foundation cannot parse was read")
      require(ProjectDatasetReader.years.contains(metadata.asOf), "asOf \(metadata.asOf)")
      if let year = metadata.capabilityYear {
        require(ProjectDatasetReader.years.contains(year), "capability.year \(year)")
      }
    } catch {
      requireInputError(error, path: prefix + "dataset.json")
      let input = error as! InputError
      let syntax = input.message.hasPrefix("not valid JSON")
      require(syntax == !parses, "\(parses ? "parsed" : "unparsable") JSON reported as \(input)")
      if syntax, let line = input.line {
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        require(
          line <= lines && (input.column ?? 1) >= 1, "position \(line):\(input.column ?? 0) outside \(lines) lines")
      }
    }
  }
}
