import ArgumentParser

@main
struct Alliance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alliance",
    abstract: "Graph analytics for partnership networks: alliances, defense ties and large benchmark graphs.",
    discussion: """
      Graph files are chosen by extension: .el, .txt, .edges (space-separated), .tsv, .csv \
      edge lists and .bin binary snapshots.
      """,
    version: "0.1.0-dev (unreleased; see CHANGELOG.md)",
    subcommands: [
      InfoCommand.self, MetricsCommand.self, MultiplierCommand.self, GapsCommand.self, WhatIfCommand.self, RecommendCommand.self,
      StrategiesCommand.self, ModelCommand.self, SimilarityCommand.self, BlocsCommand.self, TimelineCommand.self, BacktestCommand.self,
      RenderCommand.self, ReportCommand.self,
      BenchCommand.self, GenerateCommand.self,
      ConvertCommand.self, ExportCommand.self,
    ]
  )
}
