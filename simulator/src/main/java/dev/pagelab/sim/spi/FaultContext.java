package dev.pagelab.sim.spi;

/**
 * What the kernel lends a fault handler: the faulting process's VMAs, its leaf page-table entries,
 * the frame allocator and the page cache. All addresses are virtual addresses of the faulting
 * process.
 */
public interface FaultContext {
  /** The VMA containing {@code address}, or null if there is none. */
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
   * Allocates a zero-filled frame for anonymous ({@code shared == false}) or shared-memory ({@code
   * shared == true}) data and counts it in the process's RSS.
   *
   * @return the frame number, or -1 if no frame is free
   */
  long allocateDataFrame(boolean shared);

  /**
   * The frame that holds page {@code pageIndex} of the file behind the VMA at {@code address}, read
   * into the page cache if it is not there yet.
   *
   * @return a {@link FileFrame} saying which frame and whether the disk was read
   */
  FileFrame filePage(long address);

  /** Counts a file page the process now maps in its RSS (RssFile). */
  void mapFilePage(long pfn);

  /**
   * The frame of the shared zero page, mapped read-only for reads of untouched anonymous memory.
   */
  long zeroPagePfn();

  /** How many mappings share a data frame (1 if only this process maps it). */
  int mapCount(long pfn);

  /**
   * Copies the data of frame {@code fromPfn} into a newly allocated anonymous frame
   * (copy-on-write).
   *
   * @return the new frame number, or -1 if no frame is free
   */
  long copyFrame(long fromPfn);

  /** Drops this process's mapping of a data frame; the frame is freed when the last one goes. */
  void unmapFrame(long pfn);

  /**
   * A file page handed out by {@link #filePage}.
   *
   * @param pfn its frame
   * @param readFromDisk true if it was not cached and the fault therefore is a major one
   */
  record FileFrame(long pfn, boolean readFromDisk) {}
}
