package dev.pagelab.sim.vm;

import static dev.pagelab.sim.spi.Pte.PTE_A;
import static dev.pagelab.sim.spi.Pte.PTE_D;
import static dev.pagelab.sim.spi.Pte.PTE_NX;
import static dev.pagelab.sim.spi.Pte.PTE_P;
import static dev.pagelab.sim.spi.Pte.PTE_RW;
import static dev.pagelab.sim.vm.Layout.PAGE_SIZE;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.cache.Readahead;
import dev.pagelab.sim.paging.PageTables;
import dev.pagelab.sim.paging.Tlb;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.FaultContext;
import dev.pagelab.sim.spi.FaultOutcome;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.VmaInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's address space ({@code struct mm_struct}): its VMAs, page tables, TLB and RSS
 * counters, and the memory system calls that change them. It is also what the fault handler sees of
 * the process.
 */
public final class AddressSpace implements FaultContext {
  private static final long PMD_SIZE = 2L << 20;

  /** {@code fault_around_bytes} / 4 KiB: a read fault maps up to 16 cached pages around it. */
  public static final int FAULT_AROUND_PAGES = 16;

  private final PhysicalMemory memory;
  private final PageCache cache;
  private final long zeroPfn;
  private final CommitPolicy commitPolicy;
  private final PageTables tables;
  private final Tlb tlb;
  private final TreeMap<Long, Vma> vmas = new TreeMap<>();
  private final long mmapBase = Layout.mmapBase();
  private long startBrk;
  private long brk;
  private long rssAnon;
  private long rssFile;
  private long rssShmem;
  private Cpus cpus;
  private RssStat rssStat;
  private long[] rssBatch;
  private int rssBatchDepth;
  private long filePmds;
  private long hiwaterRss;
  private long hiwaterVm;
  private Vma lastFound;
  private Vma lastInfoOf;
  private VmaInfo lastInfo;
  private final Map<MappedFile, Readahead> readahead = new HashMap<>();
  private int raPages = 32;

  /** Decides whether the kernel may commit more memory ({@code security_vm_enough_memory_mm}). */
  @FunctionalInterface
  public interface CommitPolicy {
    /**
     * True if {@code pages} more pages may be committed by an address space of {@code totalVmPages}
     * pages.
     */
    boolean mayCommit(long pages, long totalVmPages);
  }

  /**
   * A software bit of a non-present entry that marks a swap entry: the slot number sits where a
   * present entry has its frame number ({@code swp_entry_to_pte} in a simpler encoding).
   */
  public static final long PTE_SWAP = 1L << 10;

  private SwapDevice swap;
  private AnonLru lru;
  private final HugetlbMm huge;
  private long swapents;
  private long swapCursor;
  private Rmap rmap;
  private AnonVma anonVma;
  private Thp thp;
  private boolean thpDisabled;
  private ForkCopy forkCopy = ForkCopy.NONE;
  private long anonHugePmds;
  // The PTE table deposited under each huge PMD, by 2 MiB region (va >>> 21).
  private final Map<Long, Long> deposited = new HashMap<>();

  private AddressSpace(
      PhysicalMemory memory,
      PageCache cache,
      long zeroPfn,
      CommitPolicy commitPolicy,
      PageTables tables,
      Tlb tlb) {
    this.memory = memory;
    this.cache = cache;
    this.zeroPfn = zeroPfn;
    this.commitPolicy = commitPolicy;
    this.tables = tables;
    this.tlb = tlb;
    this.huge = new HugetlbMm(this, memory, tables, tlb);
  }

  /**
   * Creates an empty address space ({@code mm_alloc} + {@code pgd_alloc}).
   *
   * @return the address space, or null if no frame is free for the top-level table
   */
  public static AddressSpace create(
      PhysicalMemory memory,
      PageCache cache,
      long zeroPfn,
      PagingMode mode,
      int tlbEntries,
      CommitPolicy commitPolicy) {
    PageTables tables = PageTables.create(memory, mode);
    if (tables == null) {
      return null;
    }
    return new AddressSpace(memory, cache, zeroPfn, commitPolicy, tables, new Tlb(tlbEntries));
  }

  // ---------------------------------------------------------------- swap

  /**
   * True if {@code pte} is a swap entry: not present and marked {@link #PTE_SWAP}.
   *
   * @param pte an entry
   * @return whether it names a swap slot
   */
  public static boolean isSwapEntry(long pte) {
    return !X86Paging.isPresent(pte) && (pte & PTE_SWAP) != 0;
  }

  /**
   * Sets the swap area anonymous pages of this address space may go to (null for none).
   *
   * @param device the swap area
   */
  public void setSwap(SwapDevice device) {
    this.swap = device;
  }

  /**
   * Sets the anonymous LRU lists this address space's anonymous frames join (null for none).
   *
   * @param lists the node's anon lists
   */
  public void setAnonLru(AnonLru lists) {
    this.lru = lists;
  }

  /**
   * Sets the node's reverse map: this address space's file areas join their files' {@code i_mmap}
   * and it starts a fork tree of its own ({@code anon_vma_prepare} at exec).
   *
   * @param map the reverse map
   */
  public void setRmap(Rmap map) {
    if (rmap != null) {
      throw new IllegalStateException("AddressSpace.setRmap: the reverse map is already set");
    }
    this.rmap = map;
    this.anonVma = new AnonVma();
    anonVma.join(this);
    for (Vma v : vmas.values()) {
      if (v.file() != null) {
        rmap.linkFile(this, v);
      }
    }
  }

  /** The fork tree this address space belongs to, or null without a reverse map. */
  public AnonVma anonVma() {
    return anonVma;
  }

  /** Pages of this address space that are out in swap ({@code MM_SWAPENTS}, VmSwap). */
  public long swapents() {
    return swapents;
  }

  /**
   * Swap-out by a clock scan of this address space's anonymous pages, resuming where the last scan
   * stopped: a page whose Accessed bit is set loses it and stays (its second chance, as {@code
   * folio_referenced} clears young bits); an unreferenced private page mapped only here is written
   * to a free slot, its frame freed and its entry replaced by the swap entry ({@code
   * try_to_unmap_one}). A page shared after fork is judged and swapped out in every address space
   * that maps it, through the reverse map ({@link #setRmap}); without one it is left alone.
   *
   * @param pages how many pages to swap out at most
   * @param scanned adds the pages looked at to {@code scanned[0]}
   * @return the pages swapped out
   */
  public long swapOut(long pages, long[] scanned) {
    if (swap == null || pages <= 0) {
      return 0;
    }
    long[] out = {0};
    long va = swapCursor;
    int wraps = 0;
    while (out[0] < pages && wraps < 3 && swap.freePages() > 0) {
      Vma v = anonVmaFrom(va);
      if (v == null) {
        va = 0;
        wraps++;
        continue;
      }
      long from = Math.max(va, v.start());
      long to = Math.min(v.end(), (from + SWAP_WINDOW) & -SWAP_WINDOW);
      tables.forEachPte(
          from,
          to,
          PageTables.LeafVisitor.of(
              (a, pte) -> swapOutOne(a, pte, pages, out, scanned),
              (a, level, entry) -> swapOutHuge(a, entry, scanned)));
      va = to;
      swapCursor = va;
    }
    tlb.flushAll();
    return out[0];
  }

  /** The clock scans 2 MiB (one page table) at a time. */
  private static final long SWAP_WINDOW = 2L << 20;

  /** The first VMA with anonymous pages that ends above {@code va}, or null. */
  private Vma anonVmaFrom(long va) {
    Map.Entry<Long, Vma> e = vmas.floorEntry(va);
    Vma v = e != null && e.getValue().end() > va ? e.getValue() : null;
    for (Long key = v != null ? Long.valueOf(v.start()) : vmas.ceilingKey(va); key != null; ) {
      Vma c = vmas.get(key);
      if (c.anonVma() && c.end() > va) {
        return c;
      }
      key = vmas.higherKey(key);
    }
    return null;
  }

  private long swapOutOne(long va, long pte, long pages, long[] out, long[] scanned) {
    if (out[0] >= pages || !X86Paging.isPresent(pte) || swap.freePages() == 0) {
      return pte;
    }
    long pfn = X86Paging.pteToPfn(pte);
    if (pfn == zeroPfn || !isAnonymous(pfn) || !splitFolioOf(pfn)) {
      return pte;
    }
    // try_to_unmap_one: a page pinned for DMA (FOLL_LONGTERM) cannot be unmapped.
    if (memory.pinCount(pfn) > 0) {
      return pte;
    }
    if (memory.mapCount(pfn) != 1) {
      return rmap == null ? pte : swapOutShared(va, pte, pfn, out, scanned);
    }
    scanned[0]++;
    if ((pte & PTE_A) != 0) {
      if (lru != null) {
        lru.activate(pfn);
      }
      return pte & ~PTE_A;
    }
    long cachedSlot = swap.slotOf(pfn);
    long slot = swapSlotFor(pfn, cachedSlot, (pte & PTE_D) != 0);
    if (slot < 0) {
      return pte;
    }
    if (cachedSlot >= 0) {
      swap.deleteFromCache(slot);
    }
    countMapped(pfn, -1);
    freeAnon(pfn);
    addMmCounter(RssStat.MM_SWAPENTS, 1);
    out[0]++;
    return (slot << 12) | PTE_SWAP;
  }

  /**
   * {@code shrink_folio_list} for an anonymous page shared after fork, found at {@code va} by this
   * address space's clock: {@code folio_referenced} clears the Accessed bit in every mapper and
   * activates the page if any had it; otherwise {@code add_to_swap} gives it a slot (written unless
   * a clean copy is in the swap cache) and {@code try_to_unmap} replaces every mapper's entry by
   * the swap entry, one slot reference each, before the frame is freed. This address space's own
   * entry is what the method returns (the walk stores it).
   */
  private long swapOutShared(long va, long pte, long pfn, long[] out, long[] scanned) {
    List<Rmap.Mapper> others = new ArrayList<>();
    for (Rmap.Mapper m : rmap.anonMappers(this, va, pfn)) {
      if (m.mm() != this) {
        others.add(m);
      }
    }
    if (others.size() + 1 != memory.mapCount(pfn)) {
      throw new IllegalStateException(
          "AddressSpace.swapOutShared: frame "
              + pfn
              + " is mapped "
              + memory.mapCount(pfn)
              + " times but the reverse map finds "
              + (others.size() + 1));
    }
    scanned[0]++;
    boolean young = (pte & PTE_A) != 0;
    boolean dirty = (pte & PTE_D) != 0;
    for (Rmap.Mapper m : others) {
      long other = m.mm().readPte(va);
      dirty |= (other & PTE_D) != 0;
      if ((other & PTE_A) != 0) {
        young = true;
        m.mm().writePte(va, other & ~PTE_A);
      }
    }
    if (young) {
      if (lru != null) {
        lru.activate(pfn);
      }
      return pte & ~PTE_A;
    }
    long cachedSlot = swap.slotOf(pfn);
    long slot = swapSlotFor(pfn, cachedSlot, dirty);
    if (slot < 0) {
      return pte;
    }
    for (Rmap.Mapper m : others) {
      swap.duplicate(slot);
      m.mm().unmapToSwap(va, slot);
    }
    if (cachedSlot >= 0) {
      swap.deleteFromCache(slot);
    }
    countMapped(pfn, -1);
    freeAnon(pfn);
    addMmCounter(RssStat.MM_SWAPENTS, 1);
    out[0]++;
    return (slot << 12) | PTE_SWAP;
  }

  /**
   * {@code add_to_swap} and {@code pageout} for a page being swapped out: a new slot, written (an
   * all-zero page only marked in the zeromap), or the slot it already has in the swap cache with
   * one more reference, written again if the page is dirty.
   *
   * @param cachedSlot the page's swap-cache slot, or -1
   * @return the slot, or -1 if the swap area is full
   */
  private long swapSlotFor(long pfn, long cachedSlot, boolean dirty) {
    if (cachedSlot < 0) {
      long slot = swap.allocate();
      if (slot >= 0) {
        swap.writeOut(slot, memory.isZeroFilled(pfn));
      }
      return slot;
    }
    swap.duplicate(cachedSlot);
    if (dirty) {
      swap.writeOut(cachedSlot, memory.isZeroFilled(pfn));
    }
    return cachedSlot;
  }

  /**
   * {@code try_to_unmap_one} for another address space's anonymous page: its entry at {@code va}
   * becomes the swap entry of {@code slot} (the caller took the slot reference).
   *
   * @return the entry it replaced
   */
  long unmapToSwap(long va, long slot) {
    return unmapPage(va, (slot << 12) | PTE_SWAP);
  }

