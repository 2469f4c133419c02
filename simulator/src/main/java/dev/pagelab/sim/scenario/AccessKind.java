package dev.pagelab.sim.scenario;

/** How a process touches memory: a load, a store or an instruction fetch. */
public enum AccessKind {
  /** A data load ({@code read}). */
  READ,
  /** A data store ({@code write}). */
  WRITE,
  /** An instruction fetch ({@code exec}). */
  EXEC;

  /** The scenario word: {@code read}, {@code write} or {@code exec}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
