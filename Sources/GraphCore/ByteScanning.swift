#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Byte classes and number scanning shared by the text readers.
@usableFromInline
enum Byte {
  @usableFromInline static let newline: UInt8 = 0x0A
  @usableFromInline static let carriageReturn: UInt8 = 0x0D
  @usableFromInline static let space: UInt8 = 0x20
  @usableFromInline static let tab: UInt8 = 0x09
  @usableFromInline static let comma: UInt8 = 0x2C
  @usableFromInline static let hash: UInt8 = 0x23
  @usableFromInline static let percent: UInt8 = 0x25
  @usableFromInline static let zero: UInt8 = 0x30

  /// Space, tab or comma: the field separators of an edge list.
  @inlinable @inline(__always)
  static func isSeparator(_ c: UInt8) -> Bool { c == space || c == tab || c == comma }

  /// Newline or carriage return.
  @inlinable @inline(__always)
  static func isLineEnd(_ c: UInt8) -> Bool { c == newline || c == carriageReturn }
}

/// Powers of ten exactly representable as `Double`.
private let exactPowersOfTen: [Double] = (0...22).map { exponent in
  var value = 1.0
  for _ in 0..<exponent { value *= 10 }
  return value
}

/// Parses a decimal floating-point number from `bytes` (the whole token).
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` and `.digits`; returns `nil` for anything
/// else (including `nan`, `inf` and values too large for a `Double`). Numbers whose value is exact in a `Double` with an
/// exact power of ten take a fast path (Clinger 1990); the rest are converted by `strtod`,
/// so results are always correctly rounded.
public func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
  var i = 0
  let n = bytes.count
  guard n > 0 else { return nil }
  var negative = false
  if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
    negative = bytes[0] == UInt8(ascii: "-")
    i = 1
  }
  var mantissa: UInt64 = 0
  var digits = 0
  var significant = 0
  var exponent = 0
  var sawDigit = false
  while i < n, bytes[i] &- Byte.zero < 10 {
    sawDigit = true
    if mantissa != 0 || bytes[i] != Byte.zero { significant += 1 }
    if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- Byte.zero) } else { exponent += 1 }
    digits += 1
    i += 1
  }
  if i < n && bytes[i] == UInt8(ascii: ".") {
    i += 1
    while i < n, bytes[i] &- Byte.zero < 10 {
      sawDigit = true
      if mantissa != 0 || bytes[i] != Byte.zero { significant += 1 }
      if significant <= 19 {
        mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- Byte.zero)
        exponent -= 1
      }
      digits += 1
      i += 1
    }
  }
  guard sawDigit else { return nil }
  if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
    i += 1
    var expNegative = false
    if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
      expNegative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var value = 0
    var expDigits = 0
    while i < n, bytes[i] &- Byte.zero < 10 {
      if value < 100_000 { value = value * 10 + Int(bytes[i] &- Byte.zero) }
      expDigits += 1
      i += 1
    }
    guard expDigits > 0 else { return nil }
    exponent += expNegative ? -value : value
  }
  guard i == n else { return nil }
  if significant <= 19 && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
    var value = Double(mantissa)
    value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
    return negative ? -value : value
  }
  // Slow path: let the C library round correctly.
  var text = [CChar](repeating: 0, count: n + 1)
  for k in 0..<n { text[k] = CChar(bitPattern: bytes[k]) }
  let value = text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
  return value.isFinite ? value : nil
}

/// Formats `value` as decimal digits into `out`.
@inlinable
func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
  if value < 10 {
    out.append(Byte.zero &+ UInt8(value))
    return
  }
  var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  var count = 0
  var v = value
  withUnsafeMutableBytes(of: &digits) { raw in
    while v > 0 {
      raw[count] = Byte.zero &+ UInt8(v % 10)
      v /= 10
      count += 1
    }
    for k in stride(from: count - 1, through: 0, by: -1) { out.append(raw[k]) }
  }
}