  /**
   * {@code try_to_unmap_one} for a page-cache page: its entry at {@code va} is cleared, so that a
   * later touch faults it in again.
   *
   * @return the entry it cleared (the caller looks at its dirty bit)
   */
  long unmapFilePage(long va) {
    long leaf = filePmds == 0 ? 0 : tables.hugeLeaf(va);
    if (leaf != 0 && isFilePmd(leaf)) {
      hiwaterRss = Math.max(hiwaterRss, rss());
      splitFilePmd(va, leaf); // try_to_unmap: TTU_SPLIT_HUGE_PMD
      return leaf;
    }
    return unmapPage(va, 0);
  }

  /**
   * Clears the Accessed bit of the entry that maps {@code va}, a PTE or a PMD-mapped file folio's
   * leaf ({@code folio_referenced_one}: {@code ptep_clear_flush_young} or {@code
   * pmdp_clear_flush_young}).
   *
   * @return the entry as it was
   */
  long clearYoung(long va) {
    long leaf = filePmds == 0 ? 0 : tables.hugeLeaf(va);
    if (leaf != 0 && isFilePmd(leaf)) {
      tables.writeEntry(va & -PMD_SIZE, 2, leaf & ~PTE_A);
      tlb.flushRange(va & -PMD_SIZE, (va & -PMD_SIZE) + PMD_SIZE);
      return leaf;
    }
    long pte = tables.readPte(va);
    writePte(va, pte & ~PTE_A);
    return pte;
  }

  /** Replaces the entry mapping a page by {@code replacement}, with the counters and the TLB. */
  private long unmapPage(long va, long replacement) {
    long pte = tables.readPte(va);
    if (!Rmap.maps(pte, X86Paging.pteToPfn(pte))) {
      throw new IllegalStateException(
          "AddressSpace.unmapPage: nothing is mapped at 0x" + Long.toHexString(va));
    }
    hiwaterRss = Math.max(hiwaterRss, rss());
    tables.writePte(va, replacement);
    tlb.flushPage(va);
    countMapped(X86Paging.pteToPfn(pte), -1);
    if (AddressSpace.isSwapEntry(replacement)) {
      addMmCounter(RssStat.MM_SWAPENTS, 1);
    }
    return pte;
  }

  /**
   * True if the page at {@code address} is a swap entry whose slot has a frame in the swap cache,
   * so that {@link #swapIn} is a minor fault.
   *
   * @param address a page of this address space
   * @return whether the swap cache holds the page
   */
  public boolean swapCached(long address) {
    long pte = tables.readPte(address);
    return swap != null && isSwapEntry(pte) && swap.cachedPfn(X86Paging.pteToPfn(pte)) >= 0;
  }

  /**
   * {@code do_swap_page}: maps the page at {@code address} from the swap cache, or reads it from
   * the swap area into a new frame that joins the cache, and drops the entry's slot reference. The
   * page is writable if its VMA is and no other entry holds the slot; a write fault dirties it. The
   * frame leaves the swap cache (and the slot is freed) when no entry holds the slot any more and
   * the fault writes or swap is more than half full ({@code should_try_to_free_swap}); otherwise it
   * stays cached, so that a clean page can be dropped again without a write. A slot in the swap
   * zeromap gives a zero-filled frame without a read ({@code swap_read_folio_zeromap}).
   *
   * @param address a page whose entry is a swap entry
   * @param write true for a write fault
   * @return the frame, or -1 if no frame is free (nothing changed)
   */
  public long swapIn(long address, boolean write) {
    long pte = tables.readPte(address);
    Vma v = vmaAt(address);
    if (!isSwapEntry(pte) || v == null) {
      throw new IllegalStateException(
          "AddressSpace.swapIn: no swap entry at 0x" + Long.toHexString(address));
    }
    long slot = X86Paging.pteToPfn(pte);
    long pfn = swap.cachedPfn(slot);
    if (pfn < 0) {
      pfn = newAnon();
      if (pfn < 0) {
        return -1;
      }
      memory.setZeroFilled(pfn, !swap.readIn(slot));
      swap.addToCache(slot, pfn);
    }
    markAnonVma(address);
    countMapped(pfn, 1);
    boolean exclusive = swap.useCount(slot) == 1 && memory.mapCount(pfn) == 1;
    long bits = PTE_P | Pte.PTE_US | PTE_A | (v.prot().exec() ? 0 : PTE_NX);
    bits |= v.prot().write() && exclusive ? Pte.PTE_RW : 0;
    bits |= v.prot().write() && exclusive && write ? PTE_D : 0;
    if (!tables.writePte(address, (pfn << 12) | bits)) {
      throw new IllegalStateException("AddressSpace.swapIn: the table of a swap entry vanished");
    }
    tlb.flushPage(address);
    swap.free(slot);
    addMmCounter(RssStat.MM_SWAPENTS, -1);
    if (swap.useCount(slot) == 0 && (write || swap.full())) {
      swap.deleteFromCache(slot);
    }
    return pfn;
  }

  /**
   * Swap-in readahead around a page about to be read from swap: reads into the swap cache every
   * page of the {@code 2^pageCluster}-page window (aligned, inside the VMA) that is a swap entry
   * not yet cached, so that touching it later is a minor fault. This is the window of {@code
   * swap_vma_readahead} (mm/swap_state.c) at its largest, {@code 1 << page_cluster}; the kernel
   * grows it to that size from readahead hits ({@code __swapin_nr_pages}). Stops when no frame is
   * free above the min watermark. A slot in the swap zeromap joins the cache as a zero-filled page
   * without I/O ({@code swap_read_folio_zeromap}).
   *
   * @param address the faulting page (not read here)
   * @param pageCluster {@code vm.page-cluster}
   * @return the pages read from the swap area (zeromap pages not counted)
   */
  public long swapReadahead(long address, int pageCluster) {
    Vma v = vmaAt(address);
    long window = PAGE_SIZE << pageCluster;
    if (swap == null || v == null || pageCluster == 0) {
      return 0;
    }
    long from = Math.max(v.start(), address & -window);
    long to = Math.min(v.end(), (address & -window) + window);
    long read = 0;
    for (long va = from; va < to; va += PAGE_SIZE) {
      long pte = tables.readPte(va);
      if (va == address || !isSwapEntry(pte) || swap.cachedPfn(X86Paging.pteToPfn(pte)) >= 0) {
        continue;
      }
      long pfn = newAnon();
      if (pfn < 0) {
        break;
      }
      boolean io = swap.readIn(X86Paging.pteToPfn(pte));
      memory.setZeroFilled(pfn, !io);
      swap.addToCache(X86Paging.pteToPfn(pte), pfn);
      read += io ? 1 : 0;
    }
    return read;
  }

  /**
   * {@code MADV_PAGEOUT} on the anonymous pages of a range ({@code
   * madvise_cold_or_pageout_pte_range} and {@code reclaim_pages}, ignoring the Accessed bits): each
   * private page mapped only here becomes a swap entry. A page not yet in the swap cache gets a
   * slot and is written; the write completes after the call, so the frame stays in the swap cache
   * (unmapped, {@code SwapCached}) until reclaim frees it. A page already cached is freed at once
   * when clean, or written again when its entry is dirty. A page whose bytes are all zero is not
   * written: {@code swap_writeout} (mm/page_io.c, Linux 6.12+) sets its slot in the swap zeromap,
   * and with no writeback to wait for {@code shrink_folio_list} frees the frame at once, so it
   * leaves the swap cache. Without a swap area, or with the area full, nothing changes.
   */
  private void pageout(long start, long end) {
    if (swap == null) {
      return;
    }
    splitHugePmds(start, end);
    // Anonymous huge PMDs were split above; a PMD-mapped file folio is not paged out here.
    tables.forEachPte(start, end, PageTables.LeafVisitor.of(this::pageOutOne, (va, l, e) -> e));
    tlb.flushRange(start, end);
  }

  private long pageOutOne(long va, long pte) {
    long pfn = X86Paging.pteToPfn(pte);
    if (!exclusiveSmallAnon(pte)) {
      return pte;
    }
    if (memory.pinCount(pfn) > 0) {
      return pte;
    }
    long slot = swap.slotOf(pfn);
    if (slot < 0) {
      slot = swap.allocate();
      if (slot < 0) {
        return pte;
      }
      countMapped(pfn, -1);
      if (swap.writeOut(slot, memory.isZeroFilled(pfn))) {
        swap.addToCache(slot, pfn);
      } else {
        freeAnon(pfn);
      }
    } else if ((pte & PTE_D) != 0) {
      swap.duplicate(slot);
      countMapped(pfn, -1);
      if (!swap.writeOut(slot, memory.isZeroFilled(pfn))) {
        swap.deleteFromCache(slot);
        freeAnon(pfn);
      }
    } else {
      swap.duplicate(slot);
      swap.deleteFromCache(slot);
      countMapped(pfn, -1);
      freeAnon(pfn);
    }
    deactivate(pfn);
    addMmCounter(RssStat.MM_SWAPENTS, 1);
    return (slot << 12) | PTE_SWAP;
  }

  /**
   * True if {@code pte} maps a 4 KiB anonymous page (not the zero page, not part of a THP) that no
   * other entry maps: what {@code MADV_COLD} and {@code MADV_PAGEOUT} act on.
   */
  private boolean exclusiveSmallAnon(long pte) {
    long pfn = X86Paging.pteToPfn(pte);
    return X86Paging.isPresent(pte)
        && pfn != zeroPfn
        && isAnonymous(pfn)
        && splitFolioOf(pfn)
        && memory.mapCount(pfn) == 1;
  }

  /**
   * {@code MADV_COLD}: the range's anonymous pages mapped only here lose their Accessed bits and
   * move to the inactive list, so reclaim takes them first.
   */
  private void cold(long start, long end) {
    tables.forEachPte(start, end, PageTables.LeafVisitor.of(this::coldOne, this::coldHuge));
    tlb.flushRange(start, end);
  }

  private long coldOne(long va, long pte) {
    long pfn = X86Paging.pteToPfn(pte);
    if (!exclusiveSmallAnon(pte)) {
      return pte;
    }
    deactivate(pfn);
    return pte & ~PTE_A;
  }

  /** Moves an anonymous frame that is still allocated to the inactive list. */
  private void deactivate(long pfn) {
    if (lru != null && memory.owner(pfn) == FrameOwner.ANON) {
      lru.deactivate(pfn);
    }
  }

  /** Allocates an anonymous frame and puts it on the inactive anon list; -1 if none is free. */
  private long newAnon() {
    long pfn = memory.allocate(FrameOwner.ANON, false);
    if (pfn >= 0 && lru != null) {
      lru.add(pfn);
    }
    return pfn;
  }

  /** Frees an anonymous frame and takes it off its anon list. */
  private void freeAnon(long pfn) {
    if (lru != null) {
      lru.remove(pfn);
    }
    memory.free(pfn);
  }

  /** Drops a swap entry's slot reference ({@code free_swap_and_cache}). */
  private void dropSwapEntry(long pte) {
    long slot = X86Paging.pteToPfn(pte);
    swap.free(slot);
    addMmCounter(RssStat.MM_SWAPENTS, -1);
    long cached = swap.cachedPfn(slot);
    if (swap.useCount(slot) == 0 && cached >= 0 && memory.mapCount(cached) == 0) {
      swap.deleteFromCache(slot);
      freeAnon(cached);
    }
  }

  // ---------------------------------------------------------------- views

  /** The page tables. */
  public PageTables tables() {
    return tables;
  }

  /** The TLB of this address space. */
  public Tlb tlb() {
    return tlb;
  }

  /** The VMAs in address order. */
  public Collection<Vma> vmas() {
    return vmas.values();
  }

  /** {@code mmap_base}. */
  public long mmapBase() {
    return mmapBase;
  }

  /** The start of the heap ({@code mm->start_brk}). */
  public long startBrk() {
    return startBrk;
  }

  /** The program break ({@code mm->brk}). */
  public long brk() {
    return brk;
  }

  /** Sets where the heap starts, right after the program's data ({@code set_brk} at exec). */
  public void setStartBrk(long address) {
    this.startBrk = address;
    this.brk = address;
  }

  /** Resident private anonymous pages (RssAnon). */
  public long rssAnon() {
    return rssAnon;
  }

  /** Resident file pages (RssFile). */
  public long rssFile() {
    return rssFile;
  }

  /** Resident shared-memory pages (RssShmem). */
  public long rssShmem() {
    return rssShmem;
  }

  /** Resident pages, exactly: VmRSS ({@code get_mm_counter_sum} of the three RSS counters). */
  public long rss() {
    return rssAnon + rssFile + rssShmem;
  }

  /**
   * Gives this address space per-CPU page counters on the machine's CPUs ({@code mm_init}); until
   * then {@link #mmCounter} is exact.
   *
   * @param cpus the machine's CPUs
   */
  public void setCpus(Cpus cpus) {
    this.cpus = cpus;
    this.rssStat = new RssStat(cpus);
  }

