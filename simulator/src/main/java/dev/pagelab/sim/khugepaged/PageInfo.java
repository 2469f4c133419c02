package dev.pagelab.sim.khugepaged;

/**
 * What the collapse rules ask about the folio a present PTE maps (Linux 6.18 mm/khugepaged.c,
 * {@code hpage_collapse_scan_pmd} and {@code __collapse_huge_page_isolate}).
 *
 * @param pfn the page frame the PTE maps
 * @param folio the head frame of its folio (equal to {@code pfn} for a small page)
 * @param nrPages pages in the folio ({@code folio_nr_pages}), 1 for a small page
 * @param mapcount {@code folio_mapcount}: page-table mappings of the folio in all processes
 * @param refcount {@code folio_ref_count}: mappings, swap cache and any extra pin
 * @param anon {@code folio_test_anon}
 * @param lru {@code folio_test_lru}: on an LRU list (can be isolated)
 * @param locked {@code folio_test_locked}
 * @param swapCache {@code folio_test_swapcache}
 * @param referenced {@code folio_test_referenced} or {@code folio_test_young}
 * @param mappedShared {@code folio_maybe_mapped_shared}: another process may map it (for a small
 *     page: {@code mapcount > 1})
 */
public record PageInfo(
    long pfn,
    long folio,
    int nrPages,
    int mapcount,
    int refcount,
    boolean anon,
    boolean lru,
    boolean locked,
    boolean swapCache,
    boolean referenced,
    boolean mappedShared) {

  /**
   * A folio with sane counts.
   *
   * @throws IllegalArgumentException if a count is negative or the folio has no page
   */
  public PageInfo {
    if (nrPages < 1 || mapcount < 0 || refcount < 0) {
      throw new IllegalArgumentException(
          "PageInfo: nrPages " + nrPages + ", mapcount " + mapcount + ", refcount " + refcount);
    }
  }

  /**
   * A small anonymous page on the LRU, mapped once by this process, no extra reference: the usual
   * page after a first-touch fault.
   *
   * @param pfn its frame
   * @return the page
   */
  public static PageInfo anonExclusive(long pfn) {
    return small(pfn, 1, 1, false);
  }

  /**
   * A small anonymous page on the LRU, unlocked, with the given counts; shared when mapped more
   * than once.
   *
   * @param pfn its frame
   * @param mapcount its mappings
   * @param refcount its references
   * @param swapCache whether it is in the swap cache (which holds one more reference)
   * @return the page
   */
  public static PageInfo small(long pfn, int mapcount, int refcount, boolean swapCache) {
    return new PageInfo(
        pfn, pfn, 1, mapcount, refcount, true, true, false, swapCache, false, mapcount > 1);
  }

  /**
   * {@code is_refcount_suitable}: no reference beyond the mappings and the swap cache's.
   *
   * @return true when {@code refcount == mapcount (+ nrPages if in the swap cache)}
   */
  public boolean refcountSuitable() {
    return refcount == mapcount + (swapCache ? nrPages : 0);
  }
}
