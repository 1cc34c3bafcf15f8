import Testing

@testable import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct ParseDecimalTests {
  func parse(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer { parseDecimal($0) }
  }

  func strtodValue(_ text: String) -> Double {
    text.withCString { strtod($0, nil) }
  }

  static let accepted: [(String, Double)] = [
    ("1", 1), ("-2.5", -2.5), ("1e3", 1000), ("1E-3", 0.001), (".5", 0.5), ("5.", 5), ("+7", 7), ("0.1", 0.1),
    ("0", 0), ("007", 7), ("1e+2", 100), ("-.25", -0.25), ("123456.789", 123456.789), ("1e22", 1e22),
    ("1e23", 1e23), ("1e-300", 1e-300), ("5e-324", .leastNonzeroMagnitude), ("4.9406564584124654e-324", .leastNonzeroMagnitude), ("1.7976931348623157e308", 1.7976931348623157e308),
    ("9007199254740993", 9007199254740992), ("0.000001", 1e-6), ("2.5E0", 2.5), ("3e-0", 3),
  ]

  @Test(arguments: zip(accepted.map(\.0), accepted.map(\.1)))
  func acceptsDecimals(text: String, value: Double) {
    let parsed = parse(text)
    #expect(parsed?.bitPattern == value.bitPattern, "\(text) → \(String(describing: parsed))")
  }

  @Test func pointOneIsExactlyTheNearestDouble() {
    #expect(parse("0.1") == 0.1)
    #expect(parse("0.1")?.bitPattern == 0x3FB9_9999_9999_999A)
  }

  @Test func negativeZeroKeepsItsSign() {
    #expect(parse("-0")?.sign == .minus)
    #expect(parse("-0.0")?.sign == .minus)
  }

  static let longNumbers = [
    "1234567890123456789012345",
    "0.1000000000000000055511151231257827",
    "3.141592653589793238462643383279",
    "123456789012345678",
    "9007199254740993.0000000000001",
    "2.2250738585072011e-308",
    "0.000000000000000000000000001",
    "12345678901234567890e-10",
    "-98765432109876543210.123456789",
    "00000000000000000000000000000001.5",
  ]

  @Test(arguments: longNumbers)
  func longNumbersMatchStrtod(text: String) {
    #expect(parse(text)?.bitPattern == strtodValue(text).bitPattern)
  }

  @Test func randomNumbersMatchStrtod() {
    var random = RandomStream(seed: 77)
    for _ in 0..<2000 {
      var text = random.below(2) == 0 ? "-" : ""
      for _ in 0..<(1 + random.below(25)) { text += String(random.below(10)) }
      if random.below(2) == 0 {
        text += "."
        for _ in 0..<random.below(20) { text += String(random.below(10)) }
      }
      if random.below(3) == 0 { text += "e" + String(Int(random.below(80)) - 40) }
      #expect(parse(text)?.bitPattern == strtodValue(text).bitPattern, "\(text)")
    }
  }

  @Test(arguments: ["", "abc", "1.2.3", "1e", "nan", "NaN", "inf", "-inf", "--1", "+-1", "-", "+", ".", "e5", "1e+",
    "1x", "0x10", " 1", "1 ", "1,5", "1e5.5", "..1"])
  func rejects(text: String) {
    #expect(parse(text) == nil, "\(text)")
  }
}

@Suite struct AppendDecimalTests {
  @Test(arguments: [UInt64(0), 7, 10, 99, 12_345, 4_294_967_295, UInt64.max])
  func formatsDecimal(value: UInt64) {
    var out: [UInt8] = Array("x".utf8)
    appendDecimal(value, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "x\(value)")
  }
}
