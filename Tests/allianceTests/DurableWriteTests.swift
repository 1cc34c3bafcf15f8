import Foundation
import GraphCore
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `alliance convert` (52 kills) and `alliance report` (10 kills, on a
/// two-nation group: a full report takes over a minute in a debug build) killed with SIGKILL at
/// moments spread over their run: the output file is always the old one intact or the complete
/// new one, and the temporary files a kill leaves (`.NAME.tmp-PID-RANDOM`) are removed by the
/// next run.
@Suite(.serialized) struct DurableWriteTests {
  /// What the kills of one command found.
  struct Outcome: CustomStringConvertible {
    var kills = 0
    var oldIntact = 0
    var newComplete = 0
    var attempts = 0
    var temporariesLeft = 0
    var timing = ""
    var description: String {
      "\(attempts) runs, \(kills) kills: old file intact \(oldIntact), new file complete \(newComplete), own temporary file left \(temporariesLeft) (\(timing))"
    }
  }

  /// When a run is killed.
  enum Kill {
    /// Never: the run goes to its end.
    case never
    /// `seconds` after the start.
    case after(Double)
    /// `seconds` after this run's temporary file (`prefix` + pid + `-…`) appeared (polled
    /// every half millisecond): during its write.
    case intoWrite(prefix: String, seconds: Double)
  }

  /// Starts `alliance arguments…` in `ws` and kills it with SIGKILL as `kill` says. Returns
  /// the pid, the seconds it ran, whether the kill hit a running process, and, when `watch`
  /// is given, the second a file named `watch` + pid + `-…` first appeared (its write start).
  static func run(
    _ arguments: [String], in ws: Workspace, kill moment: Kill, watch: String? = nil
  ) throws -> (pid: Int32, seconds: Double, killed: Bool, writeStart: Double?) {
    let binary = try #require(CLI.executable)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = ws.url
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    let pid = process.processIdentifier
    func ownTemporaryExists(_ prefix: String) -> Bool {
      (try? ws.listing())?.contains { $0.hasPrefix("\(prefix)\(pid)-") } == true
    }
    var killed = false
    var writeStart: Double?
    switch moment {
    case .never:
      if let watch {
        while process.isRunning {
          if writeStart == nil, ownTemporaryExists(watch) { writeStart = Date().timeIntervalSince(start) }
          usleep(500)
        }
      }
    case .after(let seconds):
      Thread.sleep(forTimeInterval: seconds)
      killed = process.isRunning && kill(pid, SIGKILL) == 0
    case .intoWrite(let prefix, let seconds):
      while process.isRunning && !ownTemporaryExists(prefix) { usleep(500) }
      Thread.sleep(forTimeInterval: seconds)
      killed = process.isRunning && kill(pid, SIGKILL) == 0
    }
    process.waitUntilExit()
    if case .never = moment { #expect(process.terminationStatus == 0, "\(arguments) failed") }
    return (pid, Date().timeIntervalSince(start), killed, writeStart)
  }

  /// Kills `arguments` `kills` times, with `target` holding `old` before each run, and checks
  /// what is left. Half the kills are spread over the whole run (stratified: one random moment
  /// in each of equal slices of 90% of an uninterrupted run), half over the write: a random
  /// moment in each slice of 90% of the write's duration after the run's own temporary file
  /// appears.
  static func killRepeatedly(
    _ arguments: [String], target: String, old: [UInt8], kills: Int, seed: UInt64, in ws: Workspace,
    isCompleteNew: ([UInt8]) -> Bool
  ) throws -> Outcome {
    // One uninterrupted run sets the time scale (and checks the new file).
    try Data(old).write(to: ws.url.appendingPathComponent(target))
    let prefix = ".\(target).tmp-"
    let reference = try run(arguments, in: ws, kill: .never, watch: prefix)
    #expect(isCompleteNew(try ws.bytes(target)), "an uninterrupted run wrote an incomplete \(target)")
    let writeStart = try #require(reference.writeStart, "the temporary file of \(target) was never seen")
    let writeSeconds = reference.seconds - writeStart
    var random = RandomStream(seed: seed)
    var outcome = Outcome()
    outcome.timing = String(
      format: "uninterrupted run %.3f s, write from %.3f s for %.3f s", reference.seconds, writeStart, writeSeconds)
    let wholeRun = kills / 2
    // Until `kills` runs were killed (a run faster than the reference one may end first), at
    // most three times as many attempts.
    var attempt = 0
    while outcome.kills < kills && attempt < 3 * kills {
      let k = attempt % kills
      attempt += 1
      try Data(old).write(to: ws.url.appendingPathComponent(target))
      let moment: Kill
      if k < wholeRun {
        moment = .after(0.9 * reference.seconds * (Double(k) + random.unit()) / Double(wholeRun))
      } else {
        let slice = (Double(k - wholeRun) + random.unit()) / Double(kills - wholeRun)
        moment = .intoWrite(prefix: prefix, seconds: 0.9 * writeSeconds * slice)
      }
      let result = try run(arguments, in: ws, kill: moment)
      outcome.attempts += 1
      if result.killed { outcome.kills += 1 }
      let bytes = try ws.bytes(target)
      if bytes == old {
        outcome.oldIntact += 1
      } else if isCompleteNew(bytes) {
        outcome.newComplete += 1
      } else {
        Issue.record("\(arguments.first!) killed (\(moment)) left a partial \(target) (\(bytes.count) bytes)")
      }
      // The only other files are temporary files of killed runs: this run's if it was killed
      // while writing, earlier ones' if it was killed before it started writing (a run
      // removes the temporary files of dead processes when it starts writing).
      for name in try ws.listing() where name != target && !Self.inputs.contains(name) {
        #expect(name.hasPrefix(prefix), "unexpected file \(name) after a kill")
        if name.hasPrefix("\(prefix)\(result.pid)-") { outcome.temporariesLeft += 1 }
      }
    }
    // A complete run removes what the kills left.
    _ = try run(arguments, in: ws, kill: .never)
    #expect(isCompleteNew(try ws.bytes(target)))
    #expect(try ws.listing().filter { $0.hasPrefix(prefix) } == [], "temporary files left after a complete run")
    return outcome
  }

  static let inputs: Set<String> = ["in.bin", "group.txt"]

  @Test func sigkillDuringConvertLeavesTheOldOrTheNewFile() throws {
    try withWorkspace { ws throws in
      let generated = try ws.run("generate", "kronecker", "--scale", "15", "--edge-factor", "8", "--seed", "3", "--out", "in.bin", "--quiet")
      #expect(generated.status == 0, "\(generated.stderr)")
      // The new edge list, from a run into another name.
      #expect(try ws.run("convert", "in.bin", "expected.el", "--quiet").status == 0)
      let expected = try ws.bytes("expected.el")
      try FileManager.default.removeItem(atPath: ws.path("expected.el"))
      #expect(expected.count > 1 << 20)
      let old = Array("# an older edge list\n0 1\n".utf8)
      let outcome = try Self.killRepeatedly(
        ["convert", "in.bin", "out.el", "--quiet"], target: "out.el", old: old, kills: 52, seed: 1, in: ws
      ) { $0 == expected }
      print("convert: \(outcome)")
      #expect(outcome.kills == 52, "\(outcome)")
      #expect(outcome.oldIntact + outcome.newComplete == outcome.attempts)
    }
  }

  @Test func sigkillDuringReportLeavesTheOldOrTheNewFile() throws {
    try withWorkspace { ws throws in
      let old = Array("<!DOCTYPE html><html><body>an older report</body></html>\n".utf8)
      _ = try ws.write("group.txt", "Pakistan\nTurkey\n")
      let outcome = try Self.killRepeatedly(
        ["report", "--out", "r.html", "--draws", "20", "--group", "group.txt", "--timeline", "2024-2025", "--quiet"],
        target: "r.html", old: old, kills: 10, seed: 2, in: ws
      ) { bytes in
        // The complete report: one HTML page, closed, with the sections written last.
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes != old && text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n") && bytes.count > 100_000
      }
      print("report: \(outcome)")
      #expect(outcome.kills == 10, "\(outcome)")
      #expect(outcome.oldIntact + outcome.newComplete == outcome.attempts)
    }
  }
}