  /**
   * {@code get_mm_counter}: a counter as its global count has it, without the deltas still held per
   * CPU (see {@link RssStat}). {@code oom_badness}, the OOM report and {@code /proc/PID/stat} read
   * this.
   *
   * @param member one of the {@code RssStat.MM_*} counters
   */
  public long mmCounter(int member) {
    long exact =
        switch (member) {
          case RssStat.MM_FILEPAGES -> rssFile;
          case RssStat.MM_ANONPAGES -> rssAnon;
          case RssStat.MM_SWAPENTS -> swapents;
          case RssStat.MM_SHMEMPAGES -> rssShmem;
          default -> throw new IllegalArgumentException("AddressSpace.mmCounter: member " + member);
        };
    return rssStat == null ? exact : rssStat.read(member, exact);
  }

  /** {@code get_mm_rss}: the file, anon and shmem counters as {@link #mmCounter} reads them. */
  public long mmRss() {
    return mmCounter(RssStat.MM_FILEPAGES)
        + mmCounter(RssStat.MM_ANONPAGES)
        + mmCounter(RssStat.MM_SHMEMPAGES);
  }

  /**
   * {@code add_mm_counter}: the exact count moves at once; the per-CPU delta moves now, or once for
   * the whole batch while one is open ({@link #endRssBatch}).
   */
  private void addMmCounter(int member, long delta) {
    switch (member) {
      case RssStat.MM_FILEPAGES -> rssFile += delta;
      case RssStat.MM_ANONPAGES -> rssAnon += delta;
      case RssStat.MM_SWAPENTS -> swapents += delta;
      case RssStat.MM_SHMEMPAGES -> rssShmem += delta;
      default -> throw new IllegalArgumentException("AddressSpace.addMmCounter: member " + member);
    }
    if (rssStat == null || delta == 0) {
      return;
    }
    if (rssBatchDepth > 0) {
      rssBatch[member] += delta;
    } else {
      rssStat.add(member, delta);
    }
  }

  /**
   * Starts collecting counter updates, as {@code filemap_map_pages}, {@code zap_pte_range} and
   * {@code copy_pte_range} do in a local {@code rss[]} array.
   */
  private void beginRssBatch() {
    if (rssBatchDepth++ == 0 && rssStat != null) {
      if (rssBatch == null) {
        rssBatch = new long[RssStat.NR_MM_COUNTERS];
      }
      java.util.Arrays.fill(rssBatch, 0);
    }
  }

  /**
   * Runs {@code body} with the counter updates of {@code mm} collected and added once per counter
   * at its end.
   */
  private static <T> T rssBatched(AddressSpace mm, java.util.function.Supplier<T> body) {
    mm.beginRssBatch();
    try {
      return body.get();
    } finally {
      mm.endRssBatch();
    }
  }

  /** {@code add_mm_rss_vec}: one update per counter for what the batch collected. */
  private void endRssBatch() {
    if (--rssBatchDepth == 0 && rssStat != null) {
      for (int member = 0; member < RssStat.NR_MM_COUNTERS; member++) {
        if (rssBatch[member] != 0) {
          rssStat.add(member, rssBatch[member]);
        }
      }
    }
  }

  /**
   * VmHWM in pages: the peak RSS, as {@code /proc} reports it (the recorded peak or the current
   * RSS).
   */
  public long hiwaterRss() {
    return Math.max(hiwaterRss, rss());
  }

  /** VmPeak in pages. */
  public long hiwaterVm() {
    return Math.max(hiwaterVm, totalVm());
  }

  /** VmSize in pages ({@code total_vm}). */
  public long totalVm() {
    long pages = 0;
    for (Vma v : vmas.values()) {
      pages += v.pages();
    }
    return pages;
  }

  /** VmStk in pages ({@code stack_vm}: areas that grow down). */
  public long stackVm() {
    long pages = 0;
    for (Vma v : vmas.values()) {
      pages += v.growsDown() ? v.pages() : 0;
    }
    return pages;
  }

  /** VmData in pages ({@code data_vm}: private writable areas that are not stacks). */
  public long dataVm() {
    long pages = 0;
    for (Vma v : vmas.values()) {
      pages += (!v.shared() && v.prot().write() && !v.growsDown()) ? v.pages() : 0;
    }
    return pages;
  }

  /** VmExe plus VmLib in pages ({@code exec_vm}: executable, non-writable, non-stack areas). */
  public long execVm() {
    long pages = 0;
    for (Vma v : vmas.values()) {
      pages += (v.prot().exec() && !v.prot().write() && !v.growsDown()) ? v.pages() : 0;
    }
    return pages;
  }

  /** Pages this address space has committed (its share of Committed_AS). */
  public long committedPages() {
    long pages = 0;
    for (Vma v : vmas.values()) {
      pages += v.accountable() ? v.pages() : 0;
    }
    return pages;
  }

  /** The VMA containing {@code address}, or null; never grows a stack. */
  public Vma vmaAt(long address) {
    Vma cached = lastFound;
    if (cached != null && cached.contains(address)) {
      return cached;
    }
    Map.Entry<Long, Vma> e = vmas.floorEntry(address);
    if (e == null || !e.getValue().contains(address)) {
      return null;
    }
    lastFound = e.getValue();
    return lastFound;
  }

  // ---------------------------------------------------------------- mmap

  /**
   * {@code mmap}: creates a VMA, and nothing else; its pages come on first touch.
   *
   * @param hint where to map (a hint, or the exact place with {@code fixed}), 0 for anywhere
   * @param length the length in bytes, rounded up to whole pages
   * @param file the file, or null for anonymous memory; for a shared anonymous mapping the caller
   *     passes a {@link MappedFile#sharedAnonymous} object
   * @param offset the file offset in bytes (page aligned)
   * @param name the name maps prints for an anonymous area
   * @return the start of the new area
   */
  public long mmap(
      long hint,
      long length,
      Prot prot,
      boolean shared,
      boolean fixed,
      MappedFile file,
      long offset,
      String name)
      throws SyscallException {
    if (length == 0 || (offset & (PAGE_SIZE - 1)) != 0) {
      throw new SyscallException(
          "mmap", Errno.EINVAL, length == 0 ? "length 0" : "offset unaligned");
    }
    long len = Layout.pageAlign(length);
    long taskSize = Layout.taskSizeMax(tables.mode());
    if (len == 0 || Long.compareUnsigned(len, taskSize) > 0) {
      throw new SyscallException("mmap", Errno.ENOMEM, "length larger than the address space");
    }
    long start =
        fixed ? checkFixed(hint, len, taskSize) : unmappedArea(hint, len, shared, file, offset);
    if (vmas.size() >= Layout.MAX_MAP_COUNT) {
      throw new SyscallException("mmap", Errno.ENOMEM, "vm.max_map_count reached");
    }
    Vma vma = new Vma(start, start + len, prot, shared, file, offset >>> 12, name, false, false);
    if (vma.accountable() && !commitPolicy.mayCommit(vma.pages(), totalVm())) {
      throw new SyscallException("mmap", Errno.ENOMEM, "the kernel would not commit the memory");
    }
    if (fixed) {
      checkHugetlbSplit("mmap", start, start + len);
      unmapRange(start, start + len);
    }
    insertMerged(vma);
    return start;
  }

  private long checkFixed(long addr, long len, long taskSize) throws SyscallException {
    if ((addr & (PAGE_SIZE - 1)) != 0) {
      throw new SyscallException("mmap", Errno.EINVAL, "MAP_FIXED address not page aligned");
    }
    if (Long.compareUnsigned(addr, taskSize - len) > 0) {
      throw new SyscallException("mmap", Errno.ENOMEM, "MAP_FIXED range beyond TASK_SIZE");
    }
    if (Long.compareUnsigned(addr, Layout.MMAP_MIN_ADDR) < 0) {
      throw new SyscallException("mmap", Errno.EPERM, "address below vm.mmap_min_addr");
    }
    return addr;
  }

  /**
   * {@code __get_unmapped_area}: a free hint, else top-down, THP-aligned for big anonymous areas.
   */
  private long unmappedArea(long hint, long len, boolean shared, MappedFile file, long offset)
      throws SyscallException {
    long addr = Layout.pageAlign(hint);
    if (hint != 0
        && Long.compareUnsigned(addr, Layout.MMAP_MIN_ADDR) >= 0
        && Long.compareUnsigned(addr, Layout.DEFAULT_MAP_WINDOW - len) <= 0
        && isFree(addr, addr + len)) {
      return addr;
    }
    long off = file == null ? 0 : offset;
    // 6.18 __get_unmapped_area: thp_get_unmapped_area_vmflags for private anonymous memory with no
    // hint and a length that is a multiple of PMD_SIZE, whatever transparent_hugepage/enabled says.
    boolean anonThp = file == null && !shared && hint == 0 && len % PMD_SIZE == 0;
    // ext4's get_unmapped_area is thp_get_unmapped_area: PMD-aligned when a whole PMD fits.
    long offAlign = (off + PMD_SIZE - 1) & ~(PMD_SIZE - 1);
    boolean fileThp = file != null && !file.shmem() && off + len - offAlign >= PMD_SIZE;
    if (anonThp || fileThp) {
      long padded = topDown(len + PMD_SIZE);
      if (padded >= 0) {
        long offSub = (off - padded) & (PMD_SIZE - 1);
        return offSub == 0 ? padded + PMD_SIZE : padded + offSub;
      }
    }
    long start = topDown(len);
    if (start < 0) {
      throw new SyscallException("mmap", Errno.ENOMEM, "no gap of " + len + " bytes");
    }
    return start;
  }

  /**
   * {@code unmapped_area_topdown}: the highest gap below mmap_base that holds {@code len} bytes.
   */
  private long topDown(long len) {
    long gapEnd = mmapBase;
    for (Vma v : vmas.headMap(mmapBase, false).descendingMap().values()) {
      long limit = v.growsDown() ? v.start() - Layout.STACK_GUARD_GAP : v.start();
      if (Long.compareUnsigned(v.end(), gapEnd) <= 0 && gapEnd - v.end() >= len) {
        return gapEnd - len;
      }
      gapEnd = Math.min(gapEnd, limit);
    }
    return gapEnd - Layout.MMAP_MIN_ADDR >= len ? gapEnd - len : -1;
  }

  private boolean isFree(long start, long end) {
    Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
    return below == null || Long.compareUnsigned(below.getValue().end(), start) <= 0;
  }

  // ---------------------------------------------------------------- munmap, mprotect, brk

  /** {@code munmap}: removes the pages and VMAs in the range; partial unmaps split VMAs. */
  public void munmap(long addr, long length) throws SyscallException {
    long len = Layout.pageAlign(length);
    long taskSize = Layout.taskSizeMax(tables.mode());
    if ((addr & (PAGE_SIZE - 1)) != 0
        || length == 0
        || Long.compareUnsigned(addr, taskSize) > 0
        || Long.compareUnsigned(len, taskSize - addr) > 0) {
      throw new SyscallException("munmap", Errno.EINVAL, "bad range");
    }
    checkHugetlbSplit("munmap", addr, addr + len);
    unmapRange(addr, addr + len);
  }

  /**
   * {@code do_vmi_munmap}: split, zap the pages, drop the VMAs, free the page tables of the hole.
   */
  private void unmapRange(long start, long end) {
    List<Vma> hit = overlapping(start, end);
    if (hit.isEmpty()) {
      return;
    }
    hiwaterRss = Math.max(hiwaterRss, rss());
    hiwaterVm = Math.max(hiwaterVm, totalVm());
    List<Vma> kept = new ArrayList<>();
    for (Vma v : hit) {
      if (Long.compareUnsigned(v.start(), start) < 0) {
        kept.add(v.slice(v.start(), start));
      }
      if (Long.compareUnsigned(v.end(), end) > 0) {
        kept.add(v.slice(end, v.end()));
      }
    }
    long from = Math.max(start, hit.get(0).start());
    long to = Math.min(end, hit.get(hit.size() - 1).end());
    for (Vma v : hit) {
      if (v.hugetlb() != null) {
        huge.unmap(v, Math.max(start, v.start()), Math.min(end, v.end()), true);
      }
    }
    splitHugePmdAt(from);
    splitHugePmdAt(to);
    zap(from, to);
    replace(hit, kept);
    Map.Entry<Long, Vma> prev = vmas.lowerEntry(from);
    Map.Entry<Long, Vma> next = vmas.ceilingEntry(to);
    long floor = prev == null ? 0 : prev.getValue().end();
    long ceiling = next == null ? 0 : next.getValue().start();
    tables.freeRange(from, to, floor, ceiling);
    tlb.flushRange(from, to);
  }

  /** Clears every entry in the range and drops the pages it mapped ({@code zap_pte_range}). */
  private void zap(long start, long end) {
    rssBatched(
        this,
        () -> {
          zapBatched(start, end);
          return null;
        });
  }

  /** {@link #zap} with its counter updates collected. */
  private void zapBatched(long start, long end) {
    tables.forEachPte(
        start,
        end,
        PageTables.LeafVisitor.of(
            (va, pte) -> {
              if (isSwapEntry(pte)) {
                dropSwapEntry(pte);
              } else {
                unmapFrame(X86Paging.pteToPfn(pte));
              }
              return 0;
            },
            (va, level, entry) -> isFilePmd(entry) ? zapFilePmd(entry) : zapHugePmd(va, entry)));
  }

