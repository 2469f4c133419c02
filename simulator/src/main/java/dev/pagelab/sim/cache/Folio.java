package dev.pagelab.sim.cache;

/**
 * A folio of the page cache ({@code struct folio}): {@code 2^order} consecutive pages of one file,
 * with the flags the kernel keeps per folio (dirty, on the active LRU list, referenced, the
 * readahead mark). Each page has its own frame; in this model the frames of a large folio need not
 * be physically contiguous, except in a 2 MiB file folio, which is one order-9 block that a PMD
 * leaf can map.
 *
 * <p>The flags follow {@code include/linux/page-flags.h}: {@code PG_dirty}, {@code PG_active},
 * {@code PG_referenced}, {@code PG_readahead}.
 */
public final class Folio {
  private final long index;
  private final int order;
  private final long[] pfns;
  boolean dirty;
  boolean active;
  boolean referenced;
  boolean readahead;
  boolean buffers;

  /** When the read that fills it completes; until then it is locked and not uptodate. */
  long readDone;

  /** When its writeback completes ({@code PG_writeback} until then); 0 if none was started. */
  long writebackDone;

  /** {@code PG_writeback}: a write of it is in flight. */
  boolean writeback;

  /** The memory cgroup it is charged to ({@code folio_memcg}), 0 for the root. */
  int memcg;

  /** PMD leaves that map it whole ({@code folio_entire_mapcount}); only 2 MiB file folios. */
  int pmdMaps;

  Folio(long index, int order, long[] pfns) {
    if (pfns.length != 1 << order || (index & ((1L << order) - 1)) != 0) {
      throw new IllegalArgumentException(
          "Folio: " + pfns.length + " frames at index " + index + " for order " + order);
    }
    this.index = index;
    this.order = order;
    this.pfns = pfns;
  }

  /** The file page index of the first page. */
  public long index() {
    return index;
  }

  /** The folio order: it holds {@code 2^order} pages. */
  public int order() {
    return order;
  }

  /** The number of pages ({@code folio_nr_pages}). */
  public int pages() {
    return pfns.length;
  }

  /** The index after the last page. */
  public long end() {
    return index + pfns.length;
  }

  /** True if page {@code pageIndex} of the file lies in this folio. */
  public boolean contains(long pageIndex) {
    return pageIndex >= index && pageIndex < end();
  }

  /** The frame that holds file page {@code pageIndex}. */
  public long pfn(long pageIndex) {
    if (!contains(pageIndex)) {
      throw new IllegalArgumentException(
          "Folio.pfn: page " + pageIndex + " is not in [" + index + ", " + end() + ")");
    }
    return pfns[(int) (pageIndex - index)];
  }

  long[] frames() {
    return pfns;
  }

  /** {@code PG_dirty}: written and not yet written back. */
  public boolean dirty() {
    return dirty;
  }

  /** {@code PG_active}: on the active LRU list. */
  public boolean active() {
    return active;
  }

  /** {@code PG_referenced}: accessed once since it was last moved between the lists. */
  public boolean referenced() {
    return referenced;
  }

  /**
   * The simulated time its read completes: before it the folio is locked and not uptodate ({@code
   * PG_locked} set, {@code PG_uptodate} clear, as {@code read_pages} leaves it until {@code
   * folio_end_read}); 0 for a folio that was never read asynchronously or whose read the cache has
   * seen complete.
   */
  public long readDoneNanos() {
    return readDone;
  }

  /**
   * The simulated time its writeback completes ({@code folio_end_writeback}); {@code PG_writeback}
   * is set until then. 0 if no writeback was started.
   */
  public long writebackDoneNanos() {
    return writebackDone;
  }

  /** {@code PG_writeback}: its write to disk has started and not completed yet. */
  public boolean writeback() {
    return writeback;
  }

  /** PMD leaves that map the whole folio ({@code folio_entire_mapcount}). */
  public int pmdMaps() {
    return pmdMaps;
  }

  /** {@code PG_readahead}: a hit on this folio starts the next asynchronous readahead. */
  public boolean readaheadMark() {
    return readahead;
  }

  /** The id of the memory cgroup it is charged to ({@code folio_memcg}); 0 for the root cgroup. */
  public int memcg() {
    return memcg;
  }
}
