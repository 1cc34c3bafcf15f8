import Foundation
import GraphCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C and `kill`: remove the partial output files and exit 128 + the signal number
/// (130 for SIGINT, 143 for SIGTERM), as shells expect.
enum Interrupt {
  static func install() {
    signal(SIGINT) { number in
      PendingFiles.removeAll()
      _exit(128 + number)
    }
    signal(SIGTERM) { number in
      PendingFiles.removeAll()
      _exit(128 + number)
    }
  }
}