  /** {@code mprotect}: changes the protection of whole pages; the range must be fully mapped. */
  public void mprotect(long addr, long length, Prot prot) throws SyscallException {
    if ((addr & (PAGE_SIZE - 1)) != 0) {
      throw new SyscallException("mprotect", Errno.EINVAL, "address not page aligned");
    }
    if (length == 0) {
      return;
    }
    long end = addr + Layout.pageAlign(length);
    if (Long.compareUnsigned(end, addr) <= 0) {
      throw new SyscallException("mprotect", Errno.ENOMEM, "range wraps around");
    }
    List<Vma> hit = overlapping(addr, end);
    if (hit.isEmpty() || !covers(hit, addr, end)) {
      throw new SyscallException("mprotect", Errno.ENOMEM, "range not fully mapped");
    }
    checkHugetlbSplit("mprotect", addr, end);
    long extra = 0;
    for (Vma v : hit) {
      long pages = (Math.min(end, v.end()) - Math.max(addr, v.start())) >>> 12;
      extra += (!v.accountable() && v.withProt(prot).accountable()) ? pages : 0;
    }
    if (extra > 0 && !commitPolicy.mayCommit(extra, totalVm())) {
      throw new SyscallException(
          "mprotect", Errno.ENOMEM, "the kernel would not commit the memory");
    }
    splitHugePmdAt(addr);
    splitHugePmdAt(end);
    replace(hit, splitChange(hit, addr, end, v -> v.withProt(prot)));
    for (Vma v : overlapping(addr, end)) {
      if (v.hugetlb() != null) {
        huge.reprotect(v);
        continue;
      }
      tables.forEachPte(
          v.start(),
          v.end(),
          PageTables.LeafVisitor.of(
              (va, pte) -> reprotect(v, pte), (va, level, entry) -> reprotectHuge(v, entry)));
    }
    mergeAround(addr, end);
    tlb.flushRange(addr, end);
  }

  /** The entry with the protection of its (new) VMA, as {@code change_pte_range} makes it. */
  private long reprotect(Vma v, long pte) {
    if (isSwapEntry(pte)) {
      return pte;
    }
    long pfn = X86Paging.pteToPfn(pte);
    if (!v.prot().read() && !v.prot().write() && !v.prot().exec()) {
      return (pte & ~PTE_P) | PageTables.PTE_PROTNONE;
    }
    long entry = (pte | PTE_P) & ~PageTables.PTE_PROTNONE;
    entry = v.prot().exec() ? entry & ~PTE_NX : entry | PTE_NX;
    boolean writable =
        v.prot().write()
            && (v.shared()
                ? (pte & PTE_D) != 0
                : pfn != zeroPfn && isAnonymous(pfn) && mapCount(pfn) == 1);
    return writable ? entry | PTE_RW : entry & ~PTE_RW;
  }

  /**
   * {@code brk}: moves the program break. Returns the new break, or the old one if the request was
   * refused (below the heap start, into another mapping, or not committable), as the system call
   * does.
   */
  public long brk(long newBrk) {
    if (Long.compareUnsigned(newBrk, startBrk) < 0) {
      return brk;
    }
    long oldEnd = Layout.pageAlign(brk);
    long newEnd = Layout.pageAlign(newBrk);
    if (newEnd == oldEnd) {
      brk = newBrk;
    } else if (Long.compareUnsigned(newEnd, oldEnd) < 0) {
      unmapRange(newEnd, oldEnd);
      brk = newBrk;
    } else if (isFree(oldEnd, newEnd + PAGE_SIZE)
        && commitPolicy.mayCommit((newEnd - oldEnd) >>> 12, totalVm())) {
      insertMerged(new Vma(oldEnd, newEnd, Prot.RW, false, null, 0, "[heap]", false, false));
      brk = newBrk;
    }
    return brk;
  }

  /**
   * Maps the initial stack: {@link Layout#INITIAL_STACK} below {@link Layout#DEFAULT_MAP_WINDOW}.
   */
  public void mapInitialStack() {
    long top = Layout.DEFAULT_MAP_WINDOW;
    insertMerged(
        new Vma(top - Layout.INITIAL_STACK, top, Prot.RW, false, null, 0, "[stack]", true, false));
  }

  /**
   * {@code madvise}: the range must be mapped. {@code MADV_DONTNEED} zaps its pages (the tables
   * stay, as {@code zap_page_range_single} leaves them); the other advices only matter for file
   * readahead, which anonymous memory does not have.
   */
  public void madvise(long addr, long length, Madvice advice) throws SyscallException {
    if ((addr & (PAGE_SIZE - 1)) != 0) {
      throw new SyscallException("madvise", Errno.EINVAL, "address not page aligned");
    }
    long end = addr + Layout.pageAlign(length);
    if (length == 0) {
      return;
    }
    List<Vma> hit = overlapping(addr, end);
    if (hit.isEmpty() || !covers(hit, addr, end)) {
      throw new SyscallException("madvise", Errno.ENOMEM, "range not fully mapped");
    }
    if (hugetlbAdvice(hit, addr, end, advice)) {
      return;
    }
    if (advice != Madvice.WILLNEED) {
      // A VMA split (vma_adjust_trans_huge) or a partial zap, cold or pageout splits the PMD.
      splitHugePmdAt(addr);
      splitHugePmdAt(end);
    }
    if (advice == Madvice.DONTNEED) {
      hiwaterRss = Math.max(hiwaterRss, rss());
      zap(addr, end);
      tlb.flushRange(addr, end);
    } else if (advice == Madvice.PAGEOUT) {
      pageout(addr, end);
    } else if (advice == Madvice.COLD) {
      cold(addr, end);
    } else if (advice == Madvice.RANDOM
        || advice == Madvice.SEQUENTIAL
        || advice == Madvice.NORMAL) {
      setReadAdvice(hit, addr, end, advice);
    } else if (advice == Madvice.HUGEPAGE || advice == Madvice.NOHUGEPAGE) {
      ThpAdvice flag = advice == Madvice.HUGEPAGE ? ThpAdvice.HUGEPAGE : ThpAdvice.NOHUGEPAGE;
      replace(hit, splitChange(hit, addr, end, v -> v.withThpAdvice(flag)));
      mergeAround(addr, end);
    }
  }

  /** {@code madvise_update_vma}: splits the areas at the range's ends and sets the advice. */
  private void setReadAdvice(List<Vma> hit, long addr, long end, Madvice advice) {
    replace(hit, splitChange(hit, addr, end, v -> v.withReadAdvice(advice)));
    mergeAround(addr, end);
  }

  /**
   * {@code split_vma} at both ends of {@code [addr, end)}: the parts of {@code hit} outside the
   * range unchanged, the part inside it changed by {@code change}.
   */
  private static List<Vma> splitChange(
      List<Vma> hit, long addr, long end, java.util.function.UnaryOperator<Vma> change) {
    List<Vma> pieces = new ArrayList<>();
    for (Vma v : hit) {
      long lo = Math.max(addr, v.start());
      long hi = Math.min(end, v.end());
      if (v.start() != lo) {
        pieces.add(v.slice(v.start(), lo));
      }
      pieces.add(change.apply(v.slice(lo, hi)));
      if (v.end() != hi) {
        pieces.add(v.slice(hi, v.end()));
      }
    }
    return pieces;
  }

  // ---------------------------------------------------------------- fork and exit

  /**
   * {@code dup_mmap}: a copy of this address space for a child. Private pages become copy-on-write
   * in both: their entries lose RW and each frame is mapped once more.
   *
   * @return the child's address space, or null if no frame was free for its tables
   */
  public AddressSpace fork(int tlbEntries) {
    AddressSpace child = create(memory, cache, zeroPfn, tables.mode(), tlbEntries, commitPolicy);
    if (child == null) {
      return null;
    }
    child.startBrk = startBrk;
    child.brk = brk;
    child.raPages = raPages;
    child.swap = swap;
    child.lru = lru;
    if (rmap != null) {
      child.rmap = rmap;
      child.anonVma = anonVma;
      anonVma.join(child);
    }
    child.thp = thp;
    child.thpDisabled = thpDisabled;
    if (cpus != null) {
      child.setCpus(cpus);
    }
    for (Vma v : vmas.values()) {
      child.put(v);
    }
    long[] copied = new long[4];
    for (Vma v : vmas.values()) {
      // vma_needs_copy: only an area with an anon_vma (no VM_PFNMAP, VM_MIXEDMAP or uffd-wp here).
      boolean ok =
          !v.anonVma()
              || mirrorTables(child, tables.mode().levels(), v.start(), v.end())
                  && (v.hugetlb() != null
                      ? huge.copyTo(child.huge, v, copied)
                      : copyRange(child, v, copied));
      if (!ok) {
        child.destroy();
        return null;
      }
    }
    child.forkCopy =
        new ForkCopy(
            copied[0], copied[1], copied[2], copied[3], child.tables.pgtablesBytes() >> 12);
    tlb.flushAll();
    return child;
  }

  /**
   * What the {@code fork} that made this address space copied ({@link ForkCopy#NONE} for one made
   * by {@code execve}).
   */
  public ForkCopy forkCopy() {
    return forkCopy;
  }

  /**
   * The table allocations of {@code copy_p4d_range}, {@code copy_pud_range} and {@code
   * copy_pmd_range}: below every parent entry at {@code level} in {@code [start, end)} that points
   * to a lower table, the child gets that lower table too, even if it will stay empty.
   *
   * @return false if the child ran out of frames for tables
   */
  private boolean mirrorTables(AddressSpace child, int level, long start, long end) {
    long span = 1L << (12 + 9 * (level - 1));
    for (long va = start; Long.compareUnsigned(va, end) < 0; ) {
      long next = (va & -span) + span;
      long entry = tables.readEntry(va, level);
      if (entry != 0 && (entry & Pte.PTE_PS) == 0 && X86Paging.isPresent(entry)) {
        long hi = next == 0 || Long.compareUnsigned(next, end) > 0 ? end : next;
        if (child.tables.tableAt(va, level - 1, true) == null
            || level > 2 && !mirrorTables(child, level - 1, va, hi)) {
          return false;
        }
      }
      if (next == 0) {
        break;
      }
      va = next;
    }
    return true;
  }

  /**
   * {@code copy_pte_range} for one VMA, counting into {@code copied} (PTEs, swap PTEs, huge PMDs);
   * false if the child ran out of frames for tables.
   */
  private boolean copyRange(AddressSpace child, Vma v, long[] copied) {
    return rssBatched(child, () -> copyRangeBatched(child, v, copied));
  }

  /** {@link #copyRange} with the child's counter updates collected. */
  private boolean copyRangeBatched(AddressSpace child, Vma v, long[] copied) {
    boolean[] ok = {true};
    boolean cow = !v.shared() && v.prot().write();
    PageTables.HugeVisitor hugeCopy =
        (va, level, entry) -> {
          if (isFilePmd(entry)) {
            return entry; // copy_huge_pmd: a file PMD is not copied, the child faults it in again
          }
          copied[2]++;
          return copyHugePmd(child, va, entry, ok);
        };
    tables.forEachPte(
        v.start(),
        v.end(),
        PageTables.LeafVisitor.of(
            (va, pte) -> {
              if (isSwapEntry(pte)) {
                if (!ok[0] || !child.tables.writePte(va, pte)) {
                  ok[0] = false;
                  return pte;
                }
                swap.duplicate(X86Paging.pteToPfn(pte));
                child.addMmCounter(RssStat.MM_SWAPENTS, 1);
                copied[1]++;
                return pte;
              }
              long parentPte = cow ? pte & ~PTE_RW : pte;
              long childPte = parentPte & ~PTE_A;
              if (!ok[0] || !child.tables.writePte(va, childPte)) {
                ok[0] = false;
                return pte;
              }
              child.countMapped(X86Paging.pteToPfn(pte), 1);
              copied[0]++;
              return parentPte;
            },
            hugeCopy));
    return ok[0];
  }

  /** {@code exit_mmap}: drops every page, VMA and table. */
  public void destroy() {
    hiwaterRss = Math.max(hiwaterRss, rss());
    for (Vma v : vmas.values()) {
      if (v.hugetlb() != null) {
        huge.unmap(v, v.start(), v.end(), true);
      }
    }
    zap(0, Layout.taskSizeMax(tables.mode()));
    for (Vma v : vmas.values()) {
      if (v.file() != null) {
        cache.detach(v.file());
        unlink(v);
      }
      if (v.hugetlb() != null) {
        v.hugetlb().detach(memory);
      }
    }
    if (anonVma != null) {
      anonVma.leave(this);
      anonVma = null;
    }
    vmas.clear();
    lastFound = null;
    tables.destroy();
    tlb.flushAll();
  }

