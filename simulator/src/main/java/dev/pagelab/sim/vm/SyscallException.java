package dev.pagelab.sim.vm;

/** A system call failed with an errno, as the C library would report it. */
public final class SyscallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Errno errno;

  /**
   * Creates the failure.
   *
   * @param call the system call, e.g. {@code mmap}
   * @param errno why it failed
   * @param detail what was wrong, in the kernel's terms
   */
  public SyscallException(String call, Errno errno, String detail) {
    super(call + ": " + errno.message() + " (" + errno + ": " + detail + ")");
    this.errno = errno;
  }

  /** Why the call failed. */
  public Errno errno() {
    return errno;
  }
}
