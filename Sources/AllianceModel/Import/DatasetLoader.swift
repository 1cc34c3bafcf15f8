import GraphCore

/// Opens a dataset wherever it lives: the built-in curated dataset, a folder in the
/// project's format, or a folder of ATOP + COW files.
public enum DatasetLoader {
  /// The name of the built-in dataset.
  public static let builtInName = "curated"

  /// Loads `location` (`nil` or `curated`: the built-in dataset).
  ///
  /// A folder with `dataset.json` is read as the project's format; a folder with ATOP/COW
  /// file names (`atop5-dyad-year.csv`, `states.csv`, also under `atop/` and `cow/`) as
  /// reference data.
  /// - Throws: ``InputError`` naming the file, line and field of the first problem.
  public static func load(_ location: String?, capability: CapabilityColumn = .cinc) throws -> AllianceNetwork {
    guard let location, location != builtInName else { return try builtIn() }
    guard FileBytes.isDirectory(location) else {
      if FileBytes.isFile(location) {
        throw InputError(file: location, "is a file: expected a dataset folder (with dataset.json, or ATOP/COW files)")
      }
      throw InputError(file: location, "no such file or directory")
    }
    let trimmed = location.hasSuffix("/") ? String(location.dropLast()) : location
    if FileBytes.isFile(trimmed + "/dataset.json") {
      return try ProjectDatasetReader.read(DatasetFiles(folder: trimmed))
    }
    if ReferenceDataReader.recognizes(folder: trimmed) {
      return try ReferenceDataReader.read(folder: trimmed, capability: capability)
    }
    throw InputError(
      file: location,
      "not a dataset: expected dataset.json (the project's format, see datasets/FORMAT.md) or ATOP/COW files such as atop/atop5-dyad-year.csv and cow/states.csv")
  }

  /// The curated dataset compiled into the tool.
  public static func builtIn() throws -> AllianceNetwork {
    var network = try ProjectDatasetReader.read(DatasetFiles(embedded: EmbeddedDatasets.curated, displayPrefix: "built-in curated/"))
    network.metadata.location = "built-in curated dataset"
    return network
  }
}
