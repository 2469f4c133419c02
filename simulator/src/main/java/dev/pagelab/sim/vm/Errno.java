package dev.pagelab.sim.vm;

/** The error numbers a memory system call returns, with the text {@code strerror} gives them. */
public enum Errno {
  /** Out of memory or address space (12). */
  ENOMEM(12, "Cannot allocate memory"),
  /** Invalid argument (22). */
  EINVAL(22, "Invalid argument"),
  /** Permission denied (13). */
  EACCES(13, "Permission denied"),
  /** Operation not permitted (1): a fixed mapping below {@code vm.mmap_min_addr}. */
  EPERM(1, "Operation not permitted"),
  /** No such process (3). */
  ESRCH(3, "No such process"),
  /** No such file or directory (2). */
  ENOENT(2, "No such file or directory"),
  /** Device or resource busy (16): the simulator refuses to truncate pages a process maps. */
  EBUSY(16, "Device or resource busy"),
  /** Bad address (14): pinning an address no mapping covers. */
  EFAULT(14, "Bad address"),
  /** Try again: a transient state (a locked or pinned page) made the call fail. */
  EAGAIN(11, "Resource temporarily unavailable");

  private final int number;
  private final String message;

  Errno(int number, String message) {
    this.number = number;
    this.message = message;
  }

  /** The errno value. */
  public int number() {
    return number;
  }

  /** The {@code strerror} text. */
  public String message() {
    return message;
  }
}
