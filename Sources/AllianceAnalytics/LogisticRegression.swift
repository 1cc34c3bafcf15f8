import Foundation

/// A fitted logistic model: coefficients with standard errors, and what it was fitted on.
public struct LogisticFit: Sendable, Hashable, Codable {
  /// Feature names; the first is the intercept.
  public var names: [String]
  public var coefficients: [Double]
  /// From the inverse of the penalised Hessian at the optimum.
  public var standardErrors: [Double]
  /// L2 penalty λ on every coefficient but the intercept.
  public var penalty: Double
  /// Rows (after sampling), their total weight, and the positives among them.
  public var rows: Int
  public var weight: Double
  public var positives: Int
  public var iterations: Int
  public var logLikelihood: Double

  public init(
    names: [String], coefficients: [Double], standardErrors: [Double], penalty: Double, rows: Int, weight: Double, positives: Int,
    iterations: Int, logLikelihood: Double
  ) {
    self.names = names
    self.coefficients = coefficients
    self.standardErrors = standardErrors
    self.penalty = penalty
    self.rows = rows
    self.weight = weight
    self.positives = positives
    self.iterations = iterations
    self.logLikelihood = logLikelihood
  }

  /// P(y = 1 | x) for a feature row (with the intercept's 1 first).
  @inlinable public func probability(_ x: [Double]) -> Double {
    var z = 0.0
    for k in coefficients.indices { z += coefficients[k] * x[k] }
    return 1 / (1 + exp(-z))
  }
}

/// An error of a fit: no rows, a singular system, or no convergence.
public struct LogisticFitError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Weighted logistic regression with an L2 penalty, fitted by Newton's method (IRLS).
///
/// Minimises −Σ w_r [y_r log p_r + (1 − y_r) log(1 − p_r)] + λ/2 Σ_{k≥1} β_k² (no penalty on
/// the intercept). Each iteration is O(rows · p²) plus a p × p Cholesky solve; it stops
/// when the largest step is below 1e-10 (at most 100 iterations).
public enum LogisticRegression {
  /// `x` is row-major, `rows × names.count`, with a leading 1 column for the intercept.
  /// `standardErrors: false` skips them (NaN), for refits that need only the coefficients.
  /// `start`: the coefficients to start from (a bootstrap resample starts from the full
  /// sample's fit and converges in fewer steps); zeros by default.
  public static func fit(
    x: [Double], y: [Double], weights: [Double], names: [String], penalty: Double, start: [Double]? = nil, standardErrors: Bool = true
  ) throws(LogisticFitError) -> LogisticFit {
    let p = names.count
    guard p > 0, x.count % p == 0 else { throw LogisticFitError("design matrix does not have \(p) columns") }
    let rows = x.count / p
    guard rows > 0, y.count == rows, weights.count == rows else { throw LogisticFitError("no rows to fit, or rows, outcomes and weights differ in number") }
    var beta = start.flatMap { $0.count == p && $0.allSatisfy(\.isFinite) ? $0 : nil } ?? [Double](repeating: 0, count: p)
    var hessian = [Double](repeating: 0, count: p * p)
    var gradient = [Double](repeating: 0, count: p)
    var iterations = 0
    var converged = false
    while iterations < 100 {
      iterations += 1
      for k in 0..<(p * p) { hessian[k] = 0 }
      for k in 0..<p { gradient[k] = 0 }
      // The hot loop on raw pointers: O(rows · p²) per Newton step.
      x.withUnsafeBufferPointer { xb in
        beta.withUnsafeBufferPointer { bb in
          hessian.withUnsafeMutableBufferPointer { hb in
            gradient.withUnsafeMutableBufferPointer { gb in
              let xs = xb.baseAddress!, bs = bb.baseAddress!, h = hb.baseAddress!, g = gb.baseAddress!
              for r in 0..<rows {
                let w = weights[r]
                if w == 0 { continue }
                let row = xs + r * p
                var z = 0.0
                for k in 0..<p { z += bs[k] * row[k] }
                let mu = 1 / (1 + exp(-z))
                let residual = w * (y[r] - mu)
                let curvature = w * mu * (1 - mu)
                for a in 0..<p {
                  let xa = row[a]
                  g[a] += residual * xa
                  let ca = curvature * xa
                  let target = h + a * p
                  for b in a..<p { target[b] += ca * row[b] }
                }
              }
            }
          }
        }
      }
      for a in 0..<p { for b in 0..<a { hessian[a * p + b] = hessian[b * p + a] } }
      for k in 1..<max(1, p) {
        gradient[k] -= penalty * beta[k]
        hessian[k * p + k] += penalty
      }
      guard let step = solve(hessian, gradient, p) else { throw LogisticFitError("singular information matrix: a feature is constant or collinear; raise the penalty") }
      var largest = 0.0
      for k in 0..<p {
        beta[k] += step[k]
        largest = max(largest, abs(step[k]))
      }
      if !largest.isFinite { throw LogisticFitError("the fit diverged (perfect separation?); raise the penalty") }
      if largest < 1e-10 {
        converged = true
        break
      }
    }
    guard converged else { throw LogisticFitError("no convergence in 100 Newton steps") }
    // Standard errors from the penalised information matrix at the optimum; the
    // log-likelihood of the data (unpenalised).
    var information = [Double](repeating: 0, count: p * p)
    var logLikelihood = 0.0, weight = 0.0, positives = 0
    for r in 0..<rows {
      let base = r * p
      let mu = x.withUnsafeBufferPointer { probability(beta, $0, base) }
      let w = weights[r]
      weight += w
      if y[r] > 0.5 { positives += 1 }
      logLikelihood += w * (y[r] > 0.5 ? log(max(mu, 1e-300)) : log(max(1 - mu, 1e-300)))
      if standardErrors { for a in 0..<p { for b in 0..<p { information[a * p + b] += w * mu * (1 - mu) * x[base + a] * x[base + b] } } }
    }
    for k in 1..<max(1, p) { information[k * p + k] += penalty }
    var errors = [Double](repeating: .nan, count: p)
    for k in 0..<p where standardErrors {
      var unit = [Double](repeating: 0, count: p)
      unit[k] = 1
      if let column = solve(information, unit, p) { errors[k] = column[k] > 0 ? column[k].squareRoot() : .nan }
    }
    return LogisticFit(
      names: names, coefficients: beta, standardErrors: errors, penalty: penalty, rows: rows, weight: weight, positives: positives,
      iterations: iterations, logLikelihood: logLikelihood)
  }

