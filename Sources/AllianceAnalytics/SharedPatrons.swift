import AllianceModel

/// Committed defense with shared patrons (DESIGN §6): a patron k's contribution to D_i is
/// scaled by φ_ik, the share of i's threat pressure Θ_i that comes from threats k is not
/// also pledged to defend, so a patron of both sides counts for neither against the other.
public enum SharedPatrons {
  /// φ_ik for every k: Σ_{j∈T_i, k does not defend j} Θ_ij / Θ_i with Θ_ij = w_ij·g_ij·C_j;
  /// 1 for every k when i has no threat pressure. "k defends j": a direct defense or
  /// offense obligation between k and j; a `defector` has no ties (it left them all).
  /// O(n · |T_i|).
  public static func phi(_ i: Int, network: StrategicNetwork, defector: Int = -1, decay: (Int) -> Double) -> [Double] {
    let n = network.nodeCount
    let threats = network.threats(of: i)
    let pressure = threats.map { network.threatWeight(i, $0) * decay($0) * network.capability[$0] }
    let total = pressure.reduce(0, +)
    guard total > 0 else { return [Double](repeating: 1, count: n) }
    var phi = [Double](repeating: 1, count: n)
    for k in 0..<n where k != i {
      var shared = 0.0
      for (t, j) in threats.enumerated() where j != k && k != defector && j != defector && network.defends(k, j) { shared += pressure[t] }
      phi[k] = max(0, (total - shared) / total)
    }
    return phi
  }

  /// The weight of each potential defender k in D_i = C_i + Σ_k a_def(i,k)·weight_k:
  /// φ_ik·g_ik·C_k for k ≠ i not a threat of i, 0 otherwise. O(n · |T_i|).
  public static func defenseWeights(_ i: Int, network: StrategicNetwork, defector: Int = -1, decay: (Int) -> Double) -> [Double] {
    let n = network.nodeCount
    let phi = phi(i, network: network, defector: defector, decay: decay)
    var weights = [Double](repeating: 0, count: n)
    for k in 0..<n where k != i && !network.isThreat(i, k) { weights[k] = phi[k] * decay(k) * network.capability[k] }
    return weights
  }
}
