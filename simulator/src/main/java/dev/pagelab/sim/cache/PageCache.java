package dev.pagelab.sim.cache;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.FaultContext.FileFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The page cache: the folios of every file, shared-memory object and of the block device, by file
 * and page index, with their dirty and LRU state, the readahead that fills it, writeback, {@code
 * drop_caches} and the reclaimable slab that files bring along.
 *
 * <p>Follows {@code mm/filemap.c} (lookup, {@code filemap_add_folio}, {@code filemap_read}), {@code
 * mm/readahead.c} ({@code page_cache_ra_order} and its fallback), {@code mm/swap.c} ({@code
 * folio_mark_accessed}: the two-touch rule), {@code mm/truncate.c} ({@code
 * invalidate_mapping_pages}, {@code truncate_inode_pages}) and {@code fs/drop_caches.c}.
 *
 * <p>The slab model (all SReclaimable): a file the file system creates costs one {@code
 * ext4_inode_cache} object (27 per 8-page slab) and one {@code dentry} (21 per page); every page a
 * buffered write puts in the cache gets one {@code buffer_head} (104 bytes, 39 per page), freed
 * with the page. Block-device metadata (Buffers): one block-bitmap page per 128 MiB block group
 * that new data lands in and one inode-table page per 16 inodes, dirtied when a write allocates
 * blocks or creates the file.
 */
public final class PageCache {
  /** {@code MAX_PAGECACHE_ORDER} on x86-64 with 4 KiB pages: PMD-sized folios at most. */
  public static final int MAX_ORDER = 9;

  private static final long BLOCKS_PER_GROUP = 32_768;
  private static final long INODE_TABLE_BASE = 1L << 32;
  private static final int BH_PER_PAGE = 39;
  private static final int INODES_PER_SLAB = 27;
  private static final int INODE_SLAB_PAGES = 8;
  private static final int DENTRIES_PER_PAGE = 21;

  private final PhysicalMemory memory;
  private final Map<FileKey, Inode> files = new HashMap<>();
  private final Inode bdev;
  private final ArrayDeque<Long> slabFrames = new ArrayDeque<>();

  /**
   * The file LRU lists of the one node ({@code lruvec->lists[LRU_INACTIVE_FILE]} and {@code
   * LRU_ACTIVE_FILE}), oldest first: iteration order is the order reclaim scans them in. Each folio
   * maps to its inode. Shared-memory folios are on the anonymous lists, not here.
   */
  private final LinkedHashMap<Folio, Inode> inactiveLru = new LinkedHashMap<>();

  private final LinkedHashMap<Folio, Inode> activeLru = new LinkedHashMap<>();
  private long filePages;
  private long shmemPages;
  private long bufferPages;
  private long dirtyPages;
  private long activeFilePages;
  private long pagesReadIn;
  private long pagesWrittenOut;
  private long bufferHeads;
  private long slabInodes;
  private long nextBlock;
  private FolioRmap rmap;
  private final Disk disk = new Disk();
  private LongSupplier clock = () -> 0;
  private long waitedNanos;
  private long writebackPages;
  private final ArrayDeque<WriteRequest> writesInFlight = new ArrayDeque<>();
  private final MemcgFolios memcgs = new MemcgFolios();
  // The 2 MiB file folios, by head frame: each is one order-9 block, so a PMD can map it.
  private final TreeMap<Long, Folio> pmdFolios = new TreeMap<>();
  private long thpFileMapped;

  /** {@code HPAGE_PMD_ORDER}: a file folio of this order is one physically contiguous block. */
  public static final int PMD_ORDER = 9;

  private java.util.function.IntPredicate memcgProtected;

  /** One write request on the disk: the folios it ends writeback for, and when. */
  private record WriteRequest(long done, List<Folio> folios) {}

  /** A file's identity: device and inode. */
  private record FileKey(int devMajor, int devMinor, long inode) {
    static FileKey of(MappedFile f) {
      return new FileKey(f.devMajor(), f.devMinor(), f.inode());
    }
  }

  /** One in-memory inode: its folios, size, mappings and dirty state. */
  private static final class Inode {
    final MappedFile file;
    final TreeMap<Long, Folio> folios = new TreeMap<>();
    long size;
    long allocatedPages;
    int mappings;
    boolean unlinked;
    boolean slabbed;
    long dirtyPages;
    long dirtiedWhen = Long.MAX_VALUE;

    Inode(MappedFile file) {
      this.file = file;
      this.size = file.sizeBytes();
    }
  }

  /** Creates an empty cache over {@code memory}. */
  public PageCache(PhysicalMemory memory) {
    this.memory = memory;
    this.bdev = new Inode(new MappedFile("/dev/vda", 1, 0, 6, 1L << 46, false));
  }

  /**
   * Sets the reverse map reclaim asks about mapped folios. Without one, a mapped folio counts as
   * referenced and is never unmapped.
   *
   * @param map the reverse map
   */
  public void setRmap(FolioRmap map) {
    this.rmap = map;
  }

  // ---------------------------------------------------------------- the disk and the clock

  /** The block device reads and writeback go to. */
  public Disk disk() {
    return disk;
  }

  /**
   * Sets where the cache reads the simulated time: the machine's clock plus the time the running
   * task has already waited in this step.
   */
  public void setClock(LongSupplier now) {
    this.clock = now;
  }

  /** The simulated time now, as the cache sees it. */
  public long now() {
    return clock.getAsLong() + waitedNanos;
  }

  /**
   * {@code folio_test_uptodate}: false while the read that fills {@code f} is in flight ({@code
   * read_pages} submitted it, {@code folio_end_read} has not run yet).
   */
  public boolean uptodate(Folio f) {
    if (f.readDone == 0) {
      return true;
    }
    if (f.readDone > now()) {
      return false;
    }
    f.readDone = 0; // folio_end_read has run: later checks need not read the clock
    return true;
  }

  /**
   * {@code folio_lock} on a folio whose read is in flight: the task sleeps until the read completes
   * ({@code __folio_lock_killable}). The time slept is kept until {@link #takeWaited()}.
   *
   * @return true if the task had to wait
   */
  public boolean waitUptodate(Folio f) {
    if (uptodate(f)) {
      return false;
    }
    waitedNanos += f.readDone - now() + disk.wakeNanos();
    f.readDone = 0;
    return true;
  }

  /** The time tasks slept on in-flight I/O since the last call; the caller moves the clock. */
  public long takeWaited() {
    long t = waitedNanos;
    waitedNanos = 0;
    return t;
  }

  /**
   * {@code folio_end_writeback} for every write request that has completed by now: its folios lose
   * {@code PG_writeback} and leave {@code NR_WRITEBACK}. Requests complete in submission order, as
   * the disk serves them.
   */
  public void completeIo() {
    long now = now();
    while (!writesInFlight.isEmpty() && writesInFlight.peekFirst().done() <= now) {
      for (Folio f : writesInFlight.pollFirst().folios()) {
        if (f.writeback && f.writebackDone <= now) {
          f.writeback = false;
          writebackPages -= f.pages();
        }
      }
    }
  }

  /** Pages under writeback now (meminfo Writeback, {@code nr_writeback}). */
  public long writebackPages() {
    completeIo();
    return writebackPages;
  }

