import AllianceModel

/// Alliance-portfolio similarity of every pair of nations, with ATOP ordinal coding of each
/// dyad: 3 defense or offense, 2 neutrality or consultation, 1 nonaggression, 0 none; a
/// nation's tie with itself is 3. Row-major n × n matrices, symmetric, 1 on the diagonal.
public struct SimilarityIndices: Sendable {
  public let nodeCount: Int
  /// Signorino and Ritter's (1999) S, unweighted, absolute distance:
  /// S_ij = 1 − 2 · D_o / 3 with D_o = Σ_k |v_ik − v_jk| / n. In [−1, 1].
  public let s: [Double]
  /// Häge's (2011) chance-corrected Scott's π: 1 − D_o / D_e with D_e the expected
  /// absolute distance under the pair's pooled distribution of codes,
  /// Σ_a Σ_b p(a) p(b) |a − b|, p(a) = (n_i(a) + n_j(a)) / 2n. NaN when D_e = 0.
  public let pi: [Double]
  /// Häge's (2011) chance-corrected Cohen's κ: as π, but D_e from each member's own
  /// distribution, Σ_a Σ_b p_i(a) p_j(b) |a − b|. NaN when D_e = 0.
  public let kappa: [Double]
}

/// Alliance-portfolio similarity (Signorino and Ritter 1999; Häge 2011).
public enum PortfolioSimilarity {
  /// The ordinal value of a dyad's tie types.
  public static func ordinal(_ types: TieTypeSet) -> Int {
    if types.contains(.defense) || types.contains(.offense) { return 3 }
    if types.contains(.neutrality) || types.contains(.consultation) { return 2 }
    if types.contains(.nonaggression) { return 1 }
    return 0
  }

  /// S for all pairs, row-major n × n (``SimilarityIndices/s``). O(n³) time, O(n²) memory.
  public static func matrix(_ network: StrategicNetwork, threads: Int = 1) -> [Double] {
    indices(network, threads: threads).s
  }

  /// S, π and κ for all pairs. O(n³) time (the distances), O(n²) memory; parallel over rows.
  public static func indices(_ network: StrategicNetwork, threads: Int = 1) -> SimilarityIndices {
    let n = network.nodeCount
    guard n > 0 else { return SimilarityIndices(nodeCount: 0, s: [], pi: [], kappa: []) }
    var value = [UInt8](repeating: 0, count: n * n)
    // histogram[i * 4 + a]: how many of i's n portfolio entries have code a.
    var histogram = [Int](repeating: 0, count: n * 4)
    for i in 0..<n {
      for k in 0..<n {
        let code = i == k ? 3 : ordinal(network.types(i, k))
        value[i * n + k] = UInt8(code)
        histogram[i * 4 + code] += 1
      }
    }
    let codes = value, counts = histogram
    var s = [Double](repeating: 0, count: n * n), pi = s, kappa = s
    let size = Double(n)
    ParallelLoop.run(count: n, threads: threads) { rows in
      var part: [(Int, [Double], [Double], [Double])] = []
      for i in rows {
        var rowS = [Double](repeating: 1, count: n), rowPi = rowS, rowKappa = rowS
        for j in 0..<n where j != i {
          var distance = 0
          for k in 0..<n { distance += abs(Int(codes[i * n + k]) - Int(codes[j * n + k])) }
          let observed = Double(distance) / size
          var pooled = 0.0, own = 0.0
          for a in 0..<4 {
            for b in 0..<4 where a != b {
              let d = Double(abs(a - b))
              let ia = Double(counts[i * 4 + a]), ib = Double(counts[i * 4 + b])
              let ja = Double(counts[j * 4 + a]), jb = Double(counts[j * 4 + b])
              pooled += (ia + ja) * (ib + jb) * d
              own += ia * jb * d
            }
          }
          let expectedPi = pooled / (4 * size * size), expectedKappa = own / (size * size)
          rowS[j] = 1 - 2 * observed / 3
          rowPi[j] = expectedPi > 0 ? 1 - observed / expectedPi : .nan
          rowKappa[j] = expectedKappa > 0 ? 1 - observed / expectedKappa : .nan
        }
        part.append((i, rowS, rowPi, rowKappa))
      }
      return part
    } merge: { part in
      for (i, rowS, rowPi, rowKappa) in part {
        for j in 0..<n {
          s[i * n + j] = rowS[j]
          pi[i * n + j] = rowPi[j]
          kappa[i * n + j] = rowKappa[j]
        }
      }
    }
    return SimilarityIndices(nodeCount: n, s: s, pi: pi, kappa: kappa)
  }
}
