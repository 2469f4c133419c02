package dev.pagelab.sim.vm;

/**
 * The THP advice of an area: {@code VM_HUGEPAGE} or {@code VM_NOHUGEPAGE} from {@code madvise}
 * ({@code hugepage_madvise} in mm/khugepaged.c), or neither.
 */
public enum ThpAdvice {
  /** Neither flag: the area follows {@code transparent_hugepage/enabled}. */
  NONE,
  /** {@code VM_HUGEPAGE}: THP allowed in {@code madvise} mode. */
  HUGEPAGE,
  /** {@code VM_NOHUGEPAGE}: no THP here, whatever the mode. */
  NOHUGEPAGE
}
