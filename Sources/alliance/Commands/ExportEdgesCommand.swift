import ArgumentParser
import GraphCore

struct EdgesExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edges",
    abstract: "Write a graph or a dataset year as Parquet files for Spark, pandas or pyarrow: OUT_DIR/edges, OUT_DIR/nodes, OUT_DIR/_graph.json.",
    discussion: """
      alliance export edges GRAPH OUT_DIR                     a graph file (.el, .tsv, .csv, .bin)
      alliance export edges [DATASET] --layer L OUT_DIR        one layer of a dataset year (--year)

      Writes OUT_DIR/edges/part-NNNNN.parquet (columns src, dst: 64-bit integers holding the nodes' \
      original labels; weight, a double, when the graph is weighted), split into --partitions files in \
      CSR order; each undirected edge once with src < dst (a kept self-loop once, src = dst), a directed \
      edge as src → dst. OUT_DIR/nodes/part-00000.parquet lists every node (node, and label for \
      string-labelled graphs and datasets, whose src/dst/node are then node ids). OUT_DIR/_graph.json \
      says whether the graph is directed and weighted and gives the counts, partitions and columns. \
      Parquet: PLAIN encoding, uncompressed, required columns, row groups of at most 1,048,576 rows.

      The folder is written under a hidden temporary name beside OUT_DIR and renamed when complete, \
      so a failure never leaves a partial export; an existing OUT_DIR is replaced only when it is \
      empty or an earlier export. The PySpark jobs in spark/ read it (spark/README.md).

      Examples:
        alliance export edges k16.bin k16-parquet --partitions 8
        alliance export edges ../shared/data --year 2012 --layer defense atop-2012
      """)

  @Argument(help: ArgumentHelp("[input] OUT_DIR: the graph file or dataset (default: the built-in dataset), then the output folder.", valueName: "paths"))
  var paths: [String]

  @Option(name: .long, help: "Number of edge files (Spark reads one task per file).")
  var partitions = 1

  @OptionGroup var read: GraphReadFlags
  @OptionGroup var dataset: DatasetFlags
  @OptionGroup var format: OutputFormatOption

  var input: String? { paths.count == 2 ? paths[0] : nil }
  var output: String { paths.last ?? "" }

  func validate() throws {
    guard (1...2).contains(paths.count) else {
      throw ValidationError("expected an output folder, optionally preceded by an input; got \(paths.count) paths")
    }
    guard partitions >= 1 && partitions <= 99_999 else { throw ValidationError("--partitions must be in 1...99999, got \(partitions)") }
    if paths.count == 1 && FileBytes.isFile(output) {
      throw ValidationError("\(output) is a file: name an output folder after it (alliance export edges \(output) OUT_DIR)")
    }
  }

  func run() throws {
    var options = GraphInputOptions()
    options.input = input
    options.read = read
    options.dataset = dataset
    let loaded = try options.load()
    let clock = ContinuousClock.now
    let summary = try GraphParquetExport.write(loaded.graph, to: output, partitions: partitions)
    var report = KeyValueReport()
    report.add("input", options.displayName)
    if let opened = loaded.dataset {
      report.add("year", opened.snapshot.year)
      report.add("layer", dataset.layer.rawValue)
    }
    report.add("output", output)
    report.add("nodes", summary.nodes)
    report.add("edges", summary.edges)
    report.add("directed", summary.directed)
    report.add("weighted", summary.weighted)
    report.add("labels", summary.stringLabels ? "string" : "integer")
    report.add("partitions", summary.partitions)
    report.add("bytes", summary.bytes)
    report.meta.append(("read_seconds", .number(loaded.seconds)))
    report.meta.append(("write_seconds", .number((ContinuousClock.now - clock).seconds)))
    emit(report.render(format.format))
  }
}
