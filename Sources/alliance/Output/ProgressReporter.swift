import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Set by the SIGINT handler; long computations poll it through their progress callback.
nonisolated(unsafe) var interruptRequested: sig_atomic_t = 0

/// A progress line on standard error (only when it is a terminal and not `--quiet`):
/// `label [####......]  42%  84/200  12.3/s  ETA 9 s`. It also turns Ctrl-C into a clean
/// stop: the first interrupt asks the computation to stop (the command then exits 130 with
/// nothing written), the second kills (also 130).
final class ProgressReporter: @unchecked Sendable {
  private let label: String
  private let enabled: Bool
  private let lock = NSLock()
  private var lastPrinted = ContinuousClock.now
  private let started = ContinuousClock.now
  private var printedAny = false

  init(_ label: String) {
    self.label = label
    enabled = isatty(2) != 0 && !Diagnostics.quiet
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
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.line(label, bar: bar, done: done, total: total, elapsed: (now - started).seconds)).utf8))
    }
    return true
  }

  /// The text after the bar: percent, count, rate and the remaining time.
  static func line(_ label: String, bar: String, done: Int, total: Int, elapsed: Double) -> String {
    let percent = total > 0 ? 100 * done / total : 100
    var text = "\(label) [\(bar)] \(String(format: "%3d", percent))%  \(done)/\(total)"
    if elapsed > 0 && done > 0 {
      let rate = Double(done) / elapsed
      text += "  " + (rate >= 10 ? String(format: "%.0f/s", rate) : String(format: "%.2f/s", rate))
      if done < total { text += "  ETA \(duration(Double(total - done) / rate))" }
    }
    return text
  }

  /// `9 s`, `3 min 20 s`, `1 h 05 min`.
  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded(.up))
    if s < 60 { return "\(s) s" }
    if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
    return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
  }

  /// Clears the progress line and gives Ctrl-C back to ``Interrupt``.
  func finish() {
    Interrupt.install()
    if enabled && printedAny { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  /// Whether the user pressed Ctrl-C.
  var interrupted: Bool { interruptRequested != 0 }
}