  /**
   * {@code filemap_fdatawait} over every file: the task sleeps until the last write in flight
   * completes. The time slept is kept until {@link #takeWaited()}.
   *
   * @return the nanoseconds slept
   */
  public long waitForWriteback() {
    long now = now();
    long last = writesInFlight.isEmpty() ? now : writesInFlight.peekLast().done();
    long slept = Math.max(0, last - now);
    waitedNanos += slept;
    completeIo();
    return slept;
  }

  /**
   * {@code reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK)}: reclaim found nothing to free but writes
   * in flight; the task sleeps until the oldest completes.
   *
   * @return true if it slept (a write was in flight)
   */
  public boolean waitForOldestWrite() {
    completeIo();
    if (writesInFlight.isEmpty()) {
      return false;
    }
    waitedNanos += Math.max(0, writesInFlight.peekFirst().done() - now());
    completeIo();
    return true;
  }

  /**
   * {@code folio_clear_dirty_for_io} and {@code folio_start_writeback} for {@code batch}, then one
   * write request for them ({@code submit_bio}, counted in {@code pgpgout}).
   */
  private void startWriteback(Inode inode, List<Folio> batch) {
    long pages = 0;
    for (Folio f : batch) {
      f.dirty = false;
      if (!f.writeback) {
        f.writeback = true;
        writebackPages += f.pages();
      }
      pages += f.pages();
    }
    if (pages == 0) {
      return;
    }
    inode.dirtyPages -= pages;
    dirtyPages -= pages;
    pagesWrittenOut += pages;
    if (inode.dirtyPages == 0) {
      inode.dirtiedWhen = Long.MAX_VALUE;
    }
    long done = disk.submit(now(), pages);
    for (Folio f : batch) {
      f.writebackDone = done;
    }
    writesInFlight.addLast(new WriteRequest(done, batch));
  }

  // ---------------------------------------------------------------- counters

  /** Page-cache pages of regular files (not the block device's Buffers, not shared memory). */
  public long filePages() {
    return filePages;
  }

  /** Shared-memory pages (meminfo Shmem). */
  public long shmemPages() {
    return shmemPages;
  }

  /** Block-device pages (meminfo Buffers, {@code nr_blockdev_pages}). */
  public long bufferPages() {
    return bufferPages;
  }

  /** Dirty file and block-device pages (meminfo Dirty, {@code NR_FILE_DIRTY}). */
  public long dirtyPages() {
    return dirtyPages;
  }

  /** File pages on the active LRU list (Active(file)); Buffers pages count too. */
  public long activeFilePages() {
    return activeFilePages;
  }

  /** File pages on the inactive LRU list (Inactive(file)). */
  public long inactiveFilePages() {
    return filePages + bufferPages - activeFilePages;
  }

  /** Frames the reclaimable slab of files holds (part of SReclaimable). */
  public long slabPages() {
    return slabFrames.size();
  }

  /** Cached pages that some process maps (meminfo Mapped, {@code NR_FILE_MAPPED}). */
  public long mappedPages() {
    long n = 0;
    for (Inode e : files.values()) {
      for (Folio f : e.folios.values()) {
        for (long pfn : f.frames()) {
          n += memory.mapCount(pfn) > 0 ? 1 : 0;
        }
      }
    }
    return n;
  }

  /** Pages read from disk so far ({@code pgpgin} is this in KiB). */
  public long pagesReadIn() {
    return pagesReadIn;
  }

  /** Pages written to disk so far ({@code pgpgout} is this in KiB). */
  public long pagesWrittenOut() {
    return pagesWrittenOut;
  }

  // ---------------------------------------------------------------- files

  /**
   * Registers a file that exists on disk (or in tmpfs) and is not cached yet.
   *
   * @param countSlab true if the file system made it now: its inode and dentry count in the slab
   */
  public void create(MappedFile file, boolean countSlab) {
    Inode inode = files.computeIfAbsent(FileKey.of(file), k -> new Inode(file));
    if (!file.shmem()) {
      inode.allocatedPages = pagesOf(inode.size);
      nextBlock += inode.allocatedPages;
    }
    if (countSlab && !inode.slabbed && !file.shmem()) {
      inode.slabbed = true;
      slabInodes++;
      rebalanceSlab();
    }
  }

  /** True if the cache knows the file. */
  public boolean exists(MappedFile file) {
    Inode inode = files.get(FileKey.of(file));
    return inode != null && !inode.unlinked;
  }

  /** The file's size in bytes ({@code i_size}). */
  public long size(MappedFile file) {
    return inode(file, "size").size;
  }

  /** The folio holding page {@code index} of {@code file}, or null if it is not cached. */
  public Folio lookup(MappedFile file, long index) {
    return lookup(files.get(FileKey.of(file)), index);
  }

  private static Folio lookup(Inode inode, long index) {
    if (inode == null) {
      return null;
    }
    Map.Entry<Long, Folio> e = inode.folios.floorEntry(index);
    return e != null && e.getValue().contains(index) ? e.getValue() : null;
  }

  /**
   * Every cached frame and the folio holding it, for page migration: a reverse index built on
   * demand by walking every inode's folios (compaction is rare).
   */
  public Map<Long, Folio> foliosByFrame() {
    Map<Long, Folio> index = new HashMap<>();
    List<Inode> all = new ArrayList<>(files.values());
    all.add(bdev);
    for (Inode inode : all) {
      for (Folio f : inode.folios.values()) {
        for (long pfn : f.frames()) {
          index.put(pfn, f);
        }
      }
    }
    return index;
  }

  /**
   * Page migration of one page of a folio ({@code migrate_folio}, {@code folio_migrate_mapping}):
   * the file page held by {@code oldPfn} is now in {@code newPfn}. The folio keeps its flags and
   * its place on the LRU list.
   */
  public void replaceFrame(Folio f, long oldPfn, long newPfn) {
    long[] frames = f.frames();
    for (int i = 0; i < frames.length; i++) {
      if (frames[i] == oldPfn) {
        frames[i] = newPfn;
        return;
      }
    }
    throw new IllegalStateException(
        "PageCache.replaceFrame: frame " + oldPfn + " is not in the folio at " + f.index());
  }

  /** The cached folios of {@code file} in index order (a view for tests and tools). */
  public List<Folio> folios(MappedFile file) {
    Inode inode = files.get(FileKey.of(file));
    return inode == null ? List.of() : List.copyOf(inode.folios.values());
  }

  /**
   * The frame of page {@code index} of {@code file}, read (one 4 KiB folio, no readahead) or, for
   * shared memory, allocated zeroed if it is not cached.
   *
   * @return the frame and whether the disk was read, or null if no frame is free
   */
  public FileFrame getOrRead(MappedFile file, long index) {
    Folio cached = lookup(file, index);
    if (cached != null) {
      return new FileFrame(cached.pfn(index), false);
    }
    Folio f = addFolio(inodeFor(file), index, 0, false);
    if (f == null) {
      return null;
    }
    return new FileFrame(f.pfn(index), !file.shmem());
  }

  /**
   * Reads every page of {@code file} into the cache in 4 KiB folios (a program image at exec).
   *
   * @return false if memory ran out on the way
   */
  public boolean readWhole(MappedFile file) {
    long pages = pagesOf(inodeFor(file).size);
    for (long index = 0; index < pages; index++) {
      if (getOrRead(file, index) == null) {
        return false;
      }
    }
    return true;
  }

  /** Notes one more mapping of {@code file}. */
  public void attach(MappedFile file) {
    inodeFor(file).mappings++;
  }

