package dev.pagelab.sim.vm;

/**
 * What {@code fork} copied into a child's page tables, counted as {@code dup_mmap} does it: only
 * areas for which {@code vma_needs_copy} holds (an {@code anon_vma}: private areas that hold or
 * held anonymous pages, private hugetlb areas once touched) have their entries copied; shared and
 * untouched file mappings are left for the child to fault in later. Follows mm/memory.c {@code
 * copy_page_range}, {@code copy_pte_range} and {@code copy_nonpresent_pte}, mm/huge_memory.c {@code
 * copy_huge_pmd} and mm/hugetlb.c {@code copy_hugetlb_page_range}.
 *
 * @param ptes present 4 KiB entries copied by {@code copy_pte_range}
 * @param swapPtes swap entries copied by {@code copy_nonpresent_pte}
 * @param pmds huge PMD leaves copied: THP by {@code copy_huge_pmd} (each with a PTE table deposited
 *     in the child) and 2 MiB hugetlb pages
 * @param puds huge PUD leaves copied: 1 GiB hugetlb pages
 * @param tables page-table pages the child allocated (PTE, PMD and PUD tables, deposited PTE tables
 *     included: the child's VmPTE right after the fork, in pages)
 */
public record ForkCopy(long ptes, long swapPtes, long pmds, long puds, long tables) {
  /** What a process that was not forked copied: nothing. */
  public static final ForkCopy NONE = new ForkCopy(0, 0, 0, 0, 0);

  /** Checks the counts. */
  public ForkCopy {
    if (ptes < 0 || swapPtes < 0 || pmds < 0 || puds < 0 || tables < 0) {
      throw new IllegalArgumentException(
          "ForkCopy: negative count "
              + ptes
              + "/"
              + swapPtes
              + "/"
              + pmds
              + "/"
              + puds
              + "/"
              + tables);
    }
  }

  /** The entries copied at every level. */
  public long entries() {
    return ptes + swapPtes + pmds + puds;
  }
}
