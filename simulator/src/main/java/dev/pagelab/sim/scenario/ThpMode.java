package dev.pagelab.sim.scenario;

/**
 * {@code /sys/kernel/mm/transparent_hugepage/enabled}: when anonymous faults may use 2 MiB pages.
 */
public enum ThpMode {
  /** Every suitable anonymous mapping. */
  ALWAYS,
  /** Only ranges marked {@code MADV_HUGEPAGE} (the default of most distributions). */
  MADVISE,
  /** Never. */
  NEVER
}