  /**
   * Notes one mapping of {@code file} less; an anonymous shared-memory object, or a file that was
   * deleted while mapped, loses its pages with its last mapping.
   */
  public void detach(MappedFile file) {
    Inode entry = files.get(FileKey.of(file));
    if (entry == null || entry.mappings == 0) {
      throw new IllegalStateException("PageCache.detach: " + file.path() + " is not attached");
    }
    entry.mappings--;
    boolean anonShmem = file.shmem() && file.path().startsWith("/dev/zero");
    if (entry.mappings == 0 && (anonShmem || entry.unlinked)) {
      evict(entry);
    }
  }

  private Inode inodeFor(MappedFile file) {
    return files.computeIfAbsent(FileKey.of(file), k -> new Inode(file));
  }

  private Inode inode(MappedFile file, String method) {
    Inode inode = files.get(FileKey.of(file));
    if (inode == null) {
      throw new IllegalStateException("PageCache." + method + ": unknown file " + file.path());
    }
    return inode;
  }

  /** Bytes rounded up to whole pages. */
  public static long pagesOf(long bytes) {
    return (bytes + 4095) >>> 12;
  }

  // ---------------------------------------------------------------- folios

  /**
   * {@code filemap_add_folio}: a new clean folio of {@code 2^order} pages at {@code index}, on the
   * inactive list.
   *
   * @return the folio, or null if frames ran out (nothing is added then)
   */
  private Folio addFolio(Inode inode, long index, int order, boolean mark) {
    FrameOwner owner = inode.file.shmem() ? FrameOwner.SHMEM : FrameOwner.FILE;
    long[] pfns = new long[1 << order];
    boolean pmdSized = order == PMD_ORDER && owner == FrameOwner.FILE && inode != bdev;
    if (pmdSized) {
      // filemap_alloc_folio: a 2 MiB folio is one order-9 block of the buddy allocator.
      long head = memory.allocate(PMD_ORDER, owner, false);
      if (head < 0) {
        return null;
      }
      for (int i = 0; i < pfns.length; i++) {
        pfns[i] = head + i;
      }
    }
    for (int i = 0; !pmdSized && i < pfns.length; i++) {
      pfns[i] = memory.allocate(owner, false);
      if (pfns[i] < 0) {
        for (int j = 0; j < i; j++) {
          memory.free(pfns[j]);
        }
        return null;
      }
    }
    Folio f = new Folio(index, order, pfns);
    f.readahead = mark;
    inode.folios.put(index, f);
    if (pmdSized) {
      pmdFolios.put(pfns[0], f);
    }
    if (!inode.file.shmem()) {
      inactiveLru.put(f, inode);
    }
    if (inode != bdev) {
      memcgs.charge(f, inode.file.shmem());
    }
    count(inode, pfns.length);
    return f;
  }

  private void count(Inode inode, long pages) {
    if (inode == bdev) {
      bufferPages += pages;
    } else if (inode.file.shmem()) {
      shmemPages += pages;
    } else {
      filePages += pages;
    }
  }

  /** Takes a folio out of the cache and frees its frames ({@code filemap_remove_folio}). */
  private void removeFolio(Inode inode, Folio f) {
    inode.folios.remove(f.index());
    (f.active ? activeLru : inactiveLru).remove(f);
    memcgs.uncharge(f, inode.file.shmem());
    count(inode, -f.pages());
    if (f.dirty) {
      dirtyPages -= f.pages();
      inode.dirtyPages -= f.pages();
    }
    if (f.active && !inode.file.shmem()) {
      activeFilePages -= f.pages();
    }
    if (f.buffers) {
      bufferHeads -= f.pages();
    }
    if (f.writeback) {
      f.writeback = false; // truncate waits for the write (folio_wait_writeback); it completed
      writebackPages -= f.pages();
    }
    if (pmdFolios.get(f.frames()[0]) == f) {
      pmdFolios.remove(f.frames()[0]);
      if (f.pmdMaps != 0) {
        throw new IllegalStateException(
            "PageCache.removeFolio: the folio at " + f.index() + " is still mapped by a PMD");
      }
    }
    for (long pfn : f.frames()) {
      memory.free(pfn);
    }
  }

  /**
   * True if {@code pfn} belongs to a 2 MiB file folio: compaction leaves those frames alone (it
   * moves 4 KiB frames only, and such a folio must stay one block for its PMD mappings).
   */
  public boolean inPmdFolio(long pfn) {
    Map.Entry<Long, Folio> e = pmdFolios.floorEntry(pfn);
    return e != null && pfn < e.getKey() + e.getValue().pages();
  }

  /** The 2 MiB file folio whose first frame is {@code headPfn}, or null. */
  public Folio pmdFolio(long headPfn) {
    return pmdFolios.get(headPfn);
  }

  /**
   * A PMD leaf now maps {@code f} ({@code delta} +1, {@code do_set_pmd}: {@code thp_file_mapped})
   * or no longer does (-1).
   */
  public void pmdMapChanged(Folio f, int delta) {
    if (pmdFolios.get(f.frames()[0]) != f || f.pmdMaps + delta < 0) {
      throw new IllegalStateException(
          "PageCache.pmdMapChanged: the folio at " + f.index() + " cannot be PMD-mapped " + delta);
    }
    f.pmdMaps += delta;
    thpFileMapped += delta > 0 ? 1 : 0;
  }

  /** {@code NR_FILE_THPS}: pages in 2 MiB file folios (meminfo FileHugePages). */
  public long pmdFolioPages() {
    return (long) pmdFolios.size() << PMD_ORDER;
  }

  /** {@code NR_FILE_PMDMAPPED} in pages: meminfo FilePmdMapped. */
  public long filePmdMappedPages() {
    return pmdFolios.values().stream().filter(f -> f.pmdMaps > 0).count() << PMD_ORDER;
  }

  /** {@code thp_file_mapped}: PMD leaves that mapped a file folio. */
  public long thpFileMapped() {
    return thpFileMapped;
  }

  /** Drops every page of an inode and the inode itself. */
  private void evict(Inode inode) {
    for (Folio f : new ArrayList<>(inode.folios.values())) {
      removeFolio(inode, f);
    }
    if (inode.slabbed) {
      slabInodes--;
    }
    files.remove(FileKey.of(inode.file));
    rebalanceSlab();
  }

