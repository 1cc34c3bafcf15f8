import Foundation

/// Memory figures of the running process, read from `/proc/self/status` on Linux.
public enum ProcessStatistics {
  /// The peak resident set size (VmHWM) in bytes, or `nil` where it cannot be read.
  public static var peakResidentBytes: Int? { statusField("VmHWM:") }
  /// The current resident set size (VmRSS) in bytes, or `nil` where it cannot be read.
  public static var residentBytes: Int? { statusField("VmRSS:") }

  private static func statusField(_ name: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name) {
      let number = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
      return number.flatMap { Int($0) }.map { $0 * 1024 }
    }
    return nil
  }
}
