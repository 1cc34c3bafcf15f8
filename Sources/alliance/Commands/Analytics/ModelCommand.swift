import AllianceAnalytics
import AllianceModel
import ArgumentParser
import Foundation
import GraphCore

struct ModelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "model",
    abstract: "Fit (or read) the formation model p_form for a year and print it; --out writes it as JSON.",
    discussion: """
      The model for applying to year Y is fitted on ATOP pair-years y ≤ Y − 10 whose whole 10-year outcome window \
      is observed (no look-ahead); a pair-year is positive when the pair, without a defense/offense pledge in y, \
      has one in some year y+1 … y+10. All positives and a hashed 5% of the negatives (weight 20) enter; L2 \
      penalty 1. Fits are cached outside the repository ($ALLIANCEGRAPH_CACHE, $XDG_CACHE_HOME/alliancegraph or \
      ~/.cache/alliancegraph), keyed by a checksum of the inputs. A dataset without history prints the model it \
      ships.

      Model parameters (dispute window and the rest; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance model ../shared/data --year 2018 --out datasets/curated/formation-model.json
        alliance model ../shared/data --year 1990 --design-out sample1990.csv
      """)

  @Option(name: .long, help: "Write the model as JSON to this file (through a temporary file and a rename).") var out: String?
  @Flag(name: .long, help: "Fit again even when the cache holds the fit.") var noCache = false
  @Option(name: .long, help: "Write the fit's sample (features, formed, weight, pair and year per row) as CSV to this file.") var designOut: String?
  @Option(name: .long, help: "The first year of the fit's sample (default 1816).") var firstYear: Int?
  @OptionGroup var options: AnalysisOptions

  func run() throws {
    let network = try options.loadNetwork()
    let year = options.year ?? network.metadata.asOf
    var formation = FormationOptions()
    if let firstYear { formation.firstYear = firstYear }
    let found: (model: FormationModel, origin: FormationModelStore.Origin)?
    do {
      found = try options.timed("formation model") {
        try FormationModelStore.model(for: year, network: network, options: formation, disputeWindow: options.disputeWindow, useCache: !noCache)
      }
      if let designOut {
        let sample = try FormationFitter.sample(for: year, network: network, options: formation, disputeWindow: options.disputeWindow)
        var text = (FormationFeatures.names + ["formed", "weight", "a", "b", "year"]).joined(separator: ",") + "\n"
        let p = FormationFeatures.names.count
        for r in 0..<sample.rows {
          let features = (0..<p).map { "\(sample.x[r * p + $0])" }
          let (a, b, y) = sample.pairs[r]
          text += (features + ["\(Int(sample.y[r]))", "\(sample.w[r])", network.nations[a].id, network.nations[b].id, "\(y)"]).joined(separator: ",") + "\n"
        }
        try AtomicFile.write(to: designOut) { writer in try writer.write(Array(text.utf8)) }
      }
    } catch let error as LogisticFitError {
      throw DataError("formation model: \(error)")
    }
    guard let (model, origin) = found else {
      throw DataError("\(network.metadata.location): no history to fit a formation model on and no \(FormationModelFile.name)")
    }
    if let out {
      let text = FormationModelStore.json(model)
      try AtomicFile.write(to: out) { writer in try writer.write(Array(text.utf8)) }
    }
    var report = AnalysisReport(dataset: network.metadata.name, year: year, parameters: options.parameters)
    report.tables.append(coefficientTable(model.fit, key: "model", title: "Formation model (\(origin.rawValue))"))
    if let accession = model.accession { report.tables.append(accessionTable(accession)) }
    report.scalars = [
      ("origin", .text(origin.rawValue)), ("fit_years", .text("\(model.firstYear)–\(model.lastYear)")), ("rows", .int(model.fit.rows)),
      ("positives", .int(model.fit.positives)), ("weight", .number(model.fit.weight)), ("horizon", .int(model.options.horizon)),
      ("negative_rate", .number(model.options.negativeRate)), ("penalty", .number(model.fit.penalty)),
      ("iterations", .int(model.fit.iterations)), ("log_likelihood", .number(model.fit.logLikelihood)), ("checksum", .text(model.checksum)),
    ]
    emit(try report.render(options.output))
  }
}

/// A fit's coefficients, standard errors and odds ratios as a result table.
func coefficientTable(_ fit: LogisticFit, key: String, title: String) -> ResultTable {
  var table = ResultTable(key: key, title: title, columns: ["feature", "coefficient", "standard_error", "odds_ratio"])
  for (k, name) in fit.names.enumerated() {
    table.add([.text(name), .number(fit.coefficients[k]), .number(fit.standardErrors[k]), .number(exp(fit.coefficients[k]))])
  }
  return table
}

/// The accession model's coefficients as a result table.
func accessionTable(_ model: AccessionModel) -> ResultTable {
  coefficientTable(
    model.fit, key: "accession_model",
    title: "Accession model p_join (fit years \(model.firstYear)–\(model.lastYear), \(model.fit.rows) rows, \(model.fit.positives) accessions)")
}
