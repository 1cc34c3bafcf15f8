import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// POSIX read(2) and write(2) under one name on Linux and macOS (`read` and `write` alone
/// would resolve to the methods below).
@inline(__always) private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
  #else
    Darwin.read(descriptor, buffer, count)
  #endif
}

@inline(__always) private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}

/// A file opened for reading with POSIX calls, closed on deinit.
final class InputFile {
  let path: String
  let descriptor: Int32
  /// The size in bytes at opening time.
  let size: Int

  /// Opens `path` for reading.
  /// - Throws: ``InputError`` with the system's reason when the file cannot be opened or is a directory.
  init(path: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw InputError(file: path, "cannot open: \(systemError())") }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = systemError()
      close(fd)
      throw InputError(file: path, "cannot read file status: \(reason)")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw InputError(file: path, "is a directory, expected a file")
    }
    descriptor = fd
    size = Int(info.st_size)
  }

  deinit { close(descriptor) }

  /// Reads up to `count` bytes into `buffer`, retrying short reads; returns the bytes read
  /// (fewer than `count` only at end of file).
  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    var total = 0
    while total < count {
      let got = systemRead(descriptor, buffer + total, count - total)
      if got < 0 {
        if errno == EINTR { continue }
        throw InputError(file: path, "read failed: \(systemError())")
      }
      if got == 0 { break }
      total += got
    }
    return total
  }

  /// Reads exactly `count` bytes at `offset` into `buffer`.
  /// - Throws: ``InputError`` when the file ends early or the read fails.
  func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws {
    var total = 0
    while total < count {
      let got = pread(descriptor, buffer + total, count - total, off_t(offset + total))
      if got < 0 {
        if errno == EINTR { continue }
        throw InputError(file: path, "read failed at byte \(offset + total): \(systemError())")
      }
      if got == 0 {
        throw InputError(file: path, "file is truncated: expected \(offset + count) bytes, found \(offset + total)")
      }
      total += got
    }
  }
}

/// The text of the current `errno`.
func systemError() -> String {
  String(cString: strerror(errno))
}

/// Temporary files being written, so an interrupt can remove them (``PendingFiles/removeAll()``
/// is called from a signal handler: it only reads C strings and calls `unlink`).
public enum PendingFiles {
  private static let capacity = 64
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    p.initialize(repeating: nil, count: capacity)
    return p
  }()
  private static let lock = NSLock()

  /// Remembers `path`; returns its slot (−1 when all are taken: then it is not removed on interrupt).
  static func register(_ path: String) -> Int {
    lock.withLock {
      for k in 0..<capacity where slots[k] == nil {
        slots[k] = strdup(path)
        return k
      }
      return -1
    }
  }

  static func unregister(_ slot: Int) {
    guard slot >= 0 else { return }
    lock.withLock {
      free(slots[slot])
      slots[slot] = nil
    }
  }

  /// Unlinks every registered file. Async-signal-safe enough for an exit path: no locks,
  /// no allocation.
  public static func removeAll() {
    for k in 0..<capacity { if let path = slots[k] { unlink(path) } }
  }
}

/// Writes files atomically and durably: the bytes go to a temporary file in the same
/// directory, which is flushed to disk (`fsync`), renamed over the target, and the
/// directory flushed too, so that after a crash or power loss the target holds either its
/// old content or the complete new one, never a partial or empty file.
///
/// The temporary file is `.NAME.tmp-PID-RANDOM` beside `NAME` (PID: the writing process).
/// On an error, Ctrl-C or SIGTERM it is removed; a process killed outright (SIGKILL, a
/// crash) leaves it behind, and the next write to the same target removes every such file
/// whose process no longer runs.
///
/// The new file keeps the permission bits of the file it replaces; a new target gets
/// `0666` less the process's umask (`0644` under the usual umask `022`), as `open(2)` and
/// shell redirection give.
public enum AtomicFile {
  /// Calls `body` with a buffered writer on a temporary file, then renames it to `path`.
  /// - Throws: ``InputError`` for I/O failures, or whatever `body` throws; `path` is
  ///   untouched then, and the temporary file removed.
  public static func write<E: Error>(
    to path: String, _ body: (inout ByteWriter) throws(E) -> Void
  ) throws -> Void {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    removeStaleTemporaries(in: directory, of: name)
    var existing = stat()
    let keptMode: mode_t? =
      stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG ? existing.st_mode & 0o777 : nil
    let (fd, temporary) = try createTemporary(in: directory, of: name, for: path)
    let slot = PendingFiles.register(temporary)
    defer { PendingFiles.unregister(slot) }
    var writer = ByteWriter(descriptor: fd, path: path)
    do {
      try body(&writer)
      try writer.flush()
      if let keptMode, fchmod(fd, keptMode) != 0 {
        throw InputError(file: path, "cannot set permissions: \(systemError())")
      }
      guard flushToDisk(fd) else { throw InputError(file: path, "cannot flush to disk: \(systemError())") }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard close(fd) == 0 else {
      let reason = systemError()
      unlink(temporary)
      throw InputError(file: path, "cannot close: \(reason)")
    }
    guard rename(temporary, path) == 0 else {
      let reason = systemError()
      unlink(temporary)
      throw InputError(file: path, "cannot move the finished file into place: \(reason)")
    }
    // Make the rename itself durable. File systems that cannot flush a directory say so
    // with EINVAL or ENOTSUP; the file is in place then, as durable as they make it.
    let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      let flushed = flushToDisk(directoryDescriptor) || errno == EINVAL || errno == ENOTSUP
      let reason = systemError()
      close(directoryDescriptor)
      guard flushed else { throw InputError(file: path, "cannot flush the directory to disk: \(reason)") }
    }
  }

