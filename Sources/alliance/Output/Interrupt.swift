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
    // A parent may have left the signals blocked (a spawning thread's mask is inherited):
    // unblock them, or Ctrl-C would stay pending.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
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