  // ---------------------------------------------------------------- FaultContext

  @Override
  public VmaInfo findVma(long address) {
    Vma v = vmaAt(address);
    if (v == null) {
      v = expandStack(address);
    }
    if (v == null) {
      return null;
    }
    if (v != lastInfoOf) {
      lastInfo = v.info();
      lastInfoOf = v;
    }
    return lastInfo;
  }

  /** {@code expand_stack}: grows a stack VMA down to a fault just below it, within RLIMIT_STACK. */
  private Vma expandStack(long address) {
    Map.Entry<Long, Vma> above = vmas.higherEntry(address);
    if (above == null || !above.getValue().growsDown()) {
      return null;
    }
    Vma stack = above.getValue();
    long start = address & ~(PAGE_SIZE - 1);
    if (stack.end() - start > Layout.STACK_RLIMIT) {
      return null;
    }
    Map.Entry<Long, Vma> below = vmas.lowerEntry(address);
    if (below != null && start - below.getValue().end() < Layout.STACK_GUARD_GAP) {
      return null;
    }
    Vma grown = stack.withRange(start, stack.end());
    replace(List.of(stack), List.of(grown));
    return grown;
  }

  @Override
  public long readPte(long address) {
    return tables.readPte(address);
  }

  @Override
  public boolean writePte(long address, long pte) {
    boolean ok = tables.writePte(address, pte);
    tlb.flushPage(address);
    return ok;
  }

  @Override
  public long allocateAnonFrame(long address) {
    long pfn = newAnon();
    if (pfn >= 0) {
      // do_anonymous_page: the new page is zero-filled until a write stores data in it.
      memory.setZeroFilled(pfn, true);
      markAnonVma(address);
      countMapped(pfn, 1);
    }
    return pfn;
  }

  @Override
  public FileFrame filePage(long address) {
    Vma v = vmaAt(address);
    if (v == null || v.file() == null) {
      throw new IllegalStateException(
          "AddressSpace.filePage: no file mapping at 0x" + Long.toHexString(address));
    }
    MappedFile file = v.file();
    long index = v.pgoff() + ((address - v.start()) >>> 12);
    if (file.shmem() || index >= PageCache.pagesOf(cache.size(file))) {
      // Past the end of the file Linux raises SIGBUS; the simulator maps a page, as it always has.
      return cache.getOrRead(file, index);
    }
    Readahead ra = readahead.computeIfAbsent(file, f -> new Readahead(raPages));
    boolean random = v.readAdvice() == Madvice.RANDOM;
    Folio folio = cache.lookup(file, index);
    if (folio != null) {
      if (!cachedFolioFault(v, folio, index)) {
        return null;
      }
      return new FileFrame(folio.pfn(index), false);
    }
    long read = cache.mmapReadahead(file, ra, index, random, v.readAdvice() == Madvice.SEQUENTIAL);
    folio = cache.lookup(file, index);
    if (read < 0 || folio == null) {
      return null;
    }
    cache.waitUptodate(folio);
    return new FileFrame(folio.pfn(index), true);
  }

  /**
   * A read fault at {@code address} of a file area whose folio is cached but still being read:
   * {@code do_async_mmap_readahead} (the next window if the folio carries the mark), then the task
   * sleeps until the read completes ({@code lock_folio_maybe_drop_mmap}); the caller retries the
   * fault.
   *
   * @return true if the task slept (false if the page is not cached or already uptodate)
   */
  public boolean waitOnLockedFolio(long address) {
    Vma v = vmaAt(address);
    MappedFile file = v == null ? null : v.file();
    if (file == null || file.shmem()) {
      return false;
    }
    long index = v.pgoff() + ((address - v.start()) >>> 12);
    Folio folio = cache.lookup(file, index);
    if (folio == null || cache.uptodate(folio)) {
      return false;
    }
    return cachedFolioFault(v, folio, index);
  }

  /**
   * {@code filemap_fault} finding page {@code index} cached in {@code folio}: {@code
   * do_async_mmap_readahead} (one miss less, and the next window if the folio carries the mark),
   * then the task sleeps until a read in flight completes ({@code lock_folio_maybe_drop_mmap}).
   *
   * @return false if frames ran out for the readahead
   */
  private boolean cachedFolioFault(Vma v, Folio folio, long index) {
    Readahead ra = readahead.computeIfAbsent(v.file(), f -> new Readahead(raPages));
    if (cache.mmapHit(v.file(), ra, folio, index, v.readAdvice() == Madvice.RANDOM) < 0) {
      return false;
    }
    cache.waitUptodate(folio);
    return true;
  }

  /** Sets {@code ra_pages} for files opened from now on ({@code read_ahead_kb / 4}). */
  public void setReadAheadPages(int pages) {
    this.raPages = pages;
  }

  /**
   * {@code do_fault_around} and {@code filemap_map_pages} for a read fault at {@code address} in a
   * file area: maps the cached pages of the 16-page window around it (aligned, inside the area and
   * its page table) read-only, a whole large folio when it fits in the area and the page table (as
   * Linux 6.18 does), skipping folios that carry the readahead mark and folios whose read is still
   * in flight ({@code next_uptodate_folio}: not uptodate, or locked).
   *
   * @return true if the faulting page is now mapped (the fault is resolved, a minor one)
   */
  public boolean faultAround(long address) {
    return rssBatched(this, () -> faultAroundBatched(address));
  }

  /** {@link #faultAround} with its counter updates collected. */
  private boolean faultAroundBatched(long address) {
    Vma v = vmaAt(address);
    if (v == null || v.file() == null || !v.prot().read()) {
      return false;
    }
    long page = address & ~(PAGE_SIZE - 1);
    long window = (long) FAULT_AROUND_PAGES * PAGE_SIZE;
    long from = Math.max(page & ~(window - 1), Math.max(v.start(), page & ~(PMD_SIZE - 1)));
    long to = Math.min(Math.min(from + window, v.end()), (page & ~(PMD_SIZE - 1)) + PMD_SIZE);
    long eof = PageCache.pagesOf(cache.size(v.file()));
    boolean first = true;
    for (long va = from; va < to; ) {
      long index = v.pgoff() + ((va - v.start()) >>> 12);
      Folio f = index < eof ? cache.lookup(v.file(), index) : null;
      if (f == null || f.readaheadMark() || !cache.uptodate(f)) {
        va += PAGE_SIZE;
        continue;
      }
      if (first && mapFilePmd(v, f, page, false)) {
        return true; // filemap_map_pmd: the first folio found fills the empty PMD
      }
      first = false;
      long folioStart = va - ((index - f.index()) << 12);
      long folioEnd = folioStart + ((long) f.pages() << 12);
      boolean whole =
          folioStart >= v.start()
              && folioEnd <= v.end()
              && (folioStart & ~(PMD_SIZE - 1)) == ((folioEnd - 1) & ~(PMD_SIZE - 1));
      long lo = whole ? folioStart : va;
      long hi = whole ? folioEnd : Math.min(folioEnd, to);
      if (!mapFolioRange(v, f, lo, hi, false)) {
        return false;
      }
      va = Math.max(va + PAGE_SIZE, Math.min(folioEnd, to));
    }
    return X86Paging.isPresent(tables.readPte(page));
  }

  /**
   * {@code finish_fault} in Linux 6.18: after the fault handler mapped a page-cache page at {@code
   * address}, the rest of its folio that lies in the area and the same page table is mapped too
   * (writable and dirty after a write to a shared mapping).
   *
   * @return the folio if the page mapped at {@code address} is a page-cache page of a file, for the
   *     caller to dirty; null otherwise
   */
  public Folio finishFileFault(long address, boolean write) {
    return rssBatched(this, () -> finishFileFaultBatched(address, write));
  }

  /** {@link #finishFileFault} with its counter updates collected. */
  private Folio finishFileFaultBatched(long address, boolean write) {
    Vma v = vmaAt(address);
    if (v == null || v.file() == null) {
      return null;
    }
    long pte = tables.readPte(address);
    long index = v.pgoff() + ((address - v.start()) >>> 12);
    Folio f = cache.lookup(v.file(), index);
    if (!X86Paging.isPresent(pte) || f == null || X86Paging.pteToPfn(pte) != f.pfn(index)) {
      return null;
    }
    long page = address & ~(PAGE_SIZE - 1);
    long folioStart = page - ((index - f.index()) << 12);
    long lo = Math.max(Math.max(folioStart, v.start()), page & ~(PMD_SIZE - 1));
    long hi = Math.min(folioStart + ((long) f.pages() << 12), v.end());
    hi = Math.min(hi, (page & ~(PMD_SIZE - 1)) + PMD_SIZE);
    mapFolioRange(v, f, lo, hi, write && v.shared());
    return f;
  }

  /** Maps the not-present pages of {@code f} in {@code [lo, hi)}; false if a table was missing. */
  private boolean mapFolioRange(Vma v, Folio f, long lo, long hi, boolean writable) {
    long bits = PTE_P | Pte.PTE_US | PTE_A | (v.prot().exec() ? 0 : PTE_NX);
    bits |= writable ? PTE_RW | PTE_D : 0;
    for (long va = lo; va < hi; va += PAGE_SIZE) {
      if (tables.readPte(va) != 0) {
        continue;
      }
      long pfn = f.pfn(v.pgoff() + ((va - v.start()) >>> 12));
      if (!tables.writePte(va, (pfn << 12) | bits)) {
        return false;
      }
      countMapped(pfn, 1);
      tlb.flushPage(va);
    }
    return true;
  }

  @Override
  public void mapFilePage(long pfn) {
    countMapped(pfn, 1);
  }

  @Override
  public long zeroPagePfn() {
    return zeroPfn;
  }

  /**
   * The frame's map count, plus the PMDs that map its THP ({@code folio_entire_mapcount}), plus,
   * for a swap-cache frame, the swap entries that still hold its slot. The fault handler asks it to
   * decide whether a write may reuse a page; {@code wp_can_reuse_anon_folio} (mm/memory.c) reuses
   * one only if no one else can reach it, and a swap entry of another process (left by swapping out
   * a page shared after fork) still can, so such a page is copied.
   */
  @Override
  public int mapCount(long pfn) {
    Thp.Folio f = thp == null ? null : thp.folioOf(pfn);
    int count = memory.mapCount(pfn) + (f == null ? 0 : f.entireMapcount());
    if (swap == null || swap.cachedPages() == 0) {
      return count;
    }
    long slot = swap.slotOf(pfn);
    return slot < 0 ? count : count + swap.useCount(slot);
  }

  @Override
  public boolean isAnonymous(long pfn) {
    return memory.owner(pfn) == FrameOwner.ANON;
  }

  @Override
  public long copyFrame(long address, long fromPfn) {
    long pfn = allocateAnonFrame(address);
    if (pfn >= 0 && fromPfn != zeroPfn) {
      memory.copyContents(fromPfn, pfn);
    }
    return pfn;
  }

  @Override
  public void unmapFrame(long pfn) {
    if (pfn == zeroPfn) {
      return;
    }
    FrameOwner owner = memory.owner(pfn);
    int left = countMapped(pfn, -1);
    Thp.Folio folio = owner == FrameOwner.ANON && thp != null ? thp.folioOf(pfn) : null;
    if (folio != null) {
      if (folio.entireMapcount() == 0 && folio.ptePages() == 0) {
        thp.free(folio);
      }
    } else if (owner == FrameOwner.ANON && left == 0) {
      long slot = swap == null ? -1 : swap.slotOf(pfn);
      if (slot >= 0) {
        swap.deleteFromCache(slot);
      }
      freeAnon(pfn);
    }
  }

  /** Adds {@code delta} mappings of a frame to its map count and this process's RSS. */
  private int countMapped(long pfn, int delta) {
    if (pfn == zeroPfn) {
      return 0;
    }
    switch (memory.owner(pfn)) {
      case ANON -> addMmCounter(RssStat.MM_ANONPAGES, delta);
      case FILE -> addMmCounter(RssStat.MM_FILEPAGES, delta);
      case SHMEM -> addMmCounter(RssStat.MM_SHMEMPAGES, delta);
      default ->
          throw new IllegalStateException(
              "AddressSpace.countMapped: frame " + pfn + " is owned by " + memory.owner(pfn));
    }
    int count = memory.addMapCount(pfn, delta);
    Thp.Folio f = thp == null ? null : thp.folioOf(pfn);
    if (f != null) {
      thp.pteChanged(f, count, delta);
    }
    return count;
  }

  private void markAnonVma(long address) {
    Vma v = vmaAt(address);
    if (v != null && !v.anonVma()) {
      replace(List.of(v), List.of(v.withAnonVma()));
    }
  }

  // ---------------------------------------------------------------- PMD-mapped file folios

  /** True if {@code entry} is a huge PMD leaf that maps a 2 MiB page-cache folio. */
  private boolean isFilePmd(long entry) {
    return (entry & Pte.PTE_PS) != 0 && memory.owner(X86Paging.pteToPfn(entry)) == FrameOwner.FILE;
  }

