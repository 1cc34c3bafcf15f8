@testable import AllianceModel
import Foundation
import GraphCore

/// `aliases`: nation names as commands take them (`--focus`, `--defect`, group files),
/// resolved against the built-in curated dataset and the committed ATOP/COW excerpt, whose
/// COW codes bring in the alias table (``NationAliases``). Each of the input's first four lines is one name: a
/// name that resolves must give a nation whose own id resolves back to it, and the folded
/// form (``NationAliases/key(_:)``) must be a fixed point; a name that does not resolve must
/// be a ``NationLookupError`` with at most five suggestions. The whole input is also read as a
/// group file of the curated dataset (``AllianceNetwork/resolveGroup(_:preferring:)``).
enum AliasTarget {
  static let networks: [AllianceNetwork] = {
    do {
      return [
        try DatasetLoader.builtIn(),
        try ReferenceDataReader.read(folder: repositoryRoot + "/Tests/Fixtures/reference"),
      ]
    } catch { violated("the alias target's datasets do not load: \(error)") }
  }()

  static func run(_ data: UnsafeRawBufferPointer) {
    let text = String(decoding: data, as: UTF8.self)
    for name in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4) {
      let name = String(name)
      let key = NationAliases.key(name)
      require(
        NationAliases.key(key) == key, "key(\(name.debugDescription)) = \(key.debugDescription) is not a fixed point")
      for network in networks {
        do {
          let index = try network.resolve(name)
          require(index >= 0 && index < network.nations.count, "\(name.debugDescription) resolves to \(index)")
          require(
            (try? network.resolve(network.nations[index].id)) == index, "the id of what \(name.debugDescription) names")
        } catch {
          switch error {
          case .unknown(_, let suggestions): require(suggestions.count <= 5, "\(suggestions.count) suggestions")
          case .ambiguous(_, let candidates): require(candidates.count >= 2, "ambiguous among \(candidates.count)")
          }
        }
      }
    }
    let path = Scratch.write(data, to: "group.txt")
    for network in networks.prefix(1) {
      do {
        let group = try network.resolveGroup(path)
        require(group.members.allSatisfy { $0 >= 0 && $0 < network.nations.count }, "a group member out of range")
        require(Set(group.members).count == group.members.count, "a group member twice")
      } catch {
        requireInputError(error, path: path)
      }
    }
  }
}
