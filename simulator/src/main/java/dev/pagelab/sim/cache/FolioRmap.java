package dev.pagelab.sim.cache;

/**
 * What reclaim of the file LRU lists asks the reverse map about a page-cache folio that processes
 * map: the page cache knows its folios, only the reverse map knows the page-table entries that map
 * them. Follows {@code mm/rmap.c}: {@code folio_referenced} and {@code try_to_unmap}, walking the
 * file's {@code i_mmap} (the areas that map it).
 */
public interface FolioRmap {
  /**
   * What {@code folio_referenced} found.
   *
   * @param ptes the entries mapping the folio whose Accessed bit was set (now cleared)
   * @param exec an area with a referenced entry is executable ({@code VM_EXEC} in the {@code
   *     vm_flags} that {@code folio_referenced_one} gathers from the areas it found referenced)
   */
  record References(int ptes, boolean exec) {}

  /**
   * {@code folio_referenced}: counts the entries mapping {@code folio} that have the Accessed bit
   * and clears it in each (flushing the TLB entry, {@code ptep_clear_flush_young}).
   *
   * @param file the file the folio belongs to
   * @param folio the folio
   * @return the referenced entries and whether an executable area referenced it
   */
  References referenced(MappedFile file, Folio folio);

  /**
   * {@code try_to_unmap}: clears every entry mapping {@code folio}, in every process, dropping the
   * file RSS and the map counts.
   *
   * @param file the file the folio belongs to
   * @param folio the folio
   * @return true if one of the cleared entries was dirty ({@code folio_mark_dirty} from {@code
   *     pte_dirty})
   */
  boolean tryToUnmap(MappedFile file, Folio folio);
}
