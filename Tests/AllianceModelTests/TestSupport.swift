import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// A fresh directory under the system temporary directory, removed by `withTemporaryDirectory`.
struct TemporaryDirectory {
  let url: URL

  var path: String { url.path }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` (UTF-8) to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes raw bytes to `name` and returns its path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let path = path(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }
}

/// Runs `body` with a fresh temporary directory and removes the directory afterwards.
func withTemporaryDirectory<R>(_ body: (TemporaryDirectory) throws -> R) throws -> R {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("alliancemodel-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(TemporaryDirectory(url: url))
}

/// The repository root (the folder holding Package.swift), found from this file.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `../shared/data` beside the repository, or `nil` when it is absent.
let referenceDataFolder: String? = {
  let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
  return FileManager.default.fileExists(atPath: folder + "/cow/states.csv") ? folder : nil
}()

/// The real-data excerpt committed in the repository (ATOP/COW rows that the 2010–2012
/// snapshots read; Tests/Fixtures/reference/README.md), so data tests run on a fresh clone.
let referenceExcerptFolder: String = repositoryRoot.appendingPathComponent("Tests/Fixtures/reference").path

/// The reference-data sets present: the committed excerpt always, `../shared/data` when present.
let referenceDataSets: [String] = [referenceExcerptFolder] + (referenceDataFolder.map { [$0] } ?? [])
