package dev.pagelab.sim.khugepaged;

/**
 * What khugepaged and {@code MADV_COLLAPSE} need from the machine: the VMAs and page tables of an
 * address space, and someone to carry out a collapse. The kernel package implements it; mm ids are
 * the machine's (the log lines call them pids).
 */
public interface CollapseTarget {
  /**
   * The address space, as {@code vma_iter_init}/{@code for_each_vma} walk it.
   *
   * @param mmId a registered address space that has not exited
   * @return its VMAs and prctl state
   */
  MmView mm(int mmId);

  /**
   * The PMD of the 2 MiB range at {@code address} and, when it points to a PTE table, its 512
   * entries ({@code mm_find_pmd}, {@code pte_offset_map_lock}).
   *
   * @param mmId the address space
   * @param address a 2 MiB-aligned address inside an anonymous VMA
   * @return the snapshot
   */
  PmdSnapshot snapshot(int mmId, long address);

  /**
   * Carries out {@code collapse_huge_page} for a range that passed the scan, in the steps {@link
   * CollapsePlan} lists: allocate (and charge) the huge page, swap in, {@link CollapsePlan#isolate}
   * the fresh PTEs, copy and zero-fill, map the huge PMD. Any step that fails must leave the range
   * as it was (except pages already swapped in) and report why.
   *
   * @param mmId the address space
   * @param address the range
   * @param plan what to do
   * @return SCAN_SUCCEED, SCAN_ALLOC_HUGE_PAGE_FAIL (no order-9 block), SCAN_CGROUP_CHARGE_FAIL,
   *     SCAN_FAIL (a swap-in failed) or the isolation's result, with its events
   */
  CollapseOutcome collapse(int mmId, long address, CollapsePlan plan);
}
