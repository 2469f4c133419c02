package dev.pagelab.sim.reclaim;

import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.AnonLru;
import dev.pagelab.sim.vm.SwapDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Supplier;

/**
 * The reclaim engine of the one node: kswapd and direct reclaim over the page cache's file LRU
 * lists, following {@code mm/vmscan.c} (see the package description for what is modelled).
 */
public final class Vmscan {
  /** {@code SWAP_CLUSTER_MAX}: the batch reclaim works in and what direct reclaim aims to free. */
  public static final long SWAP_CLUSTER_MAX = 32;

  /**
   * The simulated time kswapd takes from being woken to running ({@code wake_up_interruptible} of a
   * thread whose CPU is idle): 50 µs. A model parameter, not a measurement.
   */
  public static final long KSWAPD_WAKE_NANOS = 50_000;

  /**
   * The simulated CPU time kswapd spends per page it frees: 1 µs (about 4 GB/s of clean page
   * cache). A model parameter, not a measurement.
   */
  public static final long KSWAPD_PAGE_NANOS = 1_000;

  /** {@code DEF_PRIORITY}: the first round scans {@code lru_size >> 12} pages. */
  public static final int DEF_PRIORITY = 12;

  private final PhysicalMemory memory;
  private final PageCache cache;
  private final long lowPages;
  private final long highPages;
  private long pgscanKswapd;
  private long pgscanDirect;
  private long pgstealKswapd;
  private long pgstealDirect;
  private long kswapdWakeups;
  private final SwapDevice swap;
  private final Supplier<List<AddressSpace>> mms;
  private int swappiness = 60;
  private AnonLru lru;
  private long cacheCursor;
  private long pgscanAnon;
  private long pgstealAnon;
  private long nrWriteback;
  private boolean kswapdAwake;
  private long kswapdClock;
  private java.util.function.ToLongFunction<AddressSpace> swapRoom = mm -> Long.MAX_VALUE;

  /**
   * A reclaimer over {@code memory} and {@code cache}.
   *
   * @param memory the frames
   * @param cache the page cache with its LRU lists
   * @param lowPages the sum of the zones' low watermarks: kswapd wakes below it
   * @param highPages the sum of the zones' high watermarks: kswapd reclaims up to it
   * @param swap the swap area, or null for none
   * @param mms the address spaces whose anonymous pages may be swapped out, in fork order
   */
  public Vmscan(
      PhysicalMemory memory,
      PageCache cache,
      long lowPages,
      long highPages,
      SwapDevice swap,
      Supplier<List<AddressSpace>> mms) {
    if (lowPages < 0 || highPages < lowPages) {
      throw new IllegalArgumentException(
          "Vmscan: watermarks low " + lowPages + " high " + highPages);
    }
    this.memory = memory;
    this.cache = cache;
    this.lowPages = lowPages;
    this.highPages = highPages;
    this.swap = swap;
    this.mms = mms;
  }

  /**
   * Sets the anonymous LRU lists: reclaim refills their inactive list and takes freed swap-cache
   * frames off them.
   *
   * @param lists the node's anon lists
   */
  public void setAnonLru(AnonLru lists) {
    this.lru = lists;
  }

  /**
   * Sets how many more pages each address space may swap out ({@code memory.swap.max} of its memory
   * cgroup, as {@code __mem_cgroup_try_charge_swap} enforces it); unlimited by default.
   *
   * @param room the pages an address space may still swap out
   */
  public void setSwapRoom(java.util.function.ToLongFunction<AddressSpace> room) {
    this.swapRoom = room;
  }

  /** {@code vm.swappiness} (0..200). */
  public int swappiness() {
    return swappiness;
  }

  /**
   * Sets {@code vm.swappiness}.
   *
   * @param value 0..200
   */
  public void setSwappiness(int value) {
    if (value < 0 || value > 200) {
      throw new IllegalArgumentException("Vmscan.setSwappiness: " + value + " is not 0..200");
    }
    swappiness = value;
  }

  /** Anonymous pages scanned ({@code pgscan_anon}). */
  public long pgscanAnon() {
    return pgscanAnon;
  }

  /** Anonymous pages swapped out ({@code pgsteal_anon}, {@code pswpout}). */
  public long pgstealAnon() {
    return pgstealAnon;
  }

  /**
   * Pages reclaim found under writeback and skipped, summed over every pass ({@code
   * reclaim_stat.nr_writeback}, which the kernel reports in the {@code
   * mm_vmscan_lru_shrink_inactive} trace event).
   */
  public long nrWriteback() {
    return nrWriteback;
  }

