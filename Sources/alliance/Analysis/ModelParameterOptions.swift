import AllianceAnalytics
import ArgumentParser
import Foundation

extension DecayKind: ExpressibleByArgument {}

/// Every ``ModelParameters`` value as a command-line option (defaults as in DESIGN §5–§6).
struct ModelParameterOptions: ParsableArguments {
  @Option(name: .customLong("r-defense"), help: "Reliability of defense ties.") var rDefense = 0.75
  @Option(name: .customLong("r-offense"), help: "Reliability of offense ties.") var rOffense = 0.75
  @Option(name: .customLong("r-consultation"), help: "Reliability of consultation ties.") var rConsultation = 0.35
  @Option(name: .customLong("m-dormant"), help: "Reliability multiplier of a dormant treaty, membership or tie.") var mDormant = 0.30
  @Option(name: .customLong("m-suspended"), help: "Reliability multiplier of a suspended treaty, membership or tie.") var mSuspended = 0.10
  @Option(name: .customLong("m-conditional"), help: "Reliability multiplier of a conditional commitment (ATOP conditio/defcon).") var mConditional = 0.85
  @Option(name: .customLong("m-asymmetric"), help: "Reliability multiplier of asymmetric obligations (ATOP asymm).") var mAsymmetric = 0.90
  @Option(name: .customLong("m-institutionalised"), help: "Reliability multiplier of an institutionalised treaty (military aid, bases, integrated command, military contact, organisation).") var mInstitutionalised = 1.10
  @Option(name: .customLong("delta-exercise"), help: "Deepening δ of a pledged tie by joint exercises.") var deltaExercise = 0.10
  @Option(name: .customLong("delta-training"), help: "Deepening δ by training (missions, bases).") var deltaTraining = 0.10
  @Option(name: .customLong("delta-intelligence"), help: "Deepening δ by intelligence sharing.") var deltaIntelligence = 0.08
  @Option(name: .customLong("delta-technology"), help: "Deepening δ by joint technology development.") var deltaTechnology = 0.05
  @Option(name: .customLong("delta-arms"), help: "Deepening δ by arms supply.") var deltaArms = 0.05
  @Option(name: .customLong("delta-aid"), help: "Deepening δ by military aid.") var deltaAid = 0.02
  @Option(name: .long, help: "Hop limit H of indirect ties for the force multiplier E.") var hops = 2
  @Option(name: .long, help: "Hop limit of committed defense D (1: direct obligations only).") var defenseHops = 1
  @Flag(name: .long, help: "Monte Carlo: one common shock per treaty (all its ties hold or fail together) instead of independent ties.") var commonShock = false
  @Option(name: .long, help: "Distance decay: exponential, hyperbolic or none.") var decay: DecayKind = .exponential
  @Option(name: .long, help: "Half distance of the decay, km.") var halfDistance = 3000.0
  @Option(name: .customLong("kappa-command"), help: "κ of a shared integrated command.") var kappaCommand = 1.0
  @Option(name: .customLong("kappa-exercise"), help: "κ of joint exercises.") var kappaExercise = 0.5
  @Option(name: .customLong("kappa-training"), help: "κ of training.") var kappaTraining = 0.5
  @Option(name: .customLong("kappa-intelligence"), help: "κ of intelligence sharing.") var kappaIntelligence = 0.4
  @Option(name: .customLong("kappa-technology"), help: "κ of defense-technology projects.") var kappaTechnology = 0.3
  @Option(name: .customLong("kappa-arms"), help: "κ of arms supply.") var kappaArms = 0.2
  @Option(name: .customLong("kappa-aid"), help: "κ of military aid.") var kappaAid = 0.1
  @Option(name: .long, help: "Monte Carlo draws (default 10,000; `strategies`: 2,000).") var draws: Int?
  @Option(name: .long, help: "Random seed (Monte Carlo, Louvain, bootstrap).") var seed: UInt64 = 1
  @Option(name: .long, help: "Top-patron share that flags dependence.") var dependenceThreshold = 0.5
  @Option(name: .long, help: "Trilateral pairs are drawn from this many top candidates.") var trilateralPool = 20
  @Option(name: .long, help: "Esteban–Ray polarization sensitivity α.") var polarizationAlpha = 1.6
  @Option(name: .long, help: ArgumentHelp("Model parameters from a JSON file: a previous run's --format json output (its meta.parameters) or an object of them. Options given here with other than their defaults take precedence.", valueName: "file"))
  var params: String?
  @Flag(name: .long, help: "Recommend and compare any partner, also one that is a threat of the focus's defense partners or of partners already chosen, or a defense partner of its threats (left out by default; marked).") var anyPartner = false

