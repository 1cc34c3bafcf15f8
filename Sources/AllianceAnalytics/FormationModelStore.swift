import AllianceModel
import Foundation

/// Where a formation model comes from: fitted on the dataset's own history (cached on
/// disk, outside the repository), or shipped with a dataset without history.
public enum FormationModelStore {
  /// The cache folder: `$ALLIANCEGRAPH_CACHE`, else `$XDG_CACHE_HOME/alliancegraph`, else
  /// `~/.cache/alliancegraph`.
  public static var cacheDirectory: URL {
    let environment = ProcessInfo.processInfo.environment
    if let chosen = environment["ALLIANCEGRAPH_CACHE"], !chosen.isEmpty { return URL(fileURLWithPath: chosen) }
    if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("alliancegraph") }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/alliancegraph")
  }

  /// Where the model came from, for the output.
  public enum Origin: String, Sendable {
    case fitted, cache, dataset
  }

  /// The model to apply in `year`: for data with dyad-year history, the no-look-ahead fit
  /// (from the cache when an identical fit was stored: the key is a checksum of the inputs
  /// it reads and of its options); otherwise the model the dataset ships; `nil` when
  /// neither exists.
  /// - Throws: ``LogisticFitError`` when fitting fails, or the shipped model does not decode.
  public static func model(
    for year: Int, network: AllianceNetwork, options: FormationOptions = FormationOptions(), disputeWindow: Int = 10, useCache: Bool = true
  ) throws(LogisticFitError) -> (model: FormationModel, origin: Origin)? {
    if let table = network.dyadYears, table.count > 0 {
      let horizonEnd = min(year, table.lastYear)
      let key = FormationFitter.inputChecksum(network, upTo: horizonEnd, options: options, disputeWindow: disputeWindow)
      let file = cacheDirectory.appendingPathComponent("formation-\(key).json")
      if useCache, let data = try? Data(contentsOf: file), let cached = try? JSONDecoder().decode(FormationModel.self, from: data),
        cached.checksum == key, cached.options == options
      {
        return (cached, .cache)
      }
      let fitted = try FormationFitter.model(for: year, network: network, options: options, disputeWindow: disputeWindow)
      if useCache { store(fitted, at: file) }
      return (fitted, .fitted)
    }
    guard let text = network.formationModel else { return nil }
    do {
      return (try JSONDecoder().decode(FormationModel.self, from: Data(text.utf8)), .dataset)
    } catch {
      throw LogisticFitError("\(network.metadata.location)\(FormationModelFile.name): not a formation model: \(error)")
    }
  }

  /// Writes `model` as JSON through a temporary file and a rename; a failure only skips the
  /// cache.
  static func store(_ model: FormationModel, at file: URL) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(model) else { return }
    let folder = file.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
    do {
      try data.write(to: temporary)
      _ = try? FileManager.default.removeItem(at: file)
      try FileManager.default.moveItem(at: temporary, to: file)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
    }
  }

  /// The JSON text of `model` (sorted keys, for committing with a dataset).
  public static func json(_ model: FormationModel) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: (try? encoder.encode(model)) ?? Data(), as: UTF8.self) + "\n"
  }
}