  /** Pages kswapd scanned ({@code pgscan_kswapd}). */
  public long pgscanKswapd() {
    return pgscanKswapd;
  }

  /** Pages direct reclaim scanned ({@code pgscan_direct}). */
  public long pgscanDirect() {
    return pgscanDirect;
  }

  /** Pages kswapd freed ({@code pgsteal_kswapd}). */
  public long pgstealKswapd() {
    return pgstealKswapd;
  }

  /** Pages direct reclaim freed ({@code pgsteal_direct}). */
  public long pgstealDirect() {
    return pgstealDirect;
  }

  /** File pages freed by either ({@code pgsteal_file}). */
  public long pgstealFile() {
    return pgstealKswapd + pgstealDirect - pgstealAnon;
  }

  /** File pages scanned by either ({@code pgscan_file}). */
  public long pgscanFile() {
    return pgscanKswapd + pgscanDirect - pgscanAnon;
  }

  /** Times kswapd was woken and found work ({@code pageoutrun}). */
  public long kswapdWakeups() {
    return kswapdWakeups;
  }

  /**
   * {@code wakeup_kswapd} and {@code balance_pgdat} run to the end at once, without the clock: if
   * free memory is below the low watermark, reclaims until it reaches the high one or nothing more
   * can be freed. The machine runs kswapd on the clock instead ({@link #wakeKswapd}, {@link
   * #runKswapd}); this is for tests and tools that want the end state.
   *
   * @return the pages freed
   */
  public long kswapd() {
    if (memory.freePages() >= lowPages) {
      return 0;
    }
    kswapdWakeups++;
    long freed = 0;
    while (memory.freePages() < highPages) {
      long got = shrinkNode(Math.max(SWAP_CLUSTER_MAX, highPages - memory.freePages()), true);
      if (got == 0) {
        break;
      }
      freed += got;
    }
    return freed;
  }

  /**
   * {@code wakeup_kswapd}: an allocation at {@code now} left free memory below the low watermark,
   * so kswapd is woken; it runs from {@link #KSWAPD_WAKE_NANOS} later, in {@link #runKswapd}, while
   * the allocating task goes on.
   *
   * @param now the simulated time of the allocation
   * @return true if kswapd was asleep and is now woken
   */
  public boolean wakeKswapd(long now) {
    if (kswapdAwake || memory.freePages() >= lowPages) {
      return false;
    }
    kswapdAwake = true;
    kswapdWakeups++;
    kswapdClock = Math.max(kswapdClock, now) + KSWAPD_WAKE_NANOS;
    return true;
  }

  /** True if free memory is below the low watermark (an allocation now would wake kswapd). */
  public boolean belowLow() {
    return memory.freePages() < lowPages;
  }

  /** True while kswapd is awake (woken and not yet back at the high watermark). */
  public boolean kswapdAwake() {
    return kswapdAwake;
  }

  /**
   * kswapd's thread up to {@code now}: {@code balance_pgdat} reclaims in batches, each aiming at
   * the gap to the high watermark, and at least the gap from the low one it was woken at (the
   * allocating task keeps taking pages while kswapd works; {@code kswapd_shrink_node} aims even at
   * the whole high watermark) and taking {@link #KSWAPD_PAGE_NANOS} of simulated time per page it
   * frees; the next batch runs once that time has passed, until free memory reaches the high
   * watermark; then (or when a batch frees nothing, {@code kswapd_failures}) it sleeps until the
   * next wake. The anonymous pages a batch swapped out go to the disk's queue as one write request
   * ({@code pageout}, {@code swap_writepage}: the swap file is on the same disk), and the next
   * batch starts no earlier than that request completes: the frames are freed at once in this
   * model, but kswapd frees no faster than the disk writes, as when the kernel's pages wait in the
   * swap cache under writeback.
   *
   * @param now the simulated time to run up to
   * @return the pages freed
   */
  public long runKswapd(long now) {
    long freed = 0;
    while (kswapdAwake && kswapdClock <= now) {
      if (memory.freePages() >= highPages) {
        kswapdAwake = false;
        break;
      }
      long gap = Math.max(highPages - memory.freePages(), highPages - lowPages);
      long written = swap == null ? 0 : swap.pswpout();
      long got = shrinkNode(Math.max(SWAP_CLUSTER_MAX, gap), true);
      kswapdClock += Math.max(got, SWAP_CLUSTER_MAX) * KSWAPD_PAGE_NANOS;
      written = swap == null ? 0 : swap.pswpout() - written;
      if (written > 0) {
        kswapdClock = Math.max(kswapdClock, cache.disk().submit(kswapdClock, written));
      }
      if (got == 0) {
        kswapdAwake = false;
        break;
      }
      freed += got;
    }
    return freed;
  }