  /** True if no page of the folio is mapped by a process ({@code folio_mapped} is false). */
  private boolean unmapped(Folio f) {
    for (long pfn : f.frames()) {
      if (memory.mapCount(pfn) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code folio_mark_accessed}: the first access sets referenced, the second moves an inactive
   * folio to the active list (the two-touch rule). Shared-memory folios live on the anonymous
   * lists, which this model does not age.
   */
  private void markAccessed(Inode inode, Folio f) {
    if (inode.file.shmem()) {
      return;
    }
    if (!f.referenced) {
      f.referenced = true;
    } else if (!f.active) {
      activate(inode, f);
    }
  }

  /** Moves an inactive folio to the newest end of the active list, referenced cleared. */
  private void activate(Inode inode, Folio f) {
    inactiveLru.remove(f);
    f.active = true;
    f.referenced = false;
    activeFilePages += f.pages();
    activeLru.put(f, inode);
  }

  // ---------------------------------------------------------------- reclaim

  /**
   * What one pass over the inactive file list did.
   *
   * @param scanned pages taken off the list and looked at ({@code pgscan})
   * @param reclaimed pages freed ({@code pgsteal})
   * @param written dirty pages whose writeback the pass started ({@code pageout})
   * @param writeback pages skipped because their writeback was in flight ({@code
   *     reclaim_stat.nr_writeback})
   */
  public record Shrink(long scanned, long reclaimed, long written, long writeback) {
    /** A pass that met no folio under writeback. */
    public Shrink(long scanned, long reclaimed, long written) {
      this(scanned, reclaimed, written, 0);
    }
  }

  /**
   * {@code shrink_inactive_list} for the file list: looks at about {@code pages} pages from the
   * oldest end. {@code folio_check_references} decides each folio a process maps, from what {@code
   * folio_referenced} found through the reverse map (the Accessed bits of its entries, cleared on
   * the way): referenced entries keep it (rotated, {@code PG_referenced} set), and activate it if
   * {@code PG_referenced} was already set, more than one entry was referenced, or an executable
   * area referenced it; an unreferenced mapped folio is unmapped from every process ({@code
   * try_to_unmap}; a dirty entry dirties the folio) and reclaimed like an unmapped one. Without a
   * reverse map a mapped folio counts as referenced by one entry. A folio under writeback is kept,
   * moved to the young end of the list ({@code shrink_folio_list} counts it in {@code
   * nr_writeback}). An unmapped folio is freed, its {@code PG_referenced} cleared on the way; a
   * dirty one is written first ({@code pageout}, modelled as a synchronous write).
   *
   * @param pages how many pages to scan
   * @return the pass's counts
   */
  public Shrink shrinkInactiveFile(long pages) {
    long scanned = 0;
    long reclaimed = 0;
    long written = 0;
    long underWriteback = 0;
    completeIo();
    List<Map.Entry<Folio, Inode>> batch = takeOldest(inactiveLru, pages);
    for (Map.Entry<Folio, Inode> e : batch) {
      Folio f = e.getKey();
      Inode inode = e.getValue();
      if (memcgProtected != null && f.memcg != 0 && memcgProtected.test(f.memcg)) {
        inactiveLru.remove(f); // mem_cgroup_below_low: the group is skipped, its folios stay
        inactiveLru.put(f, inode);
        continue;
      }
      scanned += f.pages();
      if (!unmapped(f) && !checkReferences(inode, f)) {
        continue;
      }
      f.referenced = false;
      if (f.writeback) {
        underWriteback += f.pages();
        inactiveLru.remove(f);
        inactiveLru.put(f, inode);
        continue;
      }
      if (f.dirty) {
        written += clean(inode, f);
      }
      reclaimed += f.pages();
      removeFolio(inode, f);
    }
    if (reclaimed > 0) {
      rebalanceSlab();
    }
    return new Shrink(scanned, reclaimed, written, underWriteback);
  }

  /**
   * {@code folio_check_references} and {@code try_to_unmap} for a mapped folio on the inactive
   * list: true if it was unmapped and may be reclaimed; false if it was kept (rotated) or
   * activated.
   */
  private boolean checkReferences(Inode inode, Folio f) {
    FolioRmap.References refs =
        rmap == null ? new FolioRmap.References(1, false) : rmap.referenced(inode.file, f);
    boolean referencedFolio = f.referenced;
    f.referenced = false;
    if (refs.ptes() > 0) {
      if (referencedFolio || refs.ptes() > 1 || refs.exec()) {
        activate(inode, f);
      } else {
        inactiveLru.remove(f);
        inactiveLru.put(f, inode);
      }
      f.referenced = true;
      return false;
    }
    if (rmap.tryToUnmap(inode.file, f)) {
      dirty(inode, f, 0);
    }
    if (!unmapped(f)) {
      fail("try_to_unmap left a page of " + inode.file.path() + " mapped");
    }
    return true;
  }

  /**
   * {@code shrink_active_list} for the file list: moves about {@code pages} pages from the oldest
   * end of the active list to the newest end of the inactive one. A mapped folio whose entries
   * {@code folio_referenced} finds referenced from an executable area gets one more trip around the
   * active list; other mapped folios lose their Accessed bits and are deactivated like the rest.
   * Without a reverse map every mapped folio stays active.
   *
   * @param pages how many pages to scan
   * @return the pages deactivated
   */
  public long shrinkActiveFile(long pages) {
    long moved = 0;
    for (Map.Entry<Folio, Inode> e : takeOldest(activeLru, pages)) {
      Folio f = e.getKey();
      activeLru.remove(f);
      if (!unmapped(f) && keepActive(e.getValue(), f)) {
        activeLru.put(f, e.getValue());
        continue;
      }
      f.active = false;
      activeFilePages -= f.pages();
      inactiveLru.put(f, e.getValue());
      moved += f.pages();
    }
    return moved;
  }

  /** True if a mapped active folio stays active: referenced from an executable area. */
  private boolean keepActive(Inode inode, Folio f) {
    if (rmap == null) {
      return true;
    }
    FolioRmap.References refs = rmap.referenced(inode.file, f);
    return refs.ptes() > 0 && refs.exec();
  }

  /** The oldest folios of a list, about {@code pages} pages of them (at least one folio). */
  private static List<Map.Entry<Folio, Inode>> takeOldest(
      LinkedHashMap<Folio, Inode> lru, long pages) {
    List<Map.Entry<Folio, Inode>> batch = new ArrayList<>();
    long n = 0;
    Iterator<Map.Entry<Folio, Inode>> it = lru.entrySet().iterator();
    while (n < pages && it.hasNext()) {
      Map.Entry<Folio, Inode> e = it.next();
      batch.add(Map.entry(e.getKey(), e.getValue()));
      n += e.getKey().pages();
    }
    return batch;
  }

  /**
   * Pages reclaim could free now: every page-cache folio of a file or the block device that no
   * process maps (dirty ones after writeback).
   */
  public long reclaimablePages() {
    return reclaimablePagesExcept(null);
  }

  /**
   * {@link #reclaimablePages()} without the folios of {@code file} (null for none).
   *
   * @param file a file whose folios do not count, or null
   * @return the pages
   */
  public long reclaimablePagesExcept(MappedFile file) {
    long n = 0;
    for (LinkedHashMap<Folio, Inode> lru : List.of(inactiveLru, activeLru)) {
      for (Map.Entry<Folio, Inode> e : lru.entrySet()) {
        boolean skip = file != null && e.getValue().file == file;
        int memcg = e.getKey().memcg;
        skip |= memcgProtected != null && memcg != 0 && memcgProtected.test(memcg);
        n += !skip && unmapped(e.getKey()) ? e.getKey().pages() : 0;
      }
    }
    return n;
  }

  /**
   * {@code pageout} of one dirty folio, modelled as a synchronous write: the folio is clean and can
   * be freed at once (reclaim does not wait on the clock for it). Returns its pages.
   */
  private long clean(Inode inode, Folio f) {
    f.dirty = false;
    inode.dirtyPages -= f.pages();
    dirtyPages -= f.pages();
    pagesWrittenOut += f.pages();
    if (inode.dirtyPages == 0) {
      inode.dirtiedWhen = Long.MAX_VALUE;
    }
    return f.pages();
  }

  // ---------------------------------------------------------------- readahead

  /**
   * {@code page_cache_ra_order}: reads the window {@code [start, start + size)} in folios of {@code
   * ra.order} (lowered to what the index alignment and the end of file allow), marking the folio at
   * {@code start + size - asyncSize}. At the first page already cached it falls back to 4 KiB
   * folios for the rest ({@code do_page_cache_ra}), skipping cached pages.
   *
   * @return the pages read from disk, or -1 if frames ran out
   */
  public long readaheadWindow(MappedFile file, Readahead ra) {
    Inode inode = inodeFor(file);
    long eof = pagesOf(inode.size) - 1;
    long index = ra.start;
    long limit = Math.min(eof, ra.start + ra.size - 1);
    long mark = ra.start + ra.size - ra.asyncSize;
    int newOrder = Math.min(MAX_ORDER, ra.order);
    newOrder = Math.min(newOrder, 63 - Long.numberOfLeadingZeros(Math.max(1, ra.size)));
    ra.order = newOrder;
    long read = 0;
    List<Folio> added = new ArrayList<>();
    while (index <= limit) {
      int order = newOrder;
      if ((index & ((1L << order) - 1)) != 0) {
        order = Long.numberOfTrailingZeros(index);
      }
      while (order > 0 && index + (1L << order) - 1 > limit) {
        order--;
      }
      if (anyCached(inode, index, 1L << order)) {
        break;
      }
      long roundedMark = mark & ~((1L << order) - 1);
      Folio f = addFolio(inode, index, order, index == roundedMark);
      if (f == null && order == PMD_ORDER) {
        break; // ra_alloc_folio failed: do_page_cache_ra reads the rest in 4 KiB folios
      }
      if (f == null) {
        return submitRead(file, added, read, -1);
      }
      added.add(f);
      read += 1L << order;
      index += 1L << order;
    }
    for (; index <= limit; index++) {
      if (lookup(file, index) == null) {
        Folio f = addFolio(inode, index, 0, index == mark);
        if (f == null) {
          return submitRead(file, added, read, -1);
        }
        added.add(f);
        read++;
      }
    }
    return submitRead(file, added, read, read);
  }

  /**
   * {@code read_pages}: the folios just added go to the disk as one request and stay locked, not
   * uptodate, until it completes; then counts the pages read and returns {@code result}.
   */
  private long submitRead(MappedFile file, List<Folio> added, long pages, long result) {
    if (!file.shmem() && pages > 0) {
      int[] sizes = new int[added.size()];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = added.get(i).pages();
      }
      long[] unlock = disk.submitRead(now(), sizes);
      for (int i = 0; i < sizes.length; i++) {
        added.get(i).readDone = unlock[i];
      }
    }
    return readIn(file, pages, result);
  }

  /**
   * Counts {@code pages} read from disk (folios added before frames ran out stay in the cache and
   * were read too) and returns {@code result}.
   */
  private long readIn(MappedFile file, long pages, long result) {
    if (!file.shmem()) {
      pagesReadIn += pages;
    }
    return result;
  }

  private boolean anyCached(Inode inode, long index, long pages) {
    Map.Entry<Long, Folio> below = inode.folios.floorEntry(index);
    if (below != null && below.getValue().end() > index) {
      return true;
    }
    Long next = inode.folios.ceilingKey(index);
    return next != null && next < index + pages;
  }

  /**
   * {@code page_cache_sync_ra}: a read of {@code req} pages missed at {@code index}. A read from
   * the start of the file, an oversized or a sequential one starts a window of {@code
   * get_init_ra_size}; otherwise the cached history before it decides.
   *
   * @return the pages read, or -1 if frames ran out
   */
  public long syncReadahead(MappedFile file, Readahead ra, long index, long req) {
    long max = ra.raPages();
    if (max == 0) {
      return forcedRead(file, index, Math.max(1, req));
    }
    long prevIndex = ra.prevPos < 0 ? -1 : ra.prevPos >>> 12;
    if (index == 0 || req > max || index - prevIndex <= 1) {
      ra.start = index;
      ra.size = Readahead.initSize(req, max);
      ra.asyncSize = ra.size > req ? ra.size - req : ra.size >> 1;
    } else {
      long miss = index - 1;
      while (miss >= 0 && index - miss <= max && lookup(file, miss) != null) {
        miss--;
      }
      long contig = index - miss - 1;
      if (contig <= req) {
        return forcedRead(file, index, req);
      }
      if (miss < 0) {
        contig *= 2;
      }
      ra.start = index;
      ra.size = Math.min(contig + req, max);
      ra.asyncSize = 1;
    }
    ra.order = 0;
    return readaheadWindow(file, ra);
  }

  /** {@code do_page_cache_ra} with no readahead state: exactly the pages asked for. */
  private long forcedRead(MappedFile file, long index, long pages) {
    Readahead plain = new Readahead(0);
    plain.start = index;
    plain.size = pages;
    plain.asyncSize = 0;
    plain.order = 0;
    return readaheadWindow(file, plain);
  }

  /**
   * {@code page_cache_async_ra}: a read or fault hit the readahead mark on {@code folio} at {@code
   * index}. Clears the mark and, if the hit is where the window expects it, reads the next window
   * with folios two orders larger, its end aligned to that order.
   *
   * @return the pages read, or -1 if frames ran out
   */
  public long asyncReadahead(MappedFile file, Readahead ra, Folio folio, long index, long req) {
    if (ra.raPages() == 0) {
      return 0;
    }
    folio.readahead = false;
    long max = ra.raPages();
    long expected = (ra.start + ra.size - ra.asyncSize) & ~((long) folio.pages() - 1);
    if (index == expected) {
      ra.start += ra.size;
      ra.size = Math.max(ra.size, ra.nextSize(max));
    } else {
      long start = index + 1;
      while (start - index <= max && lookup(file, start) != null) {
        start++;
      }
      if (start - index > max) {
        return 0;
      }
      ra.start = start;
      ra.size = start - index + req;
      ra.size = ra.nextSize(max);
    }
    ra.order += 2;
    long align = 1L << Math.min(ra.order, Long.numberOfTrailingZeros(max));
    long end = ra.start + ra.size;
    long alignedEnd = end & ~(align - 1);
    if (alignedEnd > ra.start) {
      ra.size -= end - alignedEnd;
    }
    ra.asyncSize = ra.size;
    return readaheadWindow(file, ra);
  }

  /**
   * {@code do_sync_mmap_readahead} for a fault at page {@code index} that missed the cache: none
   * with {@code MADV_RANDOM}, {@code page_cache_sync_ra} with {@code MADV_SEQUENTIAL}, else the
   * read-around window of {@code ra_pages} centred on the fault (order-0 folios, the mark a quarter
   * before its end), until misses outnumber hits by {@code MMAP_LOTSAMISS}.
   *
   * @return the pages read (the faulting one at least), or -1 if frames ran out
   */
  public long mmapReadahead(
      MappedFile file, Readahead ra, long index, boolean random, boolean seq) {
    if (file.shmem()) {
      return 0;
    }
    if (random || ra.raPages() == 0) {
      return forcedRead(file, index, 1);
    }
    if (seq) {
      return syncReadahead(file, ra, index, ra.raPages());
    }
    if (ra.mmapMiss < Readahead.MMAP_LOTSAMISS * 10) {
      ra.mmapMiss++;
    }
    if (ra.mmapMiss > Readahead.MMAP_LOTSAMISS) {
      return forcedRead(file, index, 1);
    }
    ra.start = Math.max(0, index - ra.raPages() / 2);
    ra.size = ra.raPages();
    ra.asyncSize = ra.raPages() / 4;
    ra.order = 0;
    long read = readaheadWindow(file, ra);
    return read < 0 || lookup(file, index) != null ? read : forcedRead(file, index, 1);
  }

  /**
   * {@code do_async_mmap_readahead}: a fault found page {@code index} cached in {@code folio}; one
   * miss less, and the next window if the folio carries the readahead mark.
   *
   * @return the pages read, or -1 if frames ran out
   */
  public long mmapHit(MappedFile file, Readahead ra, Folio folio, long index, boolean random) {
    if (random || ra.raPages() == 0) {
      return 0;
    }
    if (ra.mmapMiss > 0) {
      ra.mmapMiss--;
    }
    return folio.readahead ? asyncReadahead(file, ra, folio, index, ra.raPages()) : 0;
  }

  // ---------------------------------------------------------------- read(2) and write(2)

  /**
   * {@code filemap_read}: reads {@code [offset, offset + length)} in requests of {@code chunk}
   * bytes, as a program calling {@code read(2)} in a loop does: misses start synchronous readahead,
   * marked folios the next window, and each folio is marked accessed once, however many requests it
   * serves (the {@code pos_same_folio} check).
   *
   * @return the pages read from disk, or -1 if frames ran out
   */
  public long read(MappedFile file, Readahead ra, long offset, long length, long chunk) {
    Inode inode = inode(file, "read");
    long end = Math.min(offset + length, inode.size);
    long read = 0;
    Folio previous = null;
    for (long pos = offset; pos < end; pos += chunk) {
      long first = pos >>> 12;
      long last = (Math.min(end, pos + chunk) - 1) >>> 12;
      for (long index = first; index <= last; index++) {
        long req = last + 1 - index;
        Folio f = lookup(file, index);
        if (f == null) {
          long n = syncReadahead(file, ra, index, req);
          if (n < 0) {
            return -1;
          }
          read += n;
          f = lookup(file, index);
        } else if (f.readahead) {
          long n = asyncReadahead(file, ra, f, index, req);
          if (n < 0) {
            return -1;
          }
          read += n;
        }
        if (f != previous) {
          waitUptodate(f);
          markAccessed(inode, f);
          previous = f;
        }
      }
      ra.prevPos = Math.min(end, pos + chunk) - 1;
    }
    return read;
  }

  /**
   * {@code generic_perform_write}: puts {@code [offset, offset + length)} in the cache, dirty, in
   * folios as large as the write and the alignment allow ({@code fgf_set_order}); new blocks dirty
   * their block group's bitmap in the block device's cache, every written page gets a buffer head.
   * The file grows to cover the write.
   *
   * @param nanos the clock, for the inode's {@code dirtied_when}
   * @return the pages newly added to the cache, or -1 if frames ran out (what was written stays)
   */
  public long write(MappedFile file, long offset, long length, long nanos) {
    Inode inode = inode(file, "write");
    long first = offset >>> 12;
    long last = (offset + length - 1) >>> 12;
    long added = 0;
    long index = first;
    while (index <= last) {
      Folio f = lookup(file, index);
      if (f == null) {
        int order = writeOrder(inode, index, last + 1 - index);
        f = addFolio(inode, index, order, false);
        if (f == null && order == PMD_ORDER) {
          f = addFolio(inode, index, order - 1, false); // __filemap_get_folio tries smaller
        }
        if (f == null) {
          return -1;
        }
        added += f.pages();
      }
      if (!inode.file.shmem() && !f.buffers) {
        f.buffers = true;
        bufferHeads += f.pages();
      }
      dirty(inode, f, nanos);
      index = f.end();
    }
    inode.size = Math.max(inode.size, offset + length);
    if (!inode.file.shmem()) {
      allocateBlocks(inode, last + 1, nanos);
    }
    rebalanceSlab();
    return added;
  }

  /** The folio order a write of {@code pages} pages at {@code index} gets. */
  private static int writeOrder(Inode inode, long index, long pages) {
    int order = Math.min(MAX_ORDER, 63 - Long.numberOfLeadingZeros(pages));
    if ((index & ((1L << order) - 1)) != 0) {
      order = Math.min(order, Long.numberOfTrailingZeros(index));
    }
    while (order > 0 && intersects(inode, index, 1L << order)) {
      order--;
    }
    return order;
  }

  private static boolean intersects(Inode inode, long index, long pages) {
    Long next = inode.folios.ceilingKey(index);
    return next != null && next < index + pages;
  }

  /** Gives the file disk blocks up to page {@code pages}; each block group's bitmap gets dirty. */
  private void allocateBlocks(Inode inode, long pages, long nanos) {
    long lastGroup = -1;
    while (inode.allocatedPages < pages) {
      long group = nextBlock++ / BLOCKS_PER_GROUP;
      inode.allocatedPages++;
      if (group != lastGroup) {
        dirtyMetadata(group, nanos);
        lastGroup = group;
      }
    }
  }

  /** Dirties one page of block-device metadata (a bitmap or an inode-table block). */
  private void dirtyMetadata(long index, long nanos) {
    Folio f = lookup(bdev, index);
    if (f == null) {
      f = addFolio(bdev, index, 0, false);
      if (f == null) {
        return;
      }
    }
    dirty(bdev, f, nanos);
  }

  /**
   * A file the file system creates now: its inode and dentry go into the slab, its inode-table
   * block gets dirty. The file starts empty unless {@code file.sizeBytes()} says otherwise.
   */
  public void createOnDisk(MappedFile file, long nanos) {
    create(file, true);
    if (!file.shmem()) {
      dirtyMetadata(INODE_TABLE_BASE + file.inode() / 16, nanos);
    }
  }

  /** {@code folio_mark_dirty}: dirties a folio and stamps its inode's {@code dirtied_when}. */
  private void dirty(Inode inode, Folio f, long nanos) {
    if (f.dirty || inode.file.shmem()) {
      return;
    }
    f.dirty = true;
    dirtyPages += f.pages();
    if (inode.dirtyPages == 0) {
      inode.dirtiedWhen = nanos;
    }
    inode.dirtyPages += f.pages();
  }

  /**
   * A write through a shared mapping ({@code fault_dirty_shared_page}): dirties the folio holding
   * page {@code index} of {@code file}.
   */
  public void markDirty(MappedFile file, long index, long nanos) {
    Folio f = lookup(file, index);
    if (f == null) {
      throw new IllegalStateException(
          "PageCache.markDirty: page " + index + " of " + file.path() + " is not cached");
    }
    dirty(inodeFor(file), f, nanos);
  }

  // ---------------------------------------------------------------- writeback

  /** {@code sync}: writes back every dirty page; returns how many. */
  public long sync() {
    long written = 0;
    for (Inode inode : dirtyInodesOldestFirst()) {
      written += writebackInode(inode, Long.MAX_VALUE);
    }
    return written;
  }

  /**
   * The flusher's periodic pass ({@code wb_check_old_data_flush}): writes back the inodes dirtied
   * at or before {@code olderThan}.
   */
  public long writebackExpired(long olderThan) {
    long written = 0;
    for (Inode inode : dirtyInodesOldestFirst()) {
      if (inode.dirtiedWhen <= olderThan) {
        written += writebackInode(inode, Long.MAX_VALUE);
      }
    }
    return written;
  }

  /** Writes back about {@code pages} dirty pages, oldest inodes first (background writeback). */
  public long writebackSome(long pages) {
    long written = 0;
    for (Inode inode : dirtyInodesOldestFirst()) {
      if (written >= pages) {
        break;
      }
      written += writebackInode(inode, pages - written);
    }
    return written;
  }

  private List<Inode> dirtyInodesOldestFirst() {
    List<Inode> dirty = new ArrayList<>();
    for (Inode inode : files.values()) {
      if (inode.dirtyPages > 0) {
        dirty.add(inode);
      }
    }
    if (bdev.dirtyPages > 0) {
      dirty.add(bdev);
    }
    dirty.sort(Comparator.comparingLong((Inode i) -> i.dirtiedWhen));
    return dirty;
  }

  /**
   * Starts writeback of up to {@code limit} dirty pages (whole folios) of one inode, in index
   * order, as one request ({@code writeback_single_inode} over {@code write_cache_pages}).
   */
  private long writebackInode(Inode inode, long limit) {
    completeIo();
    List<Folio> batch = new ArrayList<>();
    long written = 0;
    for (Folio f : inode.folios.values()) {
      if (written >= limit) {
        break;
      }
      if (f.dirty) {
        batch.add(f);
        written += f.pages();
      }
    }
    startWriteback(inode, batch);
    return written;
  }

  // ---------------------------------------------------------------- truncate, unlink, drop_caches

  /**
   * {@code truncate}: sets the size; the folios past the new end leave the cache (a folio across it
   * stays whole). Refused if a process maps a page that would go.
   *
   * @return false if a mapped page is in the way (nothing changed)
   */
  public boolean truncate(MappedFile file, long newSize) {
    Inode inode = inode(file, "truncate");
    long keep = pagesOf(newSize);
    List<Folio> gone = new ArrayList<>();
    for (Folio f : inode.folios.values()) {
      if (f.index() >= keep) {
        if (!unmapped(f)) {
          return false;
        }
        gone.add(f);
      }
    }
    gone.forEach(f -> removeFolio(inode, f));
    inode.size = newSize;
    inode.allocatedPages = Math.min(inode.allocatedPages, keep);
    rebalanceSlab();
    return true;
  }

  /**
   * {@code unlink}: the file leaves the directory; its pages, inode and dentry go now, or with its
   * last mapping if a process still maps it.
   */
  public void unlink(MappedFile file) {
    Inode inode = inode(file, "unlink");
    inode.unlinked = true;
    if (inode.mappings == 0) {
      evict(inode);
    }
  }

  /**
   * {@code echo N > /proc/sys/vm/drop_caches}: 1 drops clean unmapped page-cache folios ({@code
   * invalidate_mapping_pages} skips dirty and mapped ones), 2 frees the dentries and inodes of
   * files nobody maps (with their clean pages, as {@code prune_icache_sb} does), 3 both.
   *
   * @return the pages freed
   */
  public long dropCaches(int mode) {
    if (mode < 1 || mode > 3) {
      throw new IllegalArgumentException("PageCache.dropCaches: mode " + mode + " is not 1..3");
    }
    long before = memory.freePages();
    if ((mode & 1) != 0) {
      for (Inode inode : new ArrayList<>(files.values())) {
        if (!inode.file.shmem()) {
          invalidateClean(inode);
        }
      }
      invalidateClean(bdev);
    }
    if ((mode & 2) != 0) {
      for (Inode inode : files.values()) {
        if (inode.slabbed && inode.mappings == 0 && inode.dirtyPages == 0) {
          invalidateClean(inode);
          if (inode.folios.isEmpty()) {
            inode.slabbed = false;
            slabInodes--;
          }
        }
      }
    }
    rebalanceSlab();
    return memory.freePages() - before;
  }

  /**
   * Memory-cgroup reclaim of one file ({@code try_to_free_mem_cgroup_pages} over the folios a group
   * is charged for): frees its clean folios that no process maps (shared memory only goes to swap,
   * so it stays), oldest index first, until {@code pages} pages are freed. Dirty and mapped folios
   * stay (this simpler memcg reclaim does not unmap through the reverse map, as the node's does).
   *
   * @param file the file
   * @param pages how many pages to free at most
   * @return the pages freed
   */
  public long reclaimClean(MappedFile file, long pages) {
    Inode inode = files.get(FileKey.of(file));
    if (inode == null || pages <= 0 || file.shmem()) {
      return 0;
    }
    long freed = 0;
    for (Folio f : new ArrayList<>(inode.folios.values())) {
      if (freed >= pages) {
        break;
      }
      if (!f.dirty && !f.writeback && unmapped(f)) {
        freed += f.pages();
        removeFolio(inode, f);
      }
    }
    rebalanceSlab();
    return freed;
  }

  private void invalidateClean(Inode inode) {
    completeIo();
    for (Folio f : new ArrayList<>(inode.folios.values())) {
      if (!f.dirty && !f.writeback && unmapped(f)) {
        removeFolio(inode, f);
      }
    }
  }

  /** An access through the file system brings the file's inode back into the slab. */
  public void touchInode(MappedFile file) {
    Inode inode = inode(file, "touchInode");
    if (!inode.slabbed && !file.shmem()) {
      inode.slabbed = true;
      slabInodes++;
      rebalanceSlab();
    }
  }

  // ---------------------------------------------------------------- slab

  /** The slab pages the current objects need. */
  long slabPagesNeeded() {
    long bh = (bufferHeads + BH_PER_PAGE - 1) / BH_PER_PAGE;
    long inodes = (slabInodes + INODES_PER_SLAB - 1) / INODES_PER_SLAB * INODE_SLAB_PAGES;
    long dentries = (slabInodes + DENTRIES_PER_PAGE - 1) / DENTRIES_PER_PAGE;
    return bh + inodes + dentries;
  }

  /** Allocates or frees kernel frames so that the slab holds what its objects need. */
  private void rebalanceSlab() {
    long need = slabPagesNeeded();
    while (slabFrames.size() > need) {
      memory.free(slabFrames.pop());
    }
    while (slabFrames.size() < need) {
      long pfn = memory.allocate(FrameOwner.KERNEL, true);
      if (pfn < 0) {
        return;
      }
      slabFrames.push(pfn);
    }
  }

  // ---------------------------------------------------------------- invariants

  /**
   * Checks that every cached frame belongs to exactly one folio and is owned as the cache says,
   * that every FILE and SHMEM frame of memory is in the cache, and that the page, dirty and active
   * counters equal a recount.
   */
  public void checkInvariants() {
    long[] recount = new long[6];
    long lruRecount = 0;
    Set<Long> seen = new HashSet<>();
    List<Inode> all = new ArrayList<>(files.values());
    all.add(bdev);
    for (Inode e : all) {
      FrameOwner expected = e.file.shmem() ? FrameOwner.SHMEM : FrameOwner.FILE;
      long inodeDirty = 0;
      long prevEnd = Long.MIN_VALUE;
      for (Folio f : e.folios.values()) {
        if (f.index() < prevEnd) {
          fail("folios of " + e.file.path() + " overlap at index " + f.index());
        }
        prevEnd = f.end();
        for (long pfn : f.frames()) {
          if (memory.owner(pfn) != expected || !seen.add(pfn)) {
            fail("frame " + pfn + " of " + e.file.path() + " is owned by " + memory.owner(pfn));
          }
        }
        int kind = e == bdev ? 2 : e.file.shmem() ? 1 : 0;
        recount[kind] += f.pages();
        inodeDirty += f.dirty ? f.pages() : 0;
        recount[3] += f.dirty ? f.pages() : 0;
        recount[4] += f.active && kind != 1 ? f.pages() : 0;
        recount[5] += f.writeback ? f.pages() : 0;
        boolean onList =
            kind == 1
                ? !inactiveLru.containsKey(f) && !activeLru.containsKey(f)
                : (f.active ? activeLru : inactiveLru).get(f) == e
                    && !(f.active ? inactiveLru : activeLru).containsKey(f);
        if (!onList) {
          fail("folio at " + f.index() + " of " + e.file.path() + " is not on its LRU list");
        }
        lruRecount += kind == 1 ? 0 : 1;
      }
      if (inodeDirty != e.dirtyPages) {
        fail("dirty pages of " + e.file.path() + " " + e.dirtyPages + " recount " + inodeDirty);
      }
    }
    long[] counters = {
      filePages, shmemPages, bufferPages, dirtyPages, activeFilePages, writebackPages
    };
    for (int i = 0; i < counters.length; i++) {
      if (counters[i] != recount[i] || counters[i] < 0) {
        fail(
            "counter "
                + i
                + " (file, shmem, buffers, dirty, active, writeback) is "
                + counters[i]
                + " but a recount finds "
                + recount[i]);
      }
    }
    if (lruRecount != inactiveLru.size() + activeLru.size()) {
      fail(
          "the LRU lists hold "
              + (inactiveLru.size() + activeLru.size())
              + " folios, not "
              + lruRecount);
    }
    long owned = memory.pages(FrameOwner.FILE) + memory.pages(FrameOwner.SHMEM);
    if (owned != seen.size()) {
      fail(owned + " FILE/SHMEM frames in memory but " + seen.size() + " in the cache");
    }
    checkMemcgs(all);
  }

  /** Each folio is charged where its group's set says, and each group's counts equal a recount. */
  private void checkMemcgs(List<Inode> all) {
    Map<Integer, long[]> recount = new HashMap<>();
    for (Inode e : all) {
      for (Folio f : e.folios.values()) {
        if (f.memcg == 0) {
          continue;
        }
        MemcgFolios.Group g = memcgs.group(f.memcg);
        if (e == bdev || g == null || !g.folios.contains(f)) {
          fail("folio at " + f.index() + " of " + e.file.path() + " lost its memcg " + f.memcg);
        }
        long[] n = recount.computeIfAbsent(f.memcg, k -> new long[3]);
        n[0] += f.pages();
        n[1] += e.file.shmem() ? f.pages() : 0;
        n[2]++;
      }
    }
    for (int id : memcgs.ids()) {
      MemcgFolios.Group g = memcgs.group(id);
      long[] n = recount.getOrDefault(id, new long[3]);
      if (g.pages != n[0] || g.shmem != n[1] || g.folios.size() != n[2]) {
        fail("memcg " + id + " is charged " + g.pages + " pages, a recount finds " + n[0]);
      }
    }
  }

  // ---------------------------------------------------------------- memory cgroups

  /**
   * Sets the memory cgroup that folios added from now on are charged to: the group of the task
   * reading, writing or faulting ({@code mem_cgroup_charge} in {@code filemap_add_folio}). Block
   * device metadata is not charged.
   *
   * @param memcg the group's id, 0 for the root cgroup
   * @return the id set before
   */
  public int setChargeMemcg(int memcg) {
    return memcgs.setCurrent(memcg);
  }

  /** The memory cgroup new folios are charged to (0 for the root). */
  public int chargeMemcg() {
    return memcgs.current();
  }

  /**
   * Sets the groups global reclaim leaves alone ({@code mem_cgroup_below_low} / {@code
   * mem_cgroup_below_min} in {@code shrink_node_memcgs}): their inactive file folios are rotated
   * rather than scanned. Null (the default) protects nothing.
   *
   * @param isProtected true for a group id whose folios are protected
   */
  public void setMemcgProtection(java.util.function.IntPredicate isProtected) {
    this.memcgProtected = isProtected;
  }

  /** Pages of page cache and shared memory charged to group {@code memcg}. */
  public long memcgPages(int memcg) {
    MemcgFolios.Group g = memcgs.group(memcg);
    return g == null ? 0 : g.pages;
  }

  /**
   * The page-cache lines of a group's {@code memory.stat}, in pages.
   *
   * @param file {@code file}: page cache and shared memory ({@code NR_FILE_PAGES})
   * @param shmem {@code shmem}
   * @param fileMapped {@code file_mapped}: pages some process maps
   * @param fileDirty {@code file_dirty}
   * @param fileWriteback {@code file_writeback}
   * @param activeFile {@code active_file} (shared memory is on the anonymous lists)
   * @param inactiveFile {@code inactive_file}
   */
  public record MemcgStat(
      long file,
      long shmem,
      long fileMapped,
      long fileDirty,
      long fileWriteback,
      long activeFile,
      long inactiveFile) {}

  /** Counts the page-cache lines of group {@code memcg}'s {@code memory.stat}. */
  public MemcgStat memcgStat(int memcg) {
    MemcgFolios.Group g = memcgs.group(memcg);
    if (g == null) {
      return new MemcgStat(0, 0, 0, 0, 0, 0, 0);
    }
    long mapped = 0;
    long dirty = 0;
    long wb = 0;
    long active = 0;
    long inactive = 0;
    for (Folio f : g.folios) {
      for (long pfn : f.frames()) {
        mapped += memory.mapCount(pfn) > 0 ? 1 : 0;
      }
      dirty += f.dirty ? f.pages() : 0;
      wb += f.writeback ? f.pages() : 0;
      boolean onLru = activeLru.containsKey(f) || inactiveLru.containsKey(f);
      active += onLru && f.active ? f.pages() : 0;
      inactive += onLru && !f.active ? f.pages() : 0;
    }
    return new MemcgStat(g.pages, g.shmem, mapped, dirty, wb, active, inactive);
  }

  /**
   * {@code try_to_free_mem_cgroup_pages} on the file lists of one group: its clean, unmapped page
   * cache folios not under writeback, those on the inactive list first, oldest charge first within
   * each list (the group's own LRU order is not kept: a simplification). Shared memory stays.
   *
   * @param memcg the group's id
   * @param pages how many pages to free at most
   * @return the pages freed
   */
  public long reclaimMemcg(int memcg, long pages) {
    long freed = 0;
    completeIo();
    for (int pass = 0; pass < 2 && freed < pages; pass++) {
      for (Folio f : memcgs.folios(memcg)) {
        if (freed >= pages) {
          break;
        }
        boolean wanted = pass == 0 ? inactiveLru.containsKey(f) : activeLru.containsKey(f);
        if (wanted && !f.dirty && !f.writeback && unmapped(f)) {
          Inode inode = (f.active ? activeLru : inactiveLru).get(f);
          freed += f.pages();
          removeFolio(inode, f);
        }
      }
    }
    if (freed > 0) {
      rebalanceSlab();
    }
    return freed;
  }

  private static void fail(String what) {
    throw new IllegalStateException("PageCache.checkInvariants: " + what);
  }
}
