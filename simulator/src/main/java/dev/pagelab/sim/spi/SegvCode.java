package dev.pagelab.sim.spi;

/** The {@code si_code} of a SIGSEGV raised for a bad access. */
public enum SegvCode {
  /** {@code SEGV_MAPERR} (1): no VMA covers the address. */
  SEGV_MAPERR(1),
  /** {@code SEGV_ACCERR} (2): a VMA covers it but forbids the access. */
  SEGV_ACCERR(2);

  private final int value;

  SegvCode(int value) {
    this.value = value;
  }

  /** The numeric {@code si_code}. */
  public int value() {
    return value;
  }
}