  /**
   * {@code try_to_free_pages}: an allocation failed below the min watermark, so the allocating task
   * reclaims {@code SWAP_CLUSTER_MAX} pages itself (or {@code pages} if it needs more). Its swap
   * writes join the disk's queue; the task does not wait for them.
   *
   * @param pages the pages the allocation needs
   * @return the pages freed; 0 means reclaim can make no progress
   */
  public long direct(long pages) {
    long written = swap == null ? 0 : swap.pswpout();
    long got = shrinkNode(Math.max(SWAP_CLUSTER_MAX, pages), false);
    written = swap == null ? 0 : swap.pswpout() - written;
    if (written > 0) {
      cache.disk().submit(cache.now(), written); // the writes queue; the task does not wait
    }
    return got;
  }

  /**
   * {@code shrink_node} with the priority loop of {@code do_try_to_free_pages}: each round scans
   * the share {@link ScanBalance} gives each side of {@code size >> priority} pages of each list in
   * batches of {@code SWAP_CLUSTER_MAX}, refilling the inactive file list from the active one while
   * it is low, until {@code target} pages are freed or priority 0 has scanned everything. The anon
   * share goes to the swap clock ({@link #shrinkAnon}).
   */
  private long shrinkNode(long target, boolean kswapd) {
    long reclaimed = 0;
    for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < target; priority--) {
      ScanBalance balance = ScanBalance.of(nodeState(priority));
      long nrActive = balance.share(cache.activeFilePages() >> priority, true);
      long nrInactive = balance.share(cache.inactiveFilePages() >> priority, true);
      long nrAnon = balance.share(anonPages() >> priority, false);
      while ((nrActive > 0 || nrInactive > 0 || nrAnon > 0) && reclaimed < target) {
        if (nrAnon > 0) {
          long n = Math.min(SWAP_CLUSTER_MAX, nrAnon);
          nrAnon -= n;
          long got = shrinkAnon(Math.min(n, target - reclaimed), kswapd);
          nrAnon = got == 0 ? 0 : nrAnon;
          reclaimed += got;
        }
        if (nrActive > 0) {
          long n = Math.min(SWAP_CLUSTER_MAX, nrActive);
          nrActive -= n;
          if (inactiveFileIsLow()) {
            cache.shrinkActiveFile(n);
          }
        }
        if (nrInactive > 0) {
          long n = Math.min(SWAP_CLUSTER_MAX, nrInactive);
          nrInactive -= n;
          PageCache.Shrink s = cache.shrinkInactiveFile(n);
          count(s, kswapd);
          reclaimed += s.reclaimed();
        }
      }
    }
    if (reclaimed < target && cache.activeFilePages() > 0) {
      reclaimed += forceDeactivate(target - reclaimed, kswapd);
    }
    if (reclaimed < target) {
      reclaimed += shrinkAnon(target - reclaimed, kswapd);
    }
    return reclaimed;
  }

  /**
   * Anonymous reclaim once the file lists cannot give {@code target} pages: with a swap area that
   * has free slots, each address space in turn is scanned by its clock ({@link
   * AddressSpace#swapOut}) until the target is swapped out or a full round (two passes, so that
   * pages referenced since the last scan get their second chance) finds nothing. {@code
   * vm.swappiness} 0 still swaps when the file lists are exhausted, as {@code get_scan_count} does
   * when file pages are too few ({@code file_is_tiny}).
   */
  private long shrinkAnon(long target, boolean kswapd) {
    if (swap == null || memory.pages(FrameOwner.ANON) == 0) {
      return 0;
    }
    if (lru != null) {
      lru.refill();
    }
    long[] scanned = {0};
    long swapped = shrinkSwapCache(target, scanned);
    if (swap.freePages() == 0) {
      pgscanAnon += scanned[0];
      pgstealAnon += swapped;
      count(new PageCache.Shrink(scanned[0], swapped, 0), kswapd);
      return swapped;
    }
    for (int round = 0; round < 2 && swapped < target; round++) {
      for (AddressSpace mm : mms.get()) {
        if (swapped >= target || swap.freePages() == 0) {
          break;
        }
        long room = swapRoom.applyAsLong(mm);
        swapped += room == 0 ? 0 : mm.swapOut(Math.min(target - swapped, room), scanned);
      }
    }
    pgscanAnon += scanned[0];
    pgstealAnon += swapped;
    count(new PageCache.Shrink(scanned[0], swapped, 0), kswapd);
    return swapped;
  }

  /** Pages on the anon LRU lists (all anonymous frames when the lists are not set). */
  private long anonPages() {
    return lru == null ? memory.pages(FrameOwner.ANON) : lru.activePages() + lru.inactivePages();
  }

  /** What {@code get_scan_count} looks at, now. */
  public ScanBalance.NodeState nodeState(int priority) {
    boolean canSwap = swap != null && (swap.freePages() > 0 || swap.cachedPages() > 0);
    long inactiveAnon = lru == null ? memory.pages(FrameOwner.ANON) : lru.inactivePages();
    return new ScanBalance.NodeState(
        canSwap,
        swappiness,
        priority,
        memory.freePages(),
        cache.activeFilePages() + cache.inactiveFilePages(),
        cache.inactiveFilePages(),
        inactiveFileIsLow(),
        inactiveAnon,
        lru != null && lru.inactiveIsLow(),
        highPages);
  }

  /**
   * Frees the frames of the swap cache that no page table maps (their contents are safe in their
   * slots: swap-in readahead brought them in, or {@code MADV_PAGEOUT} wrote them), oldest slot
   * first; a slot no entry holds any more is freed with its frame ({@code __remove_mapping} of a
   * clean swap-cache folio). Such pages sit at the tail of the inactive anon list, where the kernel
   * finds them first ({@code folio_rotate_reclaimable} after writeback).
   */
  private long shrinkSwapCache(long target, long[] scanned) {
    if (swap.cachedPages() == 0) {
      return 0;
    }
    List<Map.Entry<Long, Long>> victims = new ArrayList<>();
    NavigableMap<Long, Long> cached = swap.cachedFrames();
    long looked = 0;
    for (Map<Long, Long> part :
        List.of(cached.tailMap(cacheCursor, false), cached.headMap(cacheCursor, true))) {
      for (Map.Entry<Long, Long> e : part.entrySet()) {
        if (victims.size() >= target || looked >= 4 * SWAP_CLUSTER_MAX && !victims.isEmpty()) {
          break;
        }
        looked++;
        if (memory.mapCount(e.getValue()) == 0) {
          victims.add(Map.entry(e.getKey(), e.getValue()));
        }
      }
    }
    for (Map.Entry<Long, Long> e : victims) {
      cacheCursor = e.getKey();
      swap.deleteFromCache(e.getKey());
      if (lru != null) {
        lru.remove(e.getValue());
      }
      memory.free(e.getValue());
    }
    scanned[0] += victims.size();
    return victims.size();
  }

  /**
   * The retry of {@code do_try_to_free_pages} with {@code force_deactivate}: when the priority loop
   * fell short while the active list was left alone, the whole active list is aged onto the
   * inactive one and the inactive list scanned again.
   */
  private long forceDeactivate(long target, boolean kswapd) {
    cache.shrinkActiveFile(cache.activeFilePages());
    long reclaimed = 0;
    long left = cache.inactiveFilePages();
    while (left > 0 && reclaimed < target) {
      long n = Math.min(SWAP_CLUSTER_MAX, left);
      left -= n;
      PageCache.Shrink s = cache.shrinkInactiveFile(n);
      count(s, kswapd);
      reclaimed += s.reclaimed();
    }
    return reclaimed;
  }

  private void count(PageCache.Shrink s, boolean kswapd) {
    nrWriteback += s.writeback();
    if (kswapd) {
      pgscanKswapd += s.scanned();
      pgstealKswapd += s.reclaimed();
    } else {
      pgscanDirect += s.scanned();
      pgstealDirect += s.reclaimed();
    }
  }

  /**
   * {@code inactive_is_low} for the file lists: {@code inactive * ratio < active}, where {@code
   * ratio = int_sqrt(10 * gb)} for {@code gb} GiB on both lists (1 below a GiB).
   */
  public boolean inactiveFileIsLow() {
    long inactive = cache.inactiveFilePages();
    long active = cache.activeFilePages();
    long gb = (inactive + active) >> (30 - 12);
    long ratio = gb == 0 ? 1 : (long) Math.sqrt(10.0 * gb);
    return inactive * ratio < active;
  }
}
