package dev.pagelab.sim.phys;

/** Who owns a physical frame. Every frame has exactly one owner at any time. */
public enum FrameOwner {
  /** On a buddy free list. */
  FREE,
  /** Kernel memory: the zero page, slab, kernel stacks, per-CPU areas, vmalloc. */
  KERNEL,
  /** An anonymous page of one or more processes (private, copy-on-write after fork). */
  ANON,
  /** A page-cache page of a file. */
  FILE,
  /** A shared-memory page (tmpfs, shared anonymous mappings). */
  SHMEM,
  /** A page-table page (PTE, PMD, PUD, P4D or PGD table). */
  PAGE_TABLE,
  /** A frame of a hugetlbfs pool page, free in the pool or mapped ({@code mm/hugetlb.c}). */
  HUGETLB;

  private static final FrameOwner[] VALUES = values();

  /** The owner with the given ordinal. */
  static FrameOwner ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