  /**
   * {@code do_set_pmd}: maps a whole 2 MiB page-cache folio at {@code address} with one PMD leaf,
   * as {@code filemap_map_pmd} (fault-around) and {@code finish_fault} do when the PMD is empty.
   * The folio must be uptodate and one order-9 block, the area must cover the PMD with file offsets
   * aligned to it ({@code thp_vma_suitable_order}), and THP must not be disabled for it ({@code
   * vma_thp_disabled}: {@code MADV_NOHUGEPAGE}, {@code PR_SET_THP_DISABLE}); the sysfs {@code
   * enabled} mode does not matter. No PTE table is allocated, so VmPTE does not grow.
   *
   * @return true if the leaf now maps the folio
   */
  private boolean mapFilePmd(Vma v, Folio f, long address, boolean write) {
    long haddr = address & -PMD_SIZE;
    boolean suitable = pmdMappable(v, f, haddr) && cache.uptodate(f) && !f.readaheadMark();
    if (!suitable) {
      return false;
    }
    long leaf = (f.pfn(f.index()) << 12) | PTE_P | Pte.PTE_US | PTE_A | Pte.PTE_PS;
    leaf |= (v.prot().exec() ? 0 : PTE_NX) | (write ? PTE_RW | PTE_D : 0);
    if (!tables.writeEntry(haddr, 2, leaf)) {
      return false;
    }
    for (long i = f.index(); i < f.end(); i++) {
      countMapped(f.pfn(i), 1);
    }
    cache.pmdMapChanged(f, 1);
    filePmds++;
    tlb.flushRange(haddr, haddr + PMD_SIZE);
    return true;
  }

  /**
   * Whether a PMD leaf at {@code haddr} may map {@code f}: a 2 MiB block of the page cache, an area
   * that covers the PMD with the folio's file offset there, THP not disabled for the area, and the
   * PMD empty ({@code pmd_none}).
   */
  private boolean pmdMappable(Vma v, Folio f, long haddr) {
    return f.pages() == Thp.HPAGE_PMD_NR
        && cache.pmdFolio(f.pfn(f.index())) == f
        && v.hugetlb() == null
        && v.thpAdvice() != ThpAdvice.NOHUGEPAGE
        && !thpDisabled
        && haddr >= v.start()
        && haddr + PMD_SIZE <= v.end()
        && v.pgoff() + ((haddr - v.start()) >>> 12) == f.index()
        && tables.readEntry(haddr, 2) == 0;
  }

  /**
   * {@code filemap_fault} then {@code finish_fault} for a page of a 2 MiB file folio that
   * fault-around did not map: it carries the readahead mark (the next window is read first), or the
   * fault is a write to a shared area, which takes no fault-around. With the PMD empty the folio is
   * mapped whole, writable and dirty after a write.
   *
   * @return the folio if a PMD now maps it, else null (the 4 KiB path takes the fault)
   */
  public Folio filePmdFault(long address, boolean write) {
    Vma v = vmaAt(address);
    if (v == null || v.file() == null || v.file().shmem() || write && !v.shared()) {
      return null;
    }
    long index = v.pgoff() + ((address - v.start()) >>> 12);
    Folio f = cache.lookup(v.file(), index);
    if (f == null || !pmdMappable(v, f, address & -PMD_SIZE) || !cachedFolioFault(v, f, index)) {
      return null;
    }
    return rssBatched(this, () -> mapFilePmd(v, f, address, write) ? f : null);
  }

  /**
   * {@code wp_huge_pmd} for a write to a read-only PMD-mapped file folio: the PMD is split (for a
   * file folio that only zaps it) and the fault falls back to the 4 KiB path, which copies the page
   * in a private area or maps the folio again, writable, in a shared one.
   *
   * @return true if a leaf was split and the access should be retried
   */
  public boolean splitFilePmdForWrite(long address) {
    long leaf = filePmds == 0 ? 0 : tables.hugeLeaf(address);
    if (leaf == 0 || !isFilePmd(leaf) || (leaf & PTE_RW) != 0) {
      return false;
    }
    splitFilePmd(address, leaf);
    return true;
  }

  /**
   * {@code __split_huge_pmd_locked} for a file folio: the leaf is cleared, not replaced by PTEs,
   * and later faults map the pages again ({@code thp_split_pmd}).
   */
  private void splitFilePmd(long address, long leaf) {
    long haddr = address & -PMD_SIZE;
    tables.writeEntry(haddr, 2, zapFilePmd(leaf));
    if (thp != null) {
      thp.countSplitPmd();
    }
    tlb.flushRange(haddr, haddr + PMD_SIZE);
  }

  /** {@code zap_huge_pmd} for a file folio: drops the mapping of its 512 pages; returns 0. */
  private long zapFilePmd(long leaf) {
    Folio f = cache.pmdFolio(X86Paging.pteToPfn(leaf));
    if (f == null) {
      throw new IllegalStateException(
          "AddressSpace.zapFilePmd: frame "
              + X86Paging.pteToPfn(leaf)
              + " heads no 2 MiB file folio");
    }
    for (long i = f.index(); i < f.end(); i++) {
      countMapped(f.pfn(i), -1);
    }
    cache.pmdMapChanged(f, -1);
    filePmds--;
    return 0;
  }

  // ---------------------------------------------------------------- hugetlb

  /**
   * {@code mmap} with {@code MAP_HUGETLB}: the length is rounded up to whole huge pages, the area
   * is aligned to the page size ({@code hugetlb_get_unmapped_area}), and every page is reserved in
   * the pool at once ({@code hugetlb_reserve_pages}); its pages come on first touch.
   *
   * @param hstate the pool: {@code MAP_HUGE_2MB} or {@code MAP_HUGE_1GB}
   * @return the start of the new area
   * @throws SyscallException EINVAL for a length of 0 or an unaligned {@code MAP_FIXED} address,
   *     ENOMEM when the pool cannot reserve the pages or no gap is large enough
   */
  public long mmapHugetlb(
      long hint, long length, Prot prot, boolean shared, boolean fixed, Hstate hstate)
      throws SyscallException {
    long size = hstate.pageSize();
    if (length == 0) {
      throw new SyscallException("mmap", Errno.EINVAL, "length 0");
    }
    long len = (length + size - 1) & -size;
    long taskSize = Layout.taskSizeMax(tables.mode());
    if (len == 0 || Long.compareUnsigned(len, taskSize) > 0) {
      throw new SyscallException("mmap", Errno.ENOMEM, "length larger than the address space");
    }
    if (fixed && (hint & (size - 1)) != 0) {
      throw new SyscallException("mmap", Errno.EINVAL, "MAP_FIXED address not huge-page aligned");
    }
    long start = fixed ? checkFixed(hint, len, taskSize) : hugetlbArea(hint, len, size);
    if (vmas.size() >= Layout.MAX_MAP_COUNT) {
      throw new SyscallException("mmap", Errno.ENOMEM, "vm.max_map_count reached");
    }
    if (fixed) {
      checkHugetlbSplit("mmap", start, start + len);
    }
    HugetlbFile file = new HugetlbFile(hstate, shared, this);
    long pages = len / size;
    if (!hstate.acctMemory(pages)) {
      throw new SyscallException(
          "mmap",
          Errno.ENOMEM,
          "the " + hstate.name() + " pool cannot reserve " + pages + " pages");
    }
    file.reserve(0, pages);
    if (fixed) {
      unmapRange(start, start + len);
    }
    insertMerged(
        new Vma(
            start,
            start + len,
            prot,
            shared,
            null,
            0,
            "",
            false,
            false,
            Madvice.NORMAL,
            ThpAdvice.NONE,
            file));
    return start;
  }

  /** {@code hugetlb_get_unmapped_area}: an aligned free hint, else the highest aligned gap. */
  private long hugetlbArea(long hint, long len, long size) throws SyscallException {
    long addr = (hint + size - 1) & -size;
    if (hint != 0
        && Long.compareUnsigned(addr, Layout.MMAP_MIN_ADDR) >= 0
        && Long.compareUnsigned(addr, Layout.DEFAULT_MAP_WINDOW - len) <= 0
        && isFree(addr, addr + len)) {
      return addr;
    }
    long gapEnd = mmapBase;
    for (Vma v : vmas.headMap(mmapBase, false).descendingMap().values()) {
      long start = (gapEnd - len) & -size;
      if (Long.compareUnsigned(v.end(), gapEnd) <= 0
          && gapEnd - v.end() >= len
          && Long.compareUnsigned(start, v.end()) >= 0) {
        return start;
      }
      gapEnd = Math.min(gapEnd, v.growsDown() ? v.start() - Layout.STACK_GUARD_GAP : v.start());
    }
    long start = (gapEnd - len) & -size;
    if (gapEnd - Layout.MMAP_MIN_ADDR < len
        || Long.compareUnsigned(start, Layout.MMAP_MIN_ADDR) < 0) {
      throw new SyscallException("mmap", Errno.ENOMEM, "no aligned gap of " + len + " bytes");
    }
    return start;
  }

  /**
   * {@code hugetlb_vm_op_split}: a hugetlb area may only be split at a huge-page boundary.
   *
   * @throws SyscallException EINVAL naming the call if {@code start} or {@code end} would split a
   *     hugetlb area inside a huge page
   */
  private void checkHugetlbSplit(String call, long start, long end) throws SyscallException {
    for (Vma v : overlapping(start, end)) {
      long mask = v.hugePageSize() - 1;
      if (v.hugetlb() != null
          && ((v.contains(start) && (start & mask) != 0)
              || (v.contains(end) && (end & mask) != 0))) {
        throw new SyscallException(
            call, Errno.EINVAL, "the range splits a " + v.hugetlb().hstate().name() + " page");
      }
    }
  }

  /**
   * {@code madvise} on hugetlb areas: {@code MADV_DONTNEED} needs an aligned start and unmaps the
   * whole pages of the range (the end is rounded down); {@code MADV_PAGEOUT} and {@code MADV_COLD}
   * are refused ({@code can_madv_lru_vma}).
   *
   * @return true if the advice was handled here
   */
  private boolean hugetlbAdvice(List<Vma> hit, long addr, long end, Madvice advice)
      throws SyscallException {
    boolean any = hit.stream().anyMatch(v -> v.hugetlb() != null);
    if (!any) {
      return false;
    }
    if (advice == Madvice.PAGEOUT || advice == Madvice.COLD) {
      throw new SyscallException("madvise", Errno.EINVAL, "a hugetlb area is not on the LRU");
    }
    if (advice != Madvice.DONTNEED) {
      checkHugetlbSplit("madvise", addr, end);
      return false;
    }
    for (Vma v : hit) {
      long lo = Math.max(addr, v.start());
      long hi = Math.min(end, v.end());
      if (v.hugetlb() == null) {
        zap(lo, hi);
        continue;
      }
      long size = v.hugePageSize();
      if ((lo & (size - 1)) != 0) {
        throw new SyscallException("madvise", Errno.EINVAL, "start not huge-page aligned");
      }
      hi &= -size;
      if (Long.compareUnsigned(lo, hi) < 0) {
        huge.unmap(v, lo, hi, false);
      }
    }
    tlb.flushRange(addr, end);
    return true;
  }

  /**
   * {@code hugetlb_fault} at {@code address}, which lies in a hugetlb area that permits the access:
   * maps the page from the file or the pool, or breaks copy-on-write.
   */
  public HugetlbFault hugetlbFault(long address, boolean write) {
    Vma v = vmaAt(address);
    if (v == null || v.hugetlb() == null) {
      throw new IllegalStateException(
          "AddressSpace.hugetlbFault: no hugetlb area at 0x" + Long.toHexString(address));
    }
    HugetlbFault result = huge.fault(v, address, write);
    if (result == HugetlbFault.MINOR && !v.shared()) {
      markAnonVma(address); // hugetlb_no_page and hugetlb_wp: anon_vma_prepare in a private area
    }
    return result;
  }

  /**
   * The first frame of the hugetlb page mapped at {@code address}, or -1.
   *
   * @param address an address in a hugetlb area
   */
  public long hugetlbPageAt(long address) {
    Vma v = vmaAt(address);
    if (v == null || v.hugetlb() == null) {
      return -1;
    }
    long entry = tables.readEntry(address & -v.hugePageSize(), v.hugetlb().hstate().leafLevel());
    return entry == 0 ? -1 : X86Paging.pteToPfn(entry);
  }

  /**
   * {@code unmap_ref_private} in this (non-owning) process: unmaps the page {@code pfn} of the
   * hugetlb mapping that {@code owner} maps at {@code address}; this process's later faults there
   * get SIGBUS.
   */
  public void hugetlbUnmapRef(AddressSpace owner, long address, long pfn) {
    Vma v = owner.vmaAt(address);
    if (this != owner && v != null && v.hugetlb() != null) {
      huge.unmapRef(v.hugetlb(), pfn);
    }
  }

