package dev.pagelab.sim.vm;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Transparent Huge Pages for anonymous memory, the machine-wide part: the settings of {@code
 * /sys/kernel/mm/transparent_hugepage/} ({@code enabled}, {@code defrag}, {@code use_zero_page}),
 * the anonymous THP folios and their entire map counts, the deferred split queue, the huge zero
 * folio and the {@code thp_*} vmstat events. Follows {@code mm/huge_memory.c} of Linux 6.18.
 *
 * <p>Representation: a THP is an order-9 block of {@link FrameOwner#ANON} frames whose head frame
 * number (a multiple of 512) keys a {@link Folio}. The folio counts its PMD mappings ({@code
 * folio->_entire_mapcount}); each frame's own map count in {@link PhysicalMemory} counts only the
 * PTEs that map it (the kernel's per-page {@code _mapcount}), so a page's mappings are both added
 * ({@link AddressSpace#mapCount}). The folio is on the anon LRU once, by its head, weighted 512
 * pages ({@link AnonLru#addHuge}). A folio that lost some but not all of its mappings waits on the
 * deferred split queue; {@link #splitDeferred} splits it into 512 order-0 pages and frees those no
 * entry maps ({@code deferred_split_scan}).
 */
public final class Thp {
  /** Pages in a PMD-sized THP ({@code HPAGE_PMD_NR}). */
  public static final int HPAGE_PMD_NR = 512;

  /** {@code HPAGE_PMD_ORDER}. */
  public static final int HPAGE_PMD_ORDER = 9;

  /** {@code transparent_hugepage/enabled}. */
  public enum Enabled {
    /** Every suitable anonymous area. */
    ALWAYS,
    /** Only areas marked {@code MADV_HUGEPAGE}. */
    MADVISE,
    /** Never. */
    NEVER;

    /** The name sysfs shows. */
    public String sysfsName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code transparent_hugepage/defrag}: whether a THP fault may stall to reclaim and compact. */
  public enum Defrag {
    /** Direct reclaim and compaction for every THP fault. */
    ALWAYS,
    /** Never stall; wake kswapd and kcompactd. */
    DEFER,
    /** Stall for {@code MADV_HUGEPAGE} areas, defer for the others. */
    DEFER_MADVISE,
    /** Stall for {@code MADV_HUGEPAGE} areas only (the default). */
    MADVISE,
    /** Never stall. */
    NEVER;

    /** The name sysfs shows ({@code defer+madvise} for {@link #DEFER_MADVISE}). */
    public String sysfsName() {
      return this == DEFER_MADVISE ? "defer+madvise" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code vma_thp_gfp_mask}: true if the allocation carries {@code __GFP_DIRECT_RECLAIM}, so
     * that it may compact before giving up.
     *
     * @param madvised the area has {@code VM_HUGEPAGE}
     */
    public boolean directReclaim(boolean madvised) {
      return switch (this) {
        case ALWAYS -> true;
        case DEFER_MADVISE, MADVISE -> madvised;
        case DEFER, NEVER -> false;
      };
    }
  }

  /** One anonymous THP folio: 512 frames from {@link #head()}. */
  public static final class Folio {
    private final long head;
    private int entireMapcount;
    private int ptePages;
    private boolean deferred;

    Folio(long head) {
      this.head = head;
    }

    /** The first frame. */
    public long head() {
      return head;
    }

    /** PMD entries mapping the whole folio ({@code folio_entire_mapcount}). */
    public int entireMapcount() {
      return entireMapcount;
    }

    /** Pages of the folio that at least one PTE maps. */
    public int ptePages() {
      return ptePages;
    }

    /** True while the folio waits on the deferred split queue. */
    public boolean deferred() {
      return deferred;
    }

    /** Pages counted in {@code NR_ANON_MAPPED}: all 512 while a PMD maps it. */
    int mappedPages() {
      return entireMapcount > 0 ? HPAGE_PMD_NR : ptePages;
    }
  }

  private final PhysicalMemory memory;
  private final AnonLru lru;
  private final Map<Long, Folio> folios = new HashMap<>();
  private final LinkedHashSet<Long> deferredQueue = new LinkedHashSet<>();
  private Enabled enabled;
  private Defrag defrag = Defrag.MADVISE;
  private boolean useZeroPage = true;
  private IntPredicate directCompaction = order -> false;
  private long hugeZeroPfn = -1;
  private long nrAnonThps;
  private long unmappedPages;
  private long faultAlloc;
  private long faultFallback;
  private long faultFallbackCharge;
  private long zeroPageAlloc;
  private long zeroPageAllocFailed;
  private long splitPmd;
  private long splitPage;
  private long deferredSplitPage;
  private long collapseAlloc;
  private long collapseAllocFailed;
  private long scanExceedNonePte;
  private long scanExceedSwapPte;
  private long scanExceedSharePte;

  /**
   * The THP state of one machine.
   *
   * @param memory the frames
   * @param lru the anon lists THP folios join
   * @param enabled {@code transparent_hugepage/enabled} at boot
   */
  public Thp(PhysicalMemory memory, AnonLru lru, Enabled enabled) {
    this.memory = memory;
    this.lru = lru;
    this.enabled = enabled;
  }

  // ---------------------------------------------------------------- settings

  /** {@code transparent_hugepage/enabled}. */
  public Enabled enabled() {
    return enabled;
  }

  /** Writes {@code transparent_hugepage/enabled}. */
  public void setEnabled(Enabled mode) {
    this.enabled = mode;
  }

  /** {@code transparent_hugepage/defrag}. */
  public Defrag defrag() {
    return defrag;
  }

  /** Writes {@code transparent_hugepage/defrag}. */
  public void setDefrag(Defrag mode) {
    this.defrag = mode;
  }

  /** {@code transparent_hugepage/use_zero_page}: read faults map the huge zero page. */
  public boolean useZeroPage() {
    return useZeroPage;
  }

  /** Writes {@code transparent_hugepage/use_zero_page}. */
  public void setUseZeroPage(boolean on) {
    this.useZeroPage = on;
  }

  /**
   * Sets what a THP fault allowed to stall calls when no order-9 block is free ({@code
   * __alloc_pages_direct_compact}); it returns true if it made a block free.
   */
  public void setDirectCompaction(IntPredicate compaction) {
    this.directCompaction = compaction;
  }

  /**
   * {@code __thp_vma_allowable_orders} for a fault in an anonymous private area: never with {@code
   * PR_SET_THP_DISABLE} or {@code VM_NOHUGEPAGE}; otherwise as {@code enabled} says.
   *
   * @param advice the area's THP advice
   * @param processDisabled {@code MMF_DISABLE_THP} of the address space
   */
  public boolean allowed(ThpAdvice advice, boolean processDisabled) {
    if (processDisabled || advice == ThpAdvice.NOHUGEPAGE) {
      return false;
    }
    return enabled == Enabled.ALWAYS
        || (enabled == Enabled.MADVISE && advice == ThpAdvice.HUGEPAGE);
  }

  // ---------------------------------------------------------------- folios

  /**
   * {@code vma_alloc_anon_folio_pmd}: an order-9 anonymous folio on the inactive anon list, or -1
   * (counted as {@code thp_fault_fallback}). A stalling fault ({@code defrag}) compacts once and
   * tries again.
   *
   * @param madvised the area has {@code VM_HUGEPAGE}
   * @return the head frame, or -1
   */
  long allocateFolio(boolean madvised) {
    long head = allocateUnmapped(defrag.directReclaim(madvised));
    if (head < 0) {
      faultFallback++;
    }
    return head;
  }

  /**
   * {@code alloc_charge_folio} for {@code collapse_huge_page} (mm/khugepaged.c): an order-9
   * anonymous folio on the inactive anon list that nothing maps yet, or -1. With {@code
   * GFP_TRANSHUGE} ({@code mayCompact}) a failed attempt compacts once and tries again; {@code
   * GFP_TRANSHUGE_LIGHT} fails at once. Counts nothing: the caller reports {@code
   * thp_collapse_alloc} and {@code _failed} through {@link #countCollapseEvents}.
   *
   * @param mayCompact the allocation may stall for direct compaction
   * @return the head frame, or -1
   */
  long allocateCollapseFolio(boolean mayCompact) {
    return allocateUnmapped(mayCompact);
  }

  /**
   * An order-9 anonymous folio that nothing maps yet, on the inactive anon list; a failed attempt
   * that may stall compacts once and tries again.
   *
   * @return the head frame, or -1
   */
  private long allocateUnmapped(boolean mayCompact) {
    long head = memory.allocate(HPAGE_PMD_ORDER, FrameOwner.ANON, false);
    if (head < 0 && mayCompact && directCompaction.test(HPAGE_PMD_ORDER)) {
      head = memory.allocate(HPAGE_PMD_ORDER, FrameOwner.ANON, false);
    }
    if (head < 0) {
      return -1;
    }
    folios.put(head >>> HPAGE_PMD_ORDER, new Folio(head));
    unmappedPages += HPAGE_PMD_NR;
    if (lru != null) {
      lru.addHuge(head, HPAGE_PMD_NR);
    }
    return head;
  }

  /**
   * Adds the events khugepaged and {@code MADV_COLLAPSE} count ({@code count_vm_event} in
   * mm/khugepaged.c).
   *
   * @param alloc {@code thp_collapse_alloc}
   * @param allocFailed {@code thp_collapse_alloc_failed}
   * @param nonePte {@code thp_scan_exceed_none_pte}
   * @param swapPte {@code thp_scan_exceed_swap_pte}
   * @param sharePte {@code thp_scan_exceed_share_pte}
   */
  public void countCollapseEvents(
      long alloc, long allocFailed, long nonePte, long swapPte, long sharePte) {
    collapseAlloc += alloc;
    collapseAllocFailed += allocFailed;
    scanExceedNonePte += nonePte;
    scanExceedSwapPte += swapPte;
    scanExceedSharePte += sharePte;
  }

  /** Counts a THP mapped by a fault ({@code thp_fault_alloc}, in {@code map_anon_folio_pmd_pf}). */
  void countFaultAlloc() {
    faultAlloc++;
  }

  /** Counts a THP fault that fell back because the memory cgroup could not take 2 MiB. */
  void countChargeFallback() {
    faultFallback++;
    faultFallbackCharge++;
  }

  /** The folio containing {@code pfn}, or null; cheap when there are no THPs. */
  public Folio folioOf(long pfn) {
    return folios.isEmpty() ? null : folios.get(pfn >>> HPAGE_PMD_ORDER);
  }

  /** Every anonymous THP folio, by head frame / 512. */
  public Map<Long, Folio> folios() {
    return java.util.Collections.unmodifiableMap(folios);
  }

  /** A PMD now maps the folio ({@code folio_add_anon_rmap_pmd}): NR_ANON_THPS on the first. */
  void pmdMapped(Folio f) {
    int before = f.mappedPages();
    if (f.entireMapcount++ == 0) {
      nrAnonThps++;
    }
    unmappedPages -= f.mappedPages() - before;
  }

  /**
   * A PMD mapping the folio is gone ({@code folio_remove_rmap_pmd}).
   *
   * @return true if nothing maps the folio any more (the caller frees it)
   */
  boolean pmdUnmapped(Folio f) {
    int before = f.mappedPages();
    if (--f.entireMapcount == 0) {
      nrAnonThps--;
    }
    unmappedPages += before - f.mappedPages();
    return settle(f);
  }

  /**
   * A PTE mapping of one of the folio's pages came or went.
   *
   * @param pageMapcount the page's PTE map count after the change
   * @param delta +1 or -1
   * @return true if nothing maps the folio any more
   */
  boolean pteChanged(Folio f, int pageMapcount, int delta) {
    int before = f.mappedPages();
    if (delta > 0 && pageMapcount == 1) {
      f.ptePages++;
    } else if (delta < 0 && pageMapcount == 0) {
      f.ptePages--;
    }
    unmappedPages += before - f.mappedPages();
    return settle(f);
  }

  /** Queues a partly mapped folio for a deferred split; true if the folio is now unmapped. */
  private boolean settle(Folio f) {
    if (f.entireMapcount == 0 && f.ptePages == 0) {
      return true;
    }
    if (f.entireMapcount == 0 && f.ptePages < HPAGE_PMD_NR && !f.deferred) {
      f.deferred = true;
      deferredQueue.add(f.head);
      deferredSplitPage++;
    }
    return false;
  }

  /** Frees a folio nothing maps ({@code folio_put} of the last reference). */
  void free(Folio f) {
    if (f.entireMapcount != 0 || f.ptePages != 0) {
      throw new IllegalStateException("Thp.free: folio " + f.head + " is still mapped");
    }
    folios.remove(f.head >>> HPAGE_PMD_ORDER);
    if (f.deferred) {
      deferredQueue.remove(f.head);
    }
    unmappedPages -= HPAGE_PMD_NR;
    if (lru != null) {
      lru.remove(f.head);
    }
    memory.free(f.head, HPAGE_PMD_ORDER);
  }

  /**
   * {@code split_huge_page} of a folio no PMD maps: 512 order-0 pages on the folio's LRU list; the
   * pages no PTE maps are freed.
   *
   * @return the pages freed
   */
  long splitFolio(Folio f) {
    if (f.entireMapcount != 0) {
      throw new IllegalStateException("Thp.splitFolio: folio " + f.head + " is PMD-mapped");
    }
    folios.remove(f.head >>> HPAGE_PMD_ORDER);
    if (f.deferred) {
      deferredQueue.remove(f.head);
    }
    boolean active = lru != null && lru.isActive(f.head);
    if (lru != null) {
      lru.remove(f.head);
    }
    long freed = 0;
    for (long pfn = f.head; pfn < f.head + HPAGE_PMD_NR; pfn++) {
      if (memory.mapCount(pfn) == 0) {
        memory.free(pfn);
        freed++;
      } else if (lru != null) {
        lru.add(pfn);
        if (active) {
          lru.activate(pfn);
        }
      }
    }
    unmappedPages -= freed;
    splitPage++;
    return freed;
  }

  /**
   * {@code deferred_split_scan}: splits every queued folio that no PMD maps, freeing its unmapped
   * pages. The simulator runs it when reclaim runs (the kernel's shrinker) and on demand.
   *
   * @return the pages freed
   */
  public long splitDeferred() {
    long freed = 0;
    for (Long head : java.util.List.copyOf(deferredQueue)) {
      Folio f = folios.get(head >>> HPAGE_PMD_ORDER);
      if (f != null && f.entireMapcount == 0) {
        freed += splitFolio(f);
      }
    }
    return freed;
  }

  /** Folios waiting on the deferred split queue. */
  public int deferredSplitQueueLength() {
    return deferredQueue.size();
  }

  // ---------------------------------------------------------------- huge zero folio

  /**
   * {@code mm_get_huge_zero_folio}: the huge zero folio, allocated (zeroed, a kernel block) on
   * first use and kept ({@code thp_zero_page_alloc}).
   *
   * @return its head frame, or -1 if no order-9 block was free ({@code thp_zero_page_alloc_failed})
   */
  long hugeZeroFolio() {
    if (hugeZeroPfn < 0) {
      long pfn = memory.allocate(HPAGE_PMD_ORDER, FrameOwner.KERNEL, false);
      if (pfn < 0) {
        zeroPageAllocFailed++;
        faultFallback++;
        return -1;
      }
      hugeZeroPfn = pfn;
      zeroPageAlloc++;
    }
    return hugeZeroPfn;
  }

  /** The huge zero folio's head frame, or -1 if it was never needed. */
  public long hugeZeroPfn() {
    return hugeZeroPfn;
  }

  /** Kernel frames the huge zero folio holds (0 or 512). */
  public long hugeZeroPages() {
    return hugeZeroPfn < 0 ? 0 : HPAGE_PMD_NR;
  }

  // ---------------------------------------------------------------- counters

  /** {@code NR_ANON_THPS}: anonymous THPs a PMD maps (meminfo AnonHugePages / 2048 kB). */
  public long nrAnonThps() {
    return nrAnonThps;
  }

  /**
   * Frames of THP folios that no entry maps (partly unmapped folios awaiting their split): they are
   * anonymous frames but not in {@code NR_ANON_MAPPED}.
   */
  public long unmappedPages() {
    return unmappedPages;
  }

  /** Counts a PMD split ({@code thp_split_pmd}). */
  void countSplitPmd() {
    splitPmd++;
  }

  /** The {@code thp_*} events of {@code /proc/vmstat}, by name, in the kernel's order. */
  public Map<String, Long> vmstat() {
    Map<String, Long> c = new java.util.LinkedHashMap<>();
    c.put("thp_fault_alloc", faultAlloc);
    c.put("thp_fault_fallback", faultFallback);
    c.put("thp_fault_fallback_charge", faultFallbackCharge);
    c.put("thp_collapse_alloc", collapseAlloc);
    c.put("thp_collapse_alloc_failed", collapseAllocFailed);
    c.put("thp_split_page", splitPage);
    c.put("thp_deferred_split_page", deferredSplitPage);
    c.put("thp_split_pmd", splitPmd);
    c.put("thp_scan_exceed_none_pte", scanExceedNonePte);
    c.put("thp_scan_exceed_swap_pte", scanExceedSwapPte);
    c.put("thp_scan_exceed_share_pte", scanExceedSharePte);
    c.put("thp_zero_page_alloc", zeroPageAlloc);
    c.put("thp_zero_page_alloc_failed", zeroPageAllocFailed);
    return c;
  }

  /**
   * Checks the folios: each is an order-9 block of anonymous frames with a head multiple of 512,
   * its counts agree with the recount given, and the queue holds exactly the partly mapped ones.
   *
   * @param entireRecount PMD entries found per head frame by a walk of every address space
   */
  public void checkInvariants(Map<Long, Integer> entireRecount) {
    long anonThps = 0;
    long unmapped = 0;
    for (Folio f : folios.values()) {
      if ((f.head & (HPAGE_PMD_NR - 1)) != 0) {
        throw new IllegalStateException("Thp.checkInvariants: folio head " + f.head + " unaligned");
      }
      int pte = 0;
      for (long pfn = f.head; pfn < f.head + HPAGE_PMD_NR; pfn++) {
        if (memory.owner(pfn) != FrameOwner.ANON) {
          throw new IllegalStateException(
              "Thp.checkInvariants: frame " + pfn + " of a THP is " + memory.owner(pfn));
        }
        pte += memory.mapCount(pfn) > 0 ? 1 : 0;
      }
      int entire = entireRecount.getOrDefault(f.head, 0);
      if (entire != f.entireMapcount || pte != f.ptePages || entire + pte == 0) {
        throw new IllegalStateException(
            String.format(
                "Thp.checkInvariants: folio %d counts %d PMD and %d PTE-mapped pages, a walk"
                    + " finds %d and %d",
                f.head, f.entireMapcount, f.ptePages, entire, pte));
      }
      boolean partial = entire == 0 && pte < HPAGE_PMD_NR;
      if (partial != f.deferred || deferredQueue.contains(f.head) != f.deferred) {
        throw new IllegalStateException(
            "Thp.checkInvariants: folio " + f.head + " deferred-split state is wrong");
      }
      anonThps += entire > 0 ? 1 : 0;
      unmapped += HPAGE_PMD_NR - f.mappedPages();
    }
    for (Long head : entireRecount.keySet()) {
      if (head != hugeZeroPfn && !folios.containsKey(head >>> HPAGE_PMD_ORDER)) {
        throw new IllegalStateException("Thp.checkInvariants: a PMD maps unknown frame " + head);
      }
    }
    if (anonThps != nrAnonThps
        || unmapped != unmappedPages
        || deferredQueue.size() > folios.size()) {
      throw new IllegalStateException(
          "Thp.checkInvariants: NR_ANON_THPS "
              + nrAnonThps
              + " / unmapped "
              + unmappedPages
              + " but a recount finds "
              + anonThps
              + " / "
              + unmapped);
    }
  }
}
