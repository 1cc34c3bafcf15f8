import ArgumentParser
import GraphCore

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Show a graph's size, directedness, degrees, what reading removed and the memory used.")

  @OptionGroup var input: GraphInputOptions
  @OptionGroup var output: OutputFormatOption

  func run() throws {
    let loaded = try input.load()
    emit(GraphSummary.report(of: loaded, path: input.input).render(output.format))
  }
}
