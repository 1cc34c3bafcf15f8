import Foundation

/// The report's one number format: every number in a table, a key-value list or a paragraph
/// of the HTML report goes through ``string(_:)-(Double)``, so the same value reads the same
/// everywhere.
///
/// | value | shown as |
/// | --- | --- |
/// | NaN (undefined) | empty |
/// | +∞ / −∞ | `∞` / `-∞` |
/// | exactly 0, −0 | `0` |
/// | 0 < x < 0.001 | `< 0.001` |
/// | −0.001 < x < 0 (rounding noise) | `0` |
/// | 0.001 ≤ \|x\| < 100 | 3 significant digits, no trailing zeros: `0.123`, `12.3`, `1.5`, `0.00123` |
/// | 100 ≤ \|x\| < 10¹⁵ | the nearest whole number with thousands separators: `1,880`, `397,500` |
/// | \|x\| ≥ 10¹⁵ | 3 significant digits times a power of ten: `1.23×10¹⁸` |
///
/// Negative values take an ASCII hyphen-minus; no value prints as `-0`. ``footnote`` says the
/// same in one line for the report's readers.
enum NumberFormat {
  /// The line the report prints under "Numbers:".
  static let footnote =
    "3 significant digits (0.123, 12.3), whole numbers from 100 up with thousands separators (1,880; 397,500); "
    + "positive values below 0.001 as < 0.001 and tiny negative ones (rounding noise) as 0; ∞ infinite; an empty cell undefined. "
    + "Model parameters are shown exactly as --params takes them. Sorting a column uses the unrounded values."

  /// `v` in the report's format (see ``NumberFormat``). O(digits).
  static func string(_ v: Double) -> String {
    if v.isNaN { return "" }
    if v.isInfinite { return v > 0 ? "∞" : "-∞" }
    let magnitude = abs(v)
    if magnitude < 1e-3 { return v > 0 ? "< 0.001" : "0" }
    if magnitude < 100 {
      // %g with 3 significant digits has no exponent between 1e-3 and 999.
      return String(format: "%.3g", v)
    }
    if magnitude < 1e15 {
      return (v < 0 ? "-" : "") + grouped(UInt64(magnitude.rounded()))
    }
    let exponent = Int(floor(log10(magnitude)))
    var mantissa = magnitude / pow(10, Double(exponent))
    var power = exponent
    if (mantissa * 100).rounded() >= 1000 {  // 9.995 rounds up to 10.0
      mantissa /= 10
      power += 1
    }
    return (v < 0 ? "-" : "") + String(format: "%.2f", mantissa) + "×10" + superscript(power)
  }

  /// A whole number with thousands separators: `1,880`, `-12`.
  static func string(_ v: Int) -> String { (v < 0 ? "-" : "") + grouped(v.magnitude.asUInt64) }

  /// `n` in decimal with a comma between groups of three digits.
  static func grouped(_ n: UInt64) -> String {
    let digits = Array(String(n))
    var out = ""
    out.reserveCapacity(digits.count + digits.count / 3)
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }

  static func superscript(_ n: Int) -> String {
    let digits = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
    return (n < 0 ? "⁻" : "") + String(n.magnitude).map { digits[Int($0.asciiValue! - 48)] }
  }
}

extension UInt {
  fileprivate var asUInt64: UInt64 { UInt64(self) }
}

extension HTMLReport {
  /// A number as the report prints it (``NumberFormat``).
  static func fmt(_ v: Double) -> String { NumberFormat.string(v) }
  /// A count as the report prints it: `1,880`.
  static func fmt(_ v: Int) -> String { NumberFormat.string(v) }
  /// A table cell showing `v` in the report's format, sorted by its unrounded value.
  static func num(_ v: Double) -> Cell { .number(v) }
  /// A table cell showing a count: `1,880`.
  static func num(_ v: Int) -> Cell { .number(v) }
}
