package dev.pagelab.sim.kernel;

/**
 * The simulated kernel panicked (for example {@code vm.panic_on_oom}): the machine stops. The
 * message is the kernel's {@code Kernel panic - not syncing: ...} line, which is also the last line
 * of the kernel log.
 */
public final class KernelPanic extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A panic with the kernel's line.
   *
   * @param line the {@code Kernel panic - not syncing:} line
   */
  public KernelPanic(String line) {
    super(line);
  }
}
