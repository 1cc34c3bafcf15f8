import Foundation
import Testing

@testable import AllianceRender

/// The report's one number format, on hand-picked values.
@Suite struct NumberFormatTests {
  @Test(arguments: [
    (397_500.0, "397,500"),
    (1880.0, "1,880"),
    (3.5e-48, "< 0.001"),
    (-0.0, "0"),
    (0.0, "0"),
    (-1e-9, "0"),
    (0.12345, "0.123"),
    (12.345, "12.3"),
    (1e12, "1,000,000,000,000"),
    (Double.infinity, "∞"),
    (-Double.infinity, "-∞"),
    (Double.nan, ""),
    // Around the boundaries.
    (0.001, "0.001"),
    (0.0012345, "0.00123"),
    (0.00099, "< 0.001"),
    (-0.00099, "0"),
    (1.5, "1.5"),
    (2.0, "2"),
    (99.94, "99.9"),
    (99.96, "100"),
    (100.4, "100"),
    (999.5, "1,000"),
    (-1234.4, "-1,234"),
    (-0.25, "-0.25"),
    (123_456_789.0, "123,456,789"),
    (1.234e18, "1.23×10¹⁸"),
    (-9.996e20, "-1.00×10²¹"),
  ])
  func formats(_ value: Double, _ expected: String) {
    #expect(NumberFormat.string(value) == expected, "\(value)")
    #expect(HTMLReport.fmt(value) == expected)
  }

  @Test func countsGetThousandsSeparators() {
    #expect(NumberFormat.string(0) == "0")
    #expect(NumberFormat.string(12) == "12")
    #expect(NumberFormat.string(1880) == "1,880")
    #expect(NumberFormat.string(1_000_000) == "1,000,000")
    #expect(NumberFormat.string(-4321) == "-4,321")
    #expect(NumberFormat.string(Int.min) == "-9,223,372,036,854,775,808")
  }

  @Test func neverNegativeZeroOrExponent() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let exponent = Double.random(in: -60...14, using: &generator)
      let value = (Bool.random(using: &generator) ? -1 : 1) * pow(10, exponent)
      let text = NumberFormat.string(value)
      #expect(text != "-0" && !text.hasPrefix("-0 ") && text != "-0.00", "\(value) → \(text)")
      #expect(!text.contains("e"), "\(value) → \(text)")
      if abs(value) >= 1e-3 { #expect(NumberFormat.value(of: text) != nil, "\(value) → \(text) reads back") }
    }
  }

  @Test func formattedTextReadsBack() {
    #expect(NumberFormat.value(of: "397,500") == 397_500)
    #expect(NumberFormat.value(of: "-1,234") == -1234)
    #expect(NumberFormat.value(of: "0.123") == 0.123)
    #expect(NumberFormat.value(of: "∞") == .infinity)
    #expect(NumberFormat.value(of: "-∞") == -.infinity)
    #expect(NumberFormat.value(of: "< 0.001") == 0.0005)
    #expect(NumberFormat.value(of: "1.23×10¹⁸") == 1.23e18)
    #expect(NumberFormat.value(of: "2015") == 2015)
    for text in ["", "PAK", "1,23", "12,3456", "2015-2025", "yes (0.8)", "inf", "1e5", "-", "3 members"] {
      #expect(NumberFormat.value(of: text) == nil, "\(text)")
    }
  }

  /// Table cells: numbers carry their raw value, strings that read as numbers sort as them,
  /// and only http(s) addresses become links.
  @Test func cells() {
    let cell = Cell.number(3.5e-48)
    #expect(cell.text == "< 0.001" && cell.value == 3.5e-48)
    #expect(Cell.number(.nan).value == nil && Cell.number(.nan).text.isEmpty)
    #expect(Page.cell(.number(1880.25), title: nil) == #"<td class="num" data-value="1880.25">1,880</td>"#)
    #expect(Page.cell(.number(3.5e-48), title: nil) == #"<td class="num" data-value="3.5e-48">&lt; 0.001</td>"#)
    #expect(Page.cell(.number(-0.0), title: nil) == #"<td class="num" data-value="0.0">0</td>"#)
    #expect(Page.cell(.number(.infinity), title: nil) == #"<td class="num" data-value="Infinity">∞</td>"#)
    #expect(Page.cell("USA".cell, title: "a \"tip\"") == #"<td title="a &quot;tip&quot;">USA</td>"#)
    #expect("0.5".cell.value == nil, "a string is a text cell")
    #expect(Page.cell(.year(2022), title: nil) == #"<td class="num" data-value="2022.0">2022</td>"#)
    #expect(
      Page.cell(.link("https://example.org/a?b=1&c=<2>"), title: nil)
        == #"<td><a href="https://example.org/a?b=1&amp;c=&lt;2&gt;" rel="noreferrer">https://example.org/a?b=1&amp;c=&lt;2&gt;</a></td>"#)
    #expect(Cell.link("HTTP://example.org").href == "HTTP://example.org")
    for address in ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org", "example.org/page", "", "https://", "see the report"] {
      #expect(Cell.link(address).href == nil, "\(address)")
      #expect(Cell.link(address).text == address)
    }
  }
}

extension NumberFormat {
  /// The value a formatted string stands for, to check the report's text (the inverse of
  /// ``string(_:)-(Double)`` up to rounding): `1,880` → 1880, `∞` → +∞, `< 0.001` → 0.0005,
  /// `1.23×10¹⁸` → 1.23e18; `nil` for text that is not a formatted number (or is empty).
  static func value(of text: String) -> Double? {
    switch text {
    case "": return nil
    case "∞": return .infinity
    case "-∞": return -.infinity
    case "< 0.001": return 0.0005
    default: break
    }
    if let times = text.range(of: "×10") {
      guard let mantissa = Double(text[..<times.lowerBound]) else { return nil }
      let digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
      var exponent = 0
      for c in text[times.upperBound...] {
        guard let d = digits.firstIndex(of: c) else { return nil }
        exponent = exponent * 10 + digits.distance(from: digits.startIndex, to: d)
      }
      return mantissa * pow(10, Double(exponent))
    }
    // Thousands separators only between groups of three digits.
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    if parts.count > 1 {
      let head = parts[0].hasPrefix("-") ? parts[0].dropFirst() : parts[0]
      guard (1...3).contains(head.count), head.allSatisfy(\.isASCIIDigit),
        parts.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) })
      else { return nil }
      return Double(parts.joined())
    }
    guard let first = text.first, first.isASCIIDigit || first == "-", text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "-" }),
      let number = Double(text)
    else { return nil }
    return number
  }

}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
