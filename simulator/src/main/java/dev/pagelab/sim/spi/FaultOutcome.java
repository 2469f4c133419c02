package dev.pagelab.sim.spi;

import java.util.Objects;

/** What a fault handler decided. The kernel counts the fault and retries or signals accordingly. */
public sealed interface FaultOutcome
    permits FaultOutcome.Minor, FaultOutcome.Major, FaultOutcome.Segv, FaultOutcome.OutOfMemory {

  /** The fault was resolved without I/O (zero fill, zero page, copy-on-write, page-cache hit). */
  record Minor() implements FaultOutcome {}

  /** The fault was resolved by reading the page from disk or swap. */
  record Major() implements FaultOutcome {}

  /**
   * The access is illegal: the process gets SIGSEGV with this code.
   *
   * @param code {@code SEGV_MAPERR} or {@code SEGV_ACCERR}
   */
  record Segv(SegvCode code) implements FaultOutcome {
    /** Checks that the code is given. */
    public Segv {
      Objects.requireNonNull(code, "code");
    }
  }

  /** No frame could be allocated ({@code VM_FAULT_OOM}). */
  record OutOfMemory() implements FaultOutcome {}

  /** The shared {@link Minor} value. */
  FaultOutcome MINOR = new Minor();

  /** The shared {@link Major} value. */
  FaultOutcome MAJOR = new Major();

  /** The shared {@link OutOfMemory} value. */
  FaultOutcome OOM = new OutOfMemory();
}