  /** HugetlbPages of {@code /proc/pid/status} in pages ({@code mm->hugetlb_usage}). */
  public long hugetlbPages() {
    return huge.usagePages();
  }

  // ---------------------------------------------------------------- VMA bookkeeping

  private List<Vma> overlapping(long start, long end) {
    List<Vma> hit = new ArrayList<>();
    Map.Entry<Long, Vma> first = vmas.lowerEntry(start);
    if (first != null && Long.compareUnsigned(first.getValue().end(), start) > 0) {
      hit.add(first.getValue());
    }
    hit.addAll(vmas.subMap(start, true, end, false).values());
    return hit;
  }

  private static boolean covers(List<Vma> sorted, long start, long end) {
    long at = start;
    for (Vma v : sorted) {
      if (Long.compareUnsigned(v.start(), at) > 0) {
        return false;
      }
      at = v.end();
    }
    return Long.compareUnsigned(at, end) >= 0;
  }

  /** Inserts a VMA and merges it with equal neighbours ({@code vma_merge}). */
  private void insertMerged(Vma vma) {
    put(vma);
    mergeAround(vma.start(), vma.end());
  }

  /** Merges equal neighbours among the VMAs touching {@code [start, end]}. */
  private void mergeAround(long start, long end) {
    Map.Entry<Long, Vma> e = vmas.lowerEntry(start);
    if (e == null) {
      e = vmas.ceilingEntry(start);
    }
    Vma current = e == null ? null : e.getValue();
    while (current != null && Long.compareUnsigned(current.start(), end) <= 0) {
      Map.Entry<Long, Vma> nextEntry = vmas.higherEntry(current.start());
      if (nextEntry == null) {
        return;
      }
      Vma next = nextEntry.getValue();
      if (current.canMergeWith(next)) {
        Vma merged = current.withRange(current.start(), next.end());
        merged = current.anonVma() || next.anonVma() ? merged.withAnonVma() : merged;
        replace(List.of(current, next), List.of(merged));
        current = merged;
      } else {
        current = next;
      }
    }
  }

  /**
   * Replaces VMAs by others, attaching the new ones to their files before detaching the old ones.
   */
  private void replace(List<Vma> old, List<Vma> fresh) {
    for (Vma v : old) {
      vmas.remove(v.start());
      unlink(v);
    }
    for (Vma v : fresh) {
      put(v);
    }
    for (Vma v : old) {
      if (v.file() != null) {
        cache.detach(v.file());
      }
      if (v.hugetlb() != null) {
        v.hugetlb().detach(memory);
      }
    }
    lastFound = null;
  }

  private void put(Vma v) {
    if (v.file() != null) {
      cache.attach(v.file());
      if (rmap != null) {
        rmap.linkFile(this, v);
      }
    }
    if (v.hugetlb() != null) {
      v.hugetlb().attach();
    }
    vmas.put(v.start(), v);
    lastFound = null;
  }

  /** Takes a file area out of its file's {@code i_mmap}. */
  private void unlink(Vma v) {
    if (rmap != null && v.file() != null) {
      rmap.unlinkFile(this, v);
    }
  }

  // ---------------------------------------------------------------- transparent huge pages

  /** The flags of a huge PMD leaf: the 4 KiB flags of a user page plus {@code PS}. */
  private static long hugeBits(Vma v, boolean writable) {
    long bits = PTE_P | Pte.PTE_US | PTE_A | Pte.PTE_PS | (v.prot().exec() ? 0 : PTE_NX);
    return bits | (writable ? PTE_RW | PTE_D : 0);
  }

  /**
   * Sets the machine's THP state; without it every fault maps 4 KiB.
   *
   * @param state the settings, folios and counters of the machine
   */
  public void setThp(Thp state) {
    this.thp = state;
  }

  /** True if some PMD of this address space maps a THP or the huge zero page. */
  public boolean hasHugePmds() {
    return !deposited.isEmpty();
  }

  /** {@code MMF_DISABLE_THP}: set by {@code prctl(PR_SET_THP_DISABLE)}, kept across fork. */
  public boolean thpDisabled() {
    return thpDisabled;
  }

  /**
   * {@code prctl(PR_SET_THP_DISABLE, disabled)}: no new THP for this address space.
   *
   * @param disabled true to forbid THP
   */
  public void setThpDisabled(boolean disabled) {
    this.thpDisabled = disabled;
  }

  /** Pages of PMD-mapped anonymous THPs (smaps {@code AnonHugePages} / 4 KiB). */
  public long anonHugePages() {
    return anonHugePmds * Thp.HPAGE_PMD_NR;
  }

  /**
   * The THP part of {@code __handle_mm_fault} for a fault the VMA permits: an empty PMD in an area
   * where THP is allowed and the aligned 2 MiB block fits gets a THP ({@code
   * do_huge_pmd_anonymous_page}), or the huge zero page for a read; a fault on a huge PMD is a
   * write to a write-protected one ({@code do_huge_pmd_wp_page}) or spurious.
   *
   * @param address the faulting address
   * @param write true for a write fault
   * @param mayCharge false if the memory cgroup cannot take 2 MiB (the fault falls back)
   * @return {@code MINOR} if handled here, {@code OOM} if a page table could not be allocated, or
   *     null for the 4 KiB path (not a THP case, a fallback, or a PMD just split)
   */
  public FaultOutcome hugeFault(long address, boolean write, boolean mayCharge) {
    Vma v = vmaAt(address);
    if (thp == null || v == null || v.file() != null || v.hugetlb() != null) {
      return null;
    }
    long haddr = address & -PMD_SIZE;
    if (!deposited.isEmpty()) {
      long leaf = tables.hugeLeaf(address);
      if (leaf != 0) {
        return hugePmdFault(v, haddr, leaf, write, mayCharge);
      }
    }
    if (!thp.allowed(v.thpAdvice(), thpDisabled)
        || Long.compareUnsigned(haddr, v.start()) < 0
        || Long.compareUnsigned(haddr + PMD_SIZE, v.end()) > 0
        || tables.readEntry(haddr, 2) != 0) {
      return null;
    }
    if (!write && thp.useZeroPage()) {
      return hugeZeroPmd(v, haddr);
    }
    return newHugePmd(v, haddr, mayCharge, false);
  }

  /**
   * {@code __do_huge_pmd_anonymous_page}, or {@code do_huge_zero_wp_pmd} when {@code replaceZero}:
   * a new THP mapped by one writable PMD leaf, a PTE table deposited under it.
   */
  private FaultOutcome newHugePmd(Vma v, long haddr, boolean mayCharge, boolean replaceZero) {
    long head = -1;
    if (mayCharge) {
      head = thp.allocateFolio(v.thpAdvice() == ThpAdvice.HUGEPAGE);
    } else {
      thp.countChargeFallback();
    }
    if (head < 0) {
      return null;
    }
    long table = replaceZero ? 0 : memory.allocate(FrameOwner.PAGE_TABLE, false);
    long entry = (head << 12) | hugeBits(v, v.prot().write());
    if (table < 0 || !tables.writeEntry(haddr, 2, entry)) {
      if (table > 0) {
        memory.free(table);
      }
      thp.free(thp.folioOf(head));
      return FaultOutcome.OOM;
    }
    if (!replaceZero) {
      deposit(haddr, table);
    }
    markAnonVma(haddr);
    addMmCounter(RssStat.MM_ANONPAGES, Thp.HPAGE_PMD_NR);
    anonHugePmds++;
    thp.pmdMapped(thp.folioOf(head));
    thp.countFaultAlloc();
    tlb.flushRange(haddr, haddr + PMD_SIZE);
    return FaultOutcome.MINOR;
  }

  /** {@code set_huge_zero_folio}: a read-only PMD leaf of the huge zero page, a table deposited. */
  private FaultOutcome hugeZeroPmd(Vma v, long haddr) {
    long zero = thp.hugeZeroFolio();
    if (zero < 0) {
      return null;
    }
    long table = memory.allocate(FrameOwner.PAGE_TABLE, false);
    if (table < 0 || !tables.writeEntry(haddr, 2, (zero << 12) | hugeBits(v, false))) {
      if (table >= 0) {
        memory.free(table);
      }
      return FaultOutcome.OOM;
    }
    deposit(haddr, table);
    tlb.flushRange(haddr, haddr + PMD_SIZE);
    return FaultOutcome.MINOR;
  }

  /** {@code pgtable_trans_huge_deposit} and {@code mm_inc_nr_ptes}. */
  private void deposit(long haddr, long table) {
    deposited.put(haddr >>> 21, table);
    tables.countOutsideTable(1, 1);
  }

  /**
   * {@code wp_huge_pmd}/{@code huge_pmd_set_accessed}: a write to the huge zero page gets a THP (or
   * falls back by splitting); a write to a THP mapped only here reuses it; a write to a shared THP
   * splits the PMD and leaves the copy of one 4 KiB page to the PTE path.
   */
  private FaultOutcome hugePmdFault(
      Vma v, long haddr, long leaf, boolean write, boolean mayCharge) {
    if (!X86Paging.isPresent(leaf)) {
      throw new IllegalStateException(
          "AddressSpace.hugePmdFault: a permitted access met a PROT_NONE huge PMD at 0x"
              + Long.toHexString(haddr));
    }
    if (!write || (leaf & PTE_RW) != 0) {
      tables.writeEntry(haddr, 2, leaf | PTE_A | (write ? PTE_D : 0));
      tlb.flushRange(haddr, haddr + PMD_SIZE);
      return FaultOutcome.MINOR;
    }
    long pfn = X86Paging.pteToPfn(leaf);
    if (pfn == thp.hugeZeroPfn()) {
      FaultOutcome done = newHugePmd(v, haddr, mayCharge, true);
      if (done != null) {
        return done;
      }
    } else {
      Thp.Folio f = thp.folioOf(pfn);
      if (f.entireMapcount() == 1 && f.ptePages() == 0) {
        tables.writeEntry(haddr, 2, leaf | PTE_A | PTE_RW | PTE_D);
        tlb.flushRange(haddr, haddr + PMD_SIZE);
        return FaultOutcome.MINOR;
      }
    }
    splitHugePmd(haddr);
    return null;
  }

  /**
   * {@code __split_huge_pmd_locked}: the deposited table goes into the tree with 512 PTEs that map
   * the THP's pages (or the 4 KiB zero page, for the huge zero page) with the leaf's flags; the
   * folio stays whole until it is split ({@code thp_split_pmd}).
   */
  private long splitHugePmd(long haddr) {
    long leaf = tables.readEntry(haddr, 2);
    Long table = deposited.remove(haddr >>> 21);
    if ((leaf & Pte.PTE_PS) == 0 || table == null) {
      throw new IllegalStateException(
          "AddressSpace.splitHugePmd: no huge PMD at 0x" + Long.toHexString(haddr));
    }
    long[] ptes = memory.table(table);
    long flags = leaf & (0xFFFL | PTE_NX) & ~Pte.PTE_PS;
    long pfn = X86Paging.pteToPfn(leaf);
    if (pfn == thp.hugeZeroPfn()) {
      for (int i = 0; i < Thp.HPAGE_PMD_NR; i++) {
        ptes[i] = (zeroPfn << 12) | flags;
      }
    } else {
      Thp.Folio f = thp.folioOf(pfn);
      for (int i = 0; i < Thp.HPAGE_PMD_NR; i++) {
        ptes[i] = ((pfn + i) << 12) | flags;
        thp.pteChanged(f, memory.addMapCount(pfn + i, 1), 1);
      }
      thp.pmdUnmapped(f);
      anonHugePmds--;
    }
    tables.withdrawInto(haddr, table);
    thp.countSplitPmd();
    tlb.flushRange(haddr, haddr + PMD_SIZE);
    return tables.readEntry(haddr, 2);
  }

  /** {@code split_huge_pmd_address}: splits the huge PMD {@code address} falls inside of. */
  private void splitHugePmdAt(long address) {
    if (deposited.isEmpty() && filePmds == 0 || (address & (PMD_SIZE - 1)) == 0) {
      return;
    }
    Vma v = vmaAt(address);
    long leaf = v == null || v.hugetlb() != null ? 0 : tables.hugeLeaf(address);
    if (leaf != 0 && isFilePmd(leaf)) {
      splitFilePmd(address, leaf);
    } else if (leaf != 0 && v.file() == null) {
      splitHugePmd(address & -PMD_SIZE);
    }
  }

  /** Splits every huge PMD in {@code [start, end)}. */
  private void splitHugePmds(long start, long end) {
    if (!deposited.isEmpty()) {
      tables.forEachPte(
          start,
          end,
          PageTables.LeafVisitor.of(
              (va, pte) -> pte, (va, l, e) -> isFilePmd(e) ? e : splitHugePmd(va)));
    }
  }

