package dev.pagelab.sim.khugepaged;

/**
 * A write to a khugepaged sysfs file that the kernel's store function rejects; the message is one
 * line naming the file, the value and what was expected.
 */
public final class SysfsWriteException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The errno the write(2) returns, e.g. {@code EINVAL}. */
  private final String errno;

  /**
   * A rejected write.
   *
   * @param errno the errno name the kernel returns
   * @param message the one-line explanation
   */
  public SysfsWriteException(String errno, String message) {
    super(message);
    this.errno = errno;
  }

  /**
   * The errno name of the failed write.
   *
   * @return e.g. {@code "EINVAL"}
   */
  public String errno() {
    return errno;
  }
}
