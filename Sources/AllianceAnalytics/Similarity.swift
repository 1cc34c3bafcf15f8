import AllianceModel

/// Alliance-portfolio similarity S (Signorino and Ritter 1999), unweighted, with ATOP
/// ordinal coding of each dyad: 3 defense or offense, 2 neutrality or consultation,
/// 1 nonaggression, 0 none; a nation's tie with itself is 3.
///
/// S_ij = 1 − 2 · Σ_k |v_ik − v_jk| / (3 · n), in [−1, 1]; S_ii = 1.
public enum PortfolioSimilarity {
  /// The ordinal value of a dyad's tie types.
  public static func ordinal(_ types: TieTypeSet) -> Int {
    if types.contains(.defense) || types.contains(.offense) { return 3 }
    if types.contains(.neutrality) || types.contains(.consultation) { return 2 }
    if types.contains(.nonaggression) { return 1 }
    return 0
  }

  /// S for all pairs, row-major n × n. O(n³) time, O(n²) memory; parallel over rows.
  public static func matrix(_ network: StrategicNetwork, threads: Int = 1) -> [Double] {
    let n = network.nodeCount
    guard n > 0 else { return [] }
    var value = [UInt8](repeating: 0, count: n * n)
    for i in 0..<n {
      for k in 0..<n { value[i * n + k] = i == k ? 3 : UInt8(ordinal(network.types(i, k))) }
    }
    let codes = value
    var result = [Double](repeating: 0, count: n * n)
    let scale = 2.0 / (3.0 * Double(n))
    ParallelLoop.run(count: n, threads: threads) { rows in
      var part: [(Int, [Double])] = []
      for i in rows {
        var row = [Double](repeating: 0, count: n)
        for j in 0..<n {
          var distance = 0
          for k in 0..<n { distance += abs(Int(codes[i * n + k]) - Int(codes[j * n + k])) }
          row[j] = 1 - scale * Double(distance)
        }
        part.append((i, row))
      }
      return part
    } merge: { part in
      for (i, row) in part { for j in 0..<n { result[i * n + j] = row[j] } }
    }
    return result
  }
}
