package dev.pagelab.sim.khugepaged;

/**
 * {@code enum scan_result} of mm/khugepaged.c in Linux 6.18, with the names the tracepoints print
 * ({@code SCAN_STATUS} in include/trace/events/huge_memory.h). Linux 6.18 removed {@code
 * SCAN_PAGE_RO} ("mm: drop all references of writable and SCAN_PAGE_RO"): a range without a
 * writable PTE may now be collapsed.
 */
public enum ScanResult {
  /** Generic failure. */
  SCAN_FAIL("failed"),
  /** The range qualifies (scan) or was collapsed (collapse). */
  SCAN_SUCCEED("succeeded"),
  /** No PMD to look at ({@code mm_find_pmd} found no upper table) or a bad one. */
  SCAN_PMD_NULL("pmd_null"),
  /** The PMD entry is empty: no page table, nothing was ever touched there. */
  SCAN_PMD_NONE("pmd_none"),
  /** The range is already mapped by a huge PMD. */
  SCAN_PMD_MAPPED("page_pmd_mapped"),
  /** More than {@code max_ptes_none} empty or zero-page PTEs. */
  SCAN_EXCEED_NONE_PTE("exceed_none_pte"),
  /** More than {@code max_ptes_swap} swapped-out PTEs. */
  SCAN_EXCEED_SWAP_PTE("exceed_swap_pte"),
  /** More than {@code max_ptes_shared} PTEs of pages that may be mapped by another process. */
  SCAN_EXCEED_SHARED_PTE("exceed_shared_pte"),
  /** A PTE that is neither present nor empty (a swap entry left after swap-in). */
  SCAN_PTE_NON_PRESENT("pte_non_present"),
  /** A userfaultfd write-protected PTE. */
  SCAN_PTE_UFFD_WP("pte_uffd_wp"),
  /** A file range already backed by a PTE-mapped huge page. */
  SCAN_PTE_MAPPED_HUGEPAGE("pte_mapped_hugepage"),
  /** khugepaged found no young PTE (or too few when swap-ins are needed). */
  SCAN_LACK_REFERENCED_PAGE("lack_referenced_page"),
  /** A PTE maps no normal page ({@code vm_normal_page} returned NULL). */
  SCAN_PAGE_NULL("page_null"),
  /** NUMA node distance too large ({@code hpage_collapse_scan_abort}). */
  SCAN_SCAN_ABORT("scan_aborted"),
  /** A page has extra references (GUP pins): {@code is_refcount_suitable} failed. */
  SCAN_PAGE_COUNT("not_suitable_page_count"),
  /** A page is not on an LRU list. */
  SCAN_PAGE_LRU("page_not_in_lru"),
  /** A page is locked. */
  SCAN_PAGE_LOCK("page_locked"),
  /** A page is not anonymous. */
  SCAN_PAGE_ANON("page_not_anon"),
  /** A file range holds a large folio of another order. */
  SCAN_PAGE_COMPOUND("page_compound"),
  /** The process exited or disabled THP. */
  SCAN_ANY_PROCESS("no_process_for_page"),
  /** No VMA at the address any more. */
  SCAN_VMA_NULL("vma_null"),
  /** The VMA no longer qualifies ({@code thp_vma_allowable_order}). */
  SCAN_VMA_CHECK("vma_check_failed"),
  /** The aligned 2 MiB range no longer lies inside the VMA. */
  SCAN_ADDRESS_RANGE("not_suitable_address_range"),
  /** A page could not be taken off its LRU list ({@code folio_isolate_lru}). */
  SCAN_DEL_PAGE_LRU("could_not_delete_page_from_lru"),
  /** No free 2 MiB block: vmstat {@code thp_collapse_alloc_failed}. */
  SCAN_ALLOC_HUGE_PAGE_FAIL("alloc_huge_page_failed"),
  /** The memory cgroup could not be charged for the huge page. */
  SCAN_CGROUP_CHARGE_FAIL("ccgroup_charge_failed"),
  /** A file was truncated under the collapse. */
  SCAN_TRUNCATED("truncated"),
  /** A file page has private data. */
  SCAN_PAGE_HAS_PRIVATE("page_has_private"),
  /** Storing into the page cache failed. */
  SCAN_STORE_FAILED("store_failed"),
  /** Copying hit a poisoned page. */
  SCAN_COPY_MC("copy_poisoned_page"),
  /** A file range got filled under the collapse. */
  SCAN_PAGE_FILLED("page_filled");

  private final String traceName;

  ScanResult(String traceName) {
    this.traceName = traceName;
  }

  /**
   * The word the {@code mm_khugepaged_scan_pmd} and {@code mm_collapse_huge_page} tracepoints print
   * for this result.
   *
   * @return e.g. {@code exceed_none_pte}
   */
  public String traceName() {
    return traceName;
  }
}
