package dev.pagelab.sim.khugepaged;

/**
 * {@code /sys/kernel/mm/transparent_hugepage/enabled} as it applies to PMD-sized pages (the
 * per-size {@code hugepages-2048kB/enabled} left at its default {@code inherit}).
 */
public enum ThpEnabled {
  /** Every suitable anonymous VMA. */
  ALWAYS,
  /** Only VMAs with {@code VM_HUGEPAGE} ({@code MADV_HUGEPAGE}). */
  MADVISE,
  /** None; the khugepaged thread is stopped ({@code start_stop_khugepaged}). */
  NEVER
}
