import AllianceAnalytics
import AllianceModel

extension AnalysisOptions {
  /// The formation model for `year` (fitted on the dataset's ATOP history and cached, or the
  /// one the dataset ships), `nil` when neither exists.
  func formationModel(_ network: AllianceNetwork, year: Int) throws -> (model: FormationModel, origin: FormationModelStore.Origin)? {
    do {
      return try timed("formation model") { try FormationModelStore.model(for: year, network: network, disputeWindow: disputeWindow) }
    } catch {
      throw DataError("formation model: \(error)")
    }
  }
}