  func parameters(disputeWindow: Int) -> ModelParameters {
    let p = options(disputeWindow: disputeWindow)
    guard let params, let file = ParameterFile.loaded(params) else { return p }
    // The file's values, except where the command line moved an option off its default.
    let defaults = Dictionary(uniqueKeysWithValues: ModelParameterOptions.defaults.options(disputeWindow: 10).entries)
    let given = Dictionary(uniqueKeysWithValues: p.entries)
    var result = p
    for (name, text) in file where given[name] == defaults[name] || (name == "draws" && draws == nil) {
      try? result.set(name, text)
    }
    return result
  }

  /// Every option at its default.
  static let defaults: ModelParameterOptions = try! ModelParameterOptions.parse([])

  /// The parameters the options give, without `--params`.
  func options(disputeWindow: Int) -> ModelParameters {
    var p = ModelParameters()
    p.reliabilityDefense = rDefense
    p.reliabilityOffense = rOffense
    p.reliabilityConsultation = rConsultation
    p.statusDormant = mDormant
    p.statusSuspended = mSuspended
    p.provisionConditional = mConditional
    p.provisionAsymmetric = mAsymmetric
    p.provisionInstitutionalised = mInstitutionalised
    p.deepeningExercise = deltaExercise
    p.deepeningTraining = deltaTraining
    p.deepeningIntelligence = deltaIntelligence
    p.deepeningTechnology = deltaTechnology
    p.deepeningArms = deltaArms
    p.deepeningAid = deltaAid
    p.hops = hops
    p.defenseHops = defenseHops
    p.commonShock = commonShock
    p.decay = decay
    p.halfDistance = halfDistance
    p.disputeWindow = disputeWindow
    p.kappaIntegratedCommand = kappaCommand
    p.kappaExercise = kappaExercise
    p.kappaTraining = kappaTraining
    p.kappaIntelligence = kappaIntelligence
    p.kappaTechnology = kappaTechnology
    p.kappaArms = kappaArms
    p.kappaAid = kappaAid
    p.draws = draws ?? 10_000
    p.seed = seed
    p.dependenceThreshold = dependenceThreshold
    p.trilateralPool = trilateralPool
    p.polarizationAlpha = polarizationAlpha
    p.compatiblePartners = !anyPartner
    return p
  }

  func validate() throws {
    if let params { try ParameterFile.load(params) }
    if let message = parameters(disputeWindow: 10).validationError() { throw ValidationError(message) }
  }
}

/// Parameter files read by `--params`, parsed once per run.
enum ParameterFile {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var files: [String: [(String, String)]] = [:]

  static func loaded(_ path: String) -> [(String, String)]? { lock.withLock { files[path] } }

  /// Reads `path` (a JSON output with `meta.parameters`, an older one with `parameters`, or
  /// an object of parameters) and checks every value.
  static func load(_ path: String) throws {
    if loaded(path) != nil { return }
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--params \(path): cannot read the file") }
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw ValidationError("--params \(path): not JSON (\(error.localizedDescription))")
    }
    guard let object = root as? [String: Any] else { throw ValidationError("--params \(path): expected a JSON object") }
    let parameters = ((object["meta"] as? [String: Any])?["parameters"] ?? object["parameters"] ?? object) as? [String: Any] ?? [:]
    var entries: [(String, String)] = []
    var check = ModelParameters()
    for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
      let text: String
      if let v = value as? String {
        text = v
      } else if let v = value as? NSNumber {
        let d = v.doubleValue
        text = d == d.rounded() && abs(d) < 1e15 ? String(v.int64Value) : String(d)
      } else {
        throw ValidationError("--params \(path): \(name): expected a number, boolean or string")
      }
      do {
        try check.set(name, text)
      } catch {
        throw ValidationError("--params \(path): \(error)")
      }
      entries.append((name, text))
    }
    guard !entries.isEmpty else { throw ValidationError("--params \(path): no model parameters found (expected meta.parameters or an object of them)") }
    lock.withLock { files[path] = entries }
  }
}
