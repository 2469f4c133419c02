package dev.pagelab.sim.spi;

/**
 * What the kernel lends a fault handler: the faulting process's VMAs, its leaf page-table entries,
 * the frame allocator and the page cache. All addresses are virtual addresses of the faulting
 * process.
 */
public interface FaultContext {
  /**
   * The VMA containing {@code address}, or null if there is none. A fault just below a stack grows
   * the stack first, as the kernel's {@code expand_stack} does.
   */
  VmaInfo findVma(long address);

  /**
   * The level-1 entry (PTE) that maps {@code address}, or 0 if it or a table above it is missing.
   *
   * @param address any address inside the page
   */
  long readPte(long address);

  /**
   * Installs a level-1 entry for the page containing {@code address}, allocating any missing table
   * on the way (each new table is a zeroed frame owned by the page tables and counted in VmPTE).
   * The TLB entry for the page is flushed.
   *
   * @return false if a table was needed and no frame was free
   */
  boolean writePte(long address, long pte);

  /**
   * Allocates a zero-filled private anonymous frame for the page containing {@code address}, with a
   * map count of 1, counted in the process's RssAnon.
   *
   * @return the frame number, or -1 if no frame is free
   */
  long allocateAnonFrame(long address);

  /**
   * The page-cache frame that holds the file page (or shared-memory page) behind {@code address},
   * read from disk (or, for shared memory, allocated zeroed) if it is not cached yet. The frame is
   * not mapped yet: map it with {@link #mapFilePage} or copy it with {@link #copyFrame}.
   *
   * @return the frame and whether the disk was read, or null if no frame is free
   */
  FileFrame filePage(long address);

  /** Counts one more mapping of a page-cache frame, in the process's RssFile or RssShmem. */
  void mapFilePage(long pfn);

  /**
   * The frame of the shared zero page, mapped read-only for reads of untouched anonymous memory.
   */
  long zeroPagePfn();

  /**
   * How many references could still see a data frame: the page-table entries that map it, plus, for
   * a frame in the swap cache, the swap entries that still hold its slot (1 if only this process
   * maps it, once). A write fault may reuse the frame in place only when this is 1, as {@code
   * wp_can_reuse_anon_folio} decides.
   */
  int mapCount(long pfn);

  /** True if the frame holds private anonymous memory (not a page-cache or shared-memory page). */
  boolean isAnonymous(long pfn);

  /**
   * Copies frame {@code fromPfn} into a new private anonymous frame for the page containing {@code
   * address} (copy-on-write), with a map count of 1, counted in RssAnon. The old frame stays mapped
   * until {@link #unmapFrame} drops it.
   *
   * @return the new frame number, or -1 if no frame is free
   */
  long copyFrame(long address, long fromPfn);

  /**
   * Drops one mapping of a data frame from this process's RSS; an anonymous frame is freed when its
   * last mapping goes. The zero page is never counted and may be passed too.
   */
  void unmapFrame(long pfn);

  /**
   * A page-cache frame handed out by {@link #filePage}.
   *
   * @param pfn its frame
   * @param readFromDisk true if it was not cached and the fault therefore is a major one
   */
  record FileFrame(long pfn, boolean readFromDisk) {}
}
