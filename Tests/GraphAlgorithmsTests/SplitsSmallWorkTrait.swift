import GraphCore
import Testing

/// Runs a test (or every test of a suite) with ``Parallel/splitsSmallWork`` set, so kernels
/// take their multi-threaded paths on the small reference graphs instead of falling back to
/// one thread below their parallel thresholds.
struct SplitsSmallWorkTrait: TestTrait, SuiteTrait, TestScoping {
  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    try await Parallel.$splitsSmallWork.withValue(true) { try await function() }
  }
}

extension Trait where Self == SplitsSmallWorkTrait {
  /// Kernels split work below their parallel thresholds for this test or suite.
  static var splitsSmallWork: Self { Self() }
}