  /// The prefix of the temporary files written for target `name`.
  static func temporaryPrefix(of name: String) -> String { ".\(name).tmp-" }

  /// Creates `.NAME.tmp-PID-RANDOM` exclusively, with mode 0666 under the umask.
  private static func createTemporary(in directory: String, of name: String, for path: String) throws -> (Int32, String) {
    let prefix = "\(directory == "/" ? "" : directory)/\(temporaryPrefix(of: name))\(getpid())-"
    for _ in 0..<100 {
      let candidate = prefix + String(UInt64.random(in: 0..<(1 << 48)), radix: 16)
      let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if fd >= 0 { return (fd, candidate) }
      if errno != EEXIST { break }
    }
    throw InputError(file: path, "cannot create a temporary file beside it: \(systemError())")
  }

  /// Removes temporary files left for target `name` by processes that no longer run
  /// (killed while writing). Files of running processes, this one included, stay.
  static func removeStaleTemporaries(in directory: String, of name: String) {
    let prefix = temporaryPrefix(of: name)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    let own = getpid()
    for entry in entries where entry.hasPrefix(prefix) {
      let rest = entry.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0, pid != own else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(directory)/\(entry)") }
    }
  }

  /// `fsync`, retried on EINTR (on Darwin `F_FULLFSYNC`, which also flushes the drive's cache).
  private static func flushToDisk(_ fd: Int32) -> Bool {
    while true {
      #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return true }
      #endif
      if fsync(fd) == 0 { return true }
      if errno != EINTR { return false }
    }
  }
}

/// A buffered writer of raw bytes to a file descriptor.
public struct ByteWriter: ~Copyable {
  private let descriptor: Int32
  private let path: String
  private var buffer: [UInt8] = []
  private let capacity = 1 << 20

  init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
    buffer.reserveCapacity(capacity)
  }

  /// Appends bytes, flushing when the buffer is full.
  public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
    if buffer.count + bytes.count > capacity { try flush() }
    if bytes.count >= capacity {
      try writeDirect(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Appends an array's bytes.
  public mutating func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { (raw) in try write(raw) }
  }

  /// Appends the raw memory of an array's elements.
  public mutating func writeRaw<T>(_ values: [T]) throws {
    try values.withUnsafeBytes { (raw) in try write(raw) }
  }

  /// Writes everything buffered.
  public mutating func flush() throws {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { (raw) in try writeDirect(raw) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeDirect(_ bytes: UnsafeRawBufferPointer) throws {
    var done = 0
    while done < bytes.count {
      let wrote = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if wrote < 0 {
        if errno == EINTR { continue }
        throw InputError(file: path, "write failed: \(systemError())")
      }
      done += wrote
    }
  }
}

/// Whole-file reading for small and medium text inputs (tables, manifests).
public enum FileBytes {
  /// Reads the whole file at `path`.
  ///
  /// O(size) time and memory.
  /// - Throws: ``InputError`` when the file cannot be opened, is a directory, or a read fails.
  public static func read(path: String) throws -> [UInt8] {
    let file = try InputFile(path: path)
    guard file.size > 0 else { return [] }
    var bytes = [UInt8](repeating: 0, count: file.size)
    let got = try bytes.withUnsafeMutableBytes { raw in
      try file.read(into: raw.baseAddress!, count: file.size)
    }
    if got < bytes.count { bytes.removeLast(bytes.count - got) }
    return bytes
  }

  /// Whether `path` names an existing directory.
  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Whether `path` names an existing regular file.
  public static func isFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }
}
