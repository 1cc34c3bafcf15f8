import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Set by the SIGINT handler; long computations poll it through their progress callback.
nonisolated(unsafe) var interruptRequested: sig_atomic_t = 0

/// A progress line on standard error (only when it is a terminal) that also turns Ctrl-C
/// into a clean stop: the first interrupt asks the computation to stop, the second kills.
final class ProgressReporter: @unchecked Sendable {
  private let label: String
  private let enabled: Bool
  private let lock = NSLock()
  private var lastPrinted = ContinuousClock.now
  private var printedAny = false

  init(_ label: String) {
    self.label = label
    enabled = isatty(2) != 0
    interruptRequested = 0
    signal(SIGINT) { _ in
      if interruptRequested != 0 { _exit(130) }
      interruptRequested = 1
    }
  }

  /// Reports `done` of `total`; returns false when the user asked to stop.
  func update(_ done: Int, of total: Int) -> Bool {
    if interruptRequested != 0 { return false }
    guard enabled else { return true }
    lock.lock()
    defer { lock.unlock() }
    let now = ContinuousClock.now
    if now - lastPrinted > .milliseconds(200) || done == total {
      lastPrinted = now
      printedAny = true
      let fraction = total > 0 ? Double(done) / Double(total) : 1
      let width = 30
      let filled = Int(fraction * Double(width))
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
    }
    return true
  }

  /// Clears the progress line.
  func finish() {
    signal(SIGINT, SIG_DFL)
    if enabled && printedAny { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  /// Whether the user pressed Ctrl-C.
  var interrupted: Bool { interruptRequested != 0 }
}
