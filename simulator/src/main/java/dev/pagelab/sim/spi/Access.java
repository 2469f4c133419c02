package dev.pagelab.sim.spi;

import java.util.Objects;

/**
 * One memory access as the MMU sees it.
 *
 * @param type read, write or instruction fetch
 * @param user true for CPL 3 (user mode), false for supervisor (kernel) mode
 */
public record Access(AccessType type, boolean user) {
  /** A user-mode read. */
  public static final Access USER_READ = new Access(AccessType.READ, true);

  /** A user-mode write. */
  public static final Access USER_WRITE = new Access(AccessType.WRITE, true);

  /** A user-mode instruction fetch. */
  public static final Access USER_EXECUTE = new Access(AccessType.EXECUTE, true);

  /** Checks that the type is given. */
  public Access {
    Objects.requireNonNull(type, "type");
  }

  /** True for a write. */
  public boolean isWrite() {
    return type == AccessType.WRITE;
  }

  /** True for an instruction fetch. */
  public boolean isExecute() {
    return type == AccessType.EXECUTE;
  }
}
