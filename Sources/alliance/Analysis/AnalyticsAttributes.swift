import AllianceAnalytics
import AllianceModel
import AllianceRender

/// Analytics results as node attributes for exports (`convert --analytics`), so Gephi users
/// can style by them.
enum AnalyticsAttributes {
  /// E, FM, SYN, Θ, D, CR, gap, uncovered, bloc and centralities of every snapshot node.
  static func compute(_ opened: OpenedDataset, parameters: ModelParameters, threads: Int) -> NodeAttributes {
    let strategic = StrategicNetwork(snapshot: opened.snapshot, network: opened.network)
    let assessment = Assessment(strategic, parameters: parameters)
    let a = assessment.nations
    var attributes = NodeAttributes()
    attributes.add("e", a.map(\.e))
    attributes.add("fm", a.map(\.fm))
    attributes.add("syn", a.map(\.syn))
    attributes.add("theta", a.map(\.theta))
    attributes.add("d", a.map(\.d))
    attributes.add("cr", a.map(\.cr))
    attributes.add("gap", a.map(\.gap))
    attributes.add("uncovered", a.map { $0.uncovered ? 1.0 : 0.0 })
    attributes.add("bloc", BlocStructure(strategic, parameters: parameters, seed: parameters.seed).bloc.map(Double.init))
    attributes.add("degree", DiagramFactory.sizeValues(strategic, assessment: assessment, metric: .degree))
    attributes.add("betweenness", Scenario.centrality(strategic, threads: threads))
    attributes.add("eigenvector", DiagramFactory.sizeValues(strategic, assessment: assessment, metric: .eigenvector))
    return attributes
  }
}
