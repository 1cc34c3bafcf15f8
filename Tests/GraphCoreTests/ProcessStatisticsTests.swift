import Foundation
import Testing

@testable import GraphCore

@Suite struct ProcessStatisticsTests {
  @Test func residentSizesAreReadOnLinux() throws {
    #if os(Linux)
      // Current first: the peak read afterwards is at least every earlier resident size.
      let now = try #require(ProcessStatistics.residentBytes)
      let peak = try #require(ProcessStatistics.peakResidentBytes)
      #expect(now > 1 << 20)
      #expect(peak >= now)
    #endif
  }
}