  /**
   * {@code zap_huge_pmd}: drops a whole huge PMD, frees its deposited table, and frees the THP when
   * nothing maps it any more.
   */
  private long zapHugePmd(long va, long entry) {
    Long table = deposited.remove(va >>> 21);
    if (table == null) {
      throw new IllegalStateException(
          "AddressSpace.zapHugePmd: no deposited table at 0x" + Long.toHexString(va));
    }
    memory.free(table);
    tables.countOutsideTable(1, -1);
    long pfn = X86Paging.pteToPfn(entry);
    if (pfn != thp.hugeZeroPfn()) {
      Thp.Folio f = thp.folioOf(pfn);
      addMmCounter(RssStat.MM_ANONPAGES, -Thp.HPAGE_PMD_NR);
      anonHugePmds--;
      if (thp.pmdUnmapped(f)) {
        thp.free(f);
      }
    }
    return 0;
  }

  /** {@code change_huge_pmd}: a huge PMD with the protection of its (new) VMA. */
  private long reprotectHuge(Vma v, long entry) {
    if (!v.prot().read() && !v.prot().write() && !v.prot().exec()) {
      return (entry & ~PTE_P) | PageTables.PTE_PROTNONE;
    }
    long e = (entry | PTE_P) & ~PageTables.PTE_PROTNONE;
    e = v.prot().exec() ? e & ~PTE_NX : e | PTE_NX;
    long pfn = X86Paging.pteToPfn(entry);
    Thp.Folio f = pfn == thp.hugeZeroPfn() ? null : thp.folioOf(pfn);
    boolean writable =
        v.prot().write() && f != null && f.entireMapcount() == 1 && f.ptePages() == 0;
    return writable ? e | PTE_RW : e & ~PTE_RW;
  }

  /**
   * {@code copy_huge_pmd}: the child maps the same THP (or huge zero page) by a write-protected,
   * old PMD with a table of its own deposited; the parent's PMD is write-protected too.
   */
  private long copyHugePmd(AddressSpace child, long va, long entry, boolean[] ok) {
    long table = ok[0] ? memory.allocate(FrameOwner.PAGE_TABLE, false) : -1;
    long parentEntry = entry & ~PTE_RW;
    if (table < 0 || !child.tables.writeEntry(va, 2, parentEntry & ~PTE_A)) {
      if (table >= 0) {
        memory.free(table);
      }
      ok[0] = false;
      return entry;
    }
    child.deposit(va, table);
    long pfn = X86Paging.pteToPfn(entry);
    if (pfn != thp.hugeZeroPfn()) {
      thp.pmdMapped(thp.folioOf(pfn));
      child.addMmCounter(RssStat.MM_ANONPAGES, Thp.HPAGE_PMD_NR);
      child.anonHugePmds++;
    }
    return parentEntry;
  }

  /**
   * The swap clock meets a huge PMD: a young one loses its Accessed bit and its folio is activated;
   * an old THP mapped only here is split (PMD and folio), so that its pages go to swap one by one
   * on later passes (the kernel, with {@code CONFIG_THP_SWAP}, would swap it out whole).
   */
  private long swapOutHuge(long va, long entry, long[] scanned) {
    long pfn = X86Paging.pteToPfn(entry);
    Thp.Folio f = pfn == thp.hugeZeroPfn() || !X86Paging.isPresent(entry) ? null : thp.folioOf(pfn);
    if (f == null) {
      return entry;
    }
    scanned[0]++;
    if ((entry & PTE_A) != 0) {
      if (lru != null) {
        lru.activate(f.head());
      }
      return entry & ~PTE_A;
    }
    if (f.entireMapcount() != 1 || f.ptePages() != 0) {
      return entry;
    }
    long table = splitHugePmd(va);
    thp.splitFolio(f);
    return table;
  }

  /** {@code MADV_COLD} on a whole huge PMD: old, and its folio deactivated if mapped only here. */
  private long coldHuge(long va, int level, long entry) {
    long pfn = X86Paging.pteToPfn(entry);
    Thp.Folio f = pfn == thp.hugeZeroPfn() ? null : thp.folioOf(pfn);
    if (f != null && f.entireMapcount() == 1 && f.ptePages() == 0 && lru != null) {
      lru.deactivate(f.head());
    }
    return entry & ~PTE_A;
  }

  /**
   * Before reclaim handles a 4 KiB page of a THP folio one page at a time, the folio is split
   * ({@code split_folio} in {@code shrink_folio_list}); not while a PMD maps it.
   *
   * @return false if the page is part of a folio that cannot be split now
   */
  private boolean splitFolioOf(long pfn) {
    Thp.Folio f = thp == null ? null : thp.folioOf(pfn);
    if (f == null) {
      return true;
    }
    if (f.entireMapcount() != 0) {
      return false;
    }
    thp.splitFolio(f);
    return true;
  }

  // ---------------------------------------------------------------- collapse (khugepaged)

  /**
   * {@code alloc_charge_folio} of {@code collapse_huge_page} (mm/khugepaged.c): a fresh order-9
   * folio for a collapse, not yet mapped.
   *
   * @param mayCompact {@code GFP_TRANSHUGE}: the allocation may stall to compact
   * @return its head frame, or -1 if no order-9 block could be had (or THP is not set up)
   */
  public long collapseAllocate(boolean mayCompact) {
    return thp == null ? -1 : thp.allocateCollapseFolio(mayCompact);
  }

  /**
   * Frees a folio from {@link #collapseAllocate} whose collapse failed before it was mapped ({@code
   * folio_put} at the end of {@code collapse_huge_page}).
   *
   * @param head its head frame
   */
  public void collapseRelease(long head) {
    Thp.Folio f = thp == null ? null : thp.folioOf(head);
    if (f == null || f.head() != head) {
      throw new IllegalStateException("AddressSpace.collapseRelease: no THP folio at " + head);
    }
    thp.free(f);
  }

  /**
   * The end of {@code collapse_huge_page} after a successful isolation: {@code
   * __collapse_huge_page_copy} copies each mapped page into the folio (a cleared PTE zero-fills its
   * 4 KiB, counting one more anonymous page, as {@code __collapse_huge_page_copy_succeeded} does),
   * releases the old pages, deposits the old PTE table and maps the folio by a dirty huge PMD,
   * writable if the VMA is ({@code maybe_pmd_mkwrite}); then the TLB is flushed. RssAnon ends 512
   * pages up for the range and VmPTE does not change.
   *
   * @param haddr the 2 MiB-aligned range, inside one anonymous VMA, mapped by a PTE table
   * @param head the folio from {@link #collapseAllocate}
   * @param copy per PTE: true to copy the page it maps, false for an empty or zero-page PTE
   */
  public void collapseInstall(long haddr, long head, boolean[] copy) {
    Vma v = vmaAt(haddr);
    Thp.Folio f = thp == null ? null : thp.folioOf(head);
    long pmd = tables.readEntry(haddr, 2);
    if (v == null
        || v.file() != null
        || v.hugetlb() != null
        || Long.compareUnsigned(haddr + PMD_SIZE, v.end()) > 0
        || (haddr & (PMD_SIZE - 1)) != 0
        || f == null
        || f.head() != head
        || copy.length != Thp.HPAGE_PMD_NR
        || !X86Paging.isPresent(pmd)
        || (pmd & Pte.PTE_PS) != 0) {
      throw new IllegalStateException(
          "AddressSpace.collapseInstall: cannot collapse 0x" + Long.toHexString(haddr));
    }
    hiwaterRss = Math.max(hiwaterRss, rss());
    long[] ptes = memory.table(X86Paging.pteToPfn(pmd));
    for (int i = 0; i < Thp.HPAGE_PMD_NR; i++) {
      long pte = ptes[i];
      boolean mapped = X86Paging.isPresent(pte) || (pte & PageTables.PTE_PROTNONE) != 0;
      long pfn = X86Paging.pteToPfn(pte);
      if (copy[i] != (mapped && pfn != zeroPfn) || (!mapped && pte != 0)) {
        throw new IllegalStateException(
            "AddressSpace.collapseInstall: PTE "
                + i
                + " of 0x"
                + Long.toHexString(haddr)
                + " changed since the isolation");
      }
      ptes[i] = 0;
      if (copy[i]) {
        memory.copyContents(pfn, head + i);
        unmapFrame(pfn);
      }
    }
    long leaf = (head << 12) | hugeBits(v, v.prot().write()) | PTE_D;
    if (!v.prot().read() && !v.prot().write() && !v.prot().exec()) {
      leaf = (leaf & ~PTE_P) | PageTables.PTE_PROTNONE;
    }
    deposited.put(haddr >>> 21, tables.depositUnderLeaf(haddr, leaf));
    addMmCounter(RssStat.MM_ANONPAGES, Thp.HPAGE_PMD_NR);
    anonHugePmds++;
    thp.pmdMapped(f);
    tlb.flushRange(haddr, haddr + PMD_SIZE);
  }

  // ---------------------------------------------------------------- invariants

  /**
   * Checks that VMAs are sorted and disjoint, that every mapped page lies in a VMA, that RSS equals
   * a recount of the page tables, and that the table counters are right.
   */
  public void checkInvariants() {
    long prevEnd = 0;
    for (Vma v : vmas.values()) {
      if (Long.compareUnsigned(v.start(), prevEnd) < 0) {
        throw new IllegalStateException("AddressSpace.checkInvariants: VMAs overlap at " + v);
      }
      prevEnd = v.end();
    }
    long[] counted = new long[FrameOwner.values().length];
    long[] swapped = {0};
    long[] hugetlbPages = {0};
    long[] thpLeaves = {0, 0};
    long[] filePmdLeaves = {0};
    tables.forEachPte(
        0,
        Layout.taskSizeMax(tables.mode()),
        new PageTables.LeafVisitor() {
          @Override
          public long visitHuge(long va, int level, long entry) {
            long pages = huge.checkLeaf(va, level, entry);
            if (pages >= 0) {
              hugetlbPages[0] += pages;
              return entry;
            }
            Vma v = vmaAt(va);
            if (v == null || v.start() > va || v.end() < va + PMD_SIZE || level != 2) {
              throw new IllegalStateException(
                  "AddressSpace.checkInvariants: huge leaf 0x"
                      + Long.toHexString(va)
                      + " is not inside one VMA");
            }
            if (isFilePmd(entry)) {
              counted[FrameOwner.FILE.ordinal()] += Thp.HPAGE_PMD_NR;
              filePmdLeaves[0]++;
              return entry;
            }
            thpLeaves[0]++;
            if (X86Paging.pteToPfn(entry) != thp.hugeZeroPfn()) {
              counted[FrameOwner.ANON.ordinal()] += Thp.HPAGE_PMD_NR;
              thpLeaves[1]++;
            }
            return entry;
          }

          @Override
          public long visit(long va, long pte) {
            if (vmaAt(va) == null) {
              throw new IllegalStateException(
                  "AddressSpace.checkInvariants: page 0x"
                      + Long.toHexString(va)
                      + " is outside every VMA");
            }
            if (isSwapEntry(pte)) {
              swapped[0]++;
              return pte;
            }
            long pfn = X86Paging.pteToPfn(pte);
            if (pfn != zeroPfn) {
              counted[memory.owner(pfn).ordinal()]++;
            }
            return pte;
          }
        });
    check("deposited PTE tables", deposited.size(), thpLeaves[0]);
    check("deposited tables counted in VmPTE", tables.outsideTables(1), thpLeaves[0]);
    check("PMD-mapped THPs", anonHugePmds, thpLeaves[1]);
    check("MM_SWAPENTS", swapents, swapped[0]);
    check("PMD-mapped file folios", filePmds, filePmdLeaves[0]);
    check("hugetlb_usage", huge.usagePages(), hugetlbPages[0]);
    check("RssAnon", rssAnon, counted[FrameOwner.ANON.ordinal()]);
    check("RssFile", rssFile, counted[FrameOwner.FILE.ordinal()]);
    check("RssShmem", rssShmem, counted[FrameOwner.SHMEM.ordinal()]);
    checkPerCpuDeltas();
    tables.checkInvariants();
  }

  /** Each counter's per-CPU deltas stay below a batch per CPU, and no batch is left open. */
  private void checkPerCpuDeltas() {
    if (rssBatchDepth != 0) {
      throw new IllegalStateException(
          "AddressSpace.checkInvariants: " + rssBatchDepth + " counter batches left open");
    }
    for (int member = 0; rssStat != null && member < RssStat.NR_MM_COUNTERS; member++) {
      if (Math.abs(rssStat.pending(member)) > rssStat.maxPending()) {
        throw new IllegalStateException(
            "AddressSpace.checkInvariants: counter "
                + member
                + " holds "
                + rssStat.pending(member)
                + " pages in per-CPU deltas, more than "
                + rssStat.maxPending());
      }
    }
  }

  private static void check(String what, long counter, long recount) {
    if (counter != recount) {
      throw new IllegalStateException(
          "AddressSpace.checkInvariants: "
              + what
              + " is "
              + counter
              + " but a recount finds "
              + recount);
    }
  }
}