  /// 1 / (1 + e^(−β·x)) for the row of `x` starting at `base`.
  @inline(__always) static func probability(_ beta: [Double], _ x: UnsafeBufferPointer<Double>, _ base: Int) -> Double {
    var z = 0.0
    for k in beta.indices { z += beta[k] * x[base + k] }
    return 1 / (1 + exp(-z))
  }

  /// Solves the symmetric positive definite system A·x = b by Cholesky; `nil` when A is not
  /// positive definite. O(p³).
  static func solve(_ a: [Double], _ b: [Double], _ p: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: p * p)
    for i in 0..<p {
      for j in 0...i {
        var sum = a[i * p + j]
        for k in 0..<j { sum -= l[i * p + k] * l[j * p + k] }
        if i == j {
          guard sum > 1e-12 * max(1, abs(a[i * p + i])) else { return nil }
          l[i * p + i] = sum.squareRoot()
        } else {
          l[i * p + j] = sum / l[j * p + j]
        }
      }
    }
    var z = [Double](repeating: 0, count: p)
    for i in 0..<p {
      var sum = b[i]
      for k in 0..<i { sum -= l[i * p + k] * z[k] }
      z[i] = sum / l[i * p + i]
    }
    var x = [Double](repeating: 0, count: p)
    for i in stride(from: p - 1, through: 0, by: -1) {
      var sum = z[i]
      for k in (i + 1)..<max(i + 1, p) { sum -= l[k * p + i] * x[k] }
      x[i] = sum / l[i * p + i]
    }
    return x
  }
}
