import ArgumentParser
import Foundation

/// The entry point: interrupts exit 130 and remove partial outputs, then the command runs.
@main
enum AllianceCommand {
  /// `alliance --version` and every JSON output's `meta.version`.
  static let version = "0.1.0-dev (unreleased; see CHANGELOG.md)"

  static func main() {
    Interrupt.install()
    do {
      var command = try Alliance.parseAsRoot()
      try command.run()
    } catch let error as InterruptedError {
      // A computation stopped by Ctrl-C: 128 + SIGINT, as shells expect.
      FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
      exit(130)
    } catch {
      Alliance.exit(withError: error)
    }
  }
}

struct Alliance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alliance",
    abstract: "Graph analytics for partnership networks: alliances, defense ties and large benchmark graphs.",
    discussion: """
      Graph files are chosen by extension: .el, .wel, .txt, .edges (space-separated), .tsv, .csv \
      edge lists and .bin binary snapshots.
      """,
    version: AllianceCommand.version,
    subcommands: [
      InfoCommand.self, MetricsCommand.self, MultiplierCommand.self, GapsCommand.self, WhatIfCommand.self, RecommendCommand.self,
      StrategiesCommand.self, ModelCommand.self, SimilarityCommand.self, BlocsCommand.self, TimelineCommand.self, BacktestCommand.self,
      RenderCommand.self, ReportCommand.self,
      BenchCommand.self, GenerateCommand.self,
      ConvertCommand.self, ExportCommand.self,
    ]
  )
}
