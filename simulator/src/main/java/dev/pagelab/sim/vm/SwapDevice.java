package dev.pagelab.sim.vm;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A swap area ({@code struct swap_info_struct} of {@code mm/swapfile.c}): {@code pages} slots of
 * one page each, each with a use count ({@code swap_map}): one per page-table entry that holds the
 * slot's swap entry. Slot 0 is the header page and never used, as {@code swapon} reserves it.
 *
 * <p>The swap cache ({@code mm/swap_state.c}) sits in front of it: a slot may hold a frame that has
 * the slot's contents ({@code SWAP_HAS_CACHE}). A slot is in use while an entry holds it or while
 * it is cached; it is freed when both are gone. The device also counts the pages it wrote and read
 * ({@code pswpout}, {@code pswpin}).
 *
 * <p>Since Linux 6.12 the area also keeps a zeromap ({@code si->zeromap}, mm/page_io.c): {@code
 * swap_writeout} does not write a page that is all zero bytes but sets its slot's bit ({@code
 * swap_zeromap_folio_set}, vmstat {@code swpout_zero}), and {@code swap_read_folio} fills a page of
 * such a slot with zeros without reading ({@code swap_read_folio_zeromap}, {@code swpin_zero}). The
 * bit goes when the slot is freed ({@code swap_range_free}) or rewritten with other data.
 */
public final class SwapDevice {
  private final long pages;
  private final Map<Long, Integer> useCount = new HashMap<>();
  private final ArrayDeque<Long> freed = new ArrayDeque<>();
  private long next = 1;
  private long references;
  private final TreeMap<Long, Long> cacheBySlot = new TreeMap<>();
  private final Map<Long, Long> slotByPfn = new HashMap<>();
  private long pswpin;
  private long pswpout;
  private final BitSet zeromap = new BitSet();
  private long swpinZero;
  private long swpoutZero;

  /**
   * A swap area of {@code pages} usable slots.
   *
   * @param pages usable slots (the area less its header page)
   */
  public SwapDevice(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("SwapDevice: " + pages + " pages");
    }
    this.pages = pages;
  }

  /** Usable slots ({@code SwapTotal} in pages). */
  public long totalPages() {
    return pages;
  }

  /** Slots in use ({@code SwapTotal - SwapFree} in pages, {@code /proc/swaps} Used). */
  public long usedPages() {
    return useCount.size();
  }

  /** Free slots ({@code SwapFree} in pages, {@code get_nr_swap_pages}). */
  public long freePages() {
    return pages - useCount.size();
  }

  /** Page-table entries that hold a swap entry, summed over the slots' use counts. */
  public long references() {
    return references;
  }

  /**
   * {@code folio_alloc_swap}: takes a free slot with a use count of 1.
   *
   * @return the slot, or -1 if the area is full
   */
  public long allocate() {
    if (freePages() == 0) {
      return -1;
    }
    long slot = freed.isEmpty() ? next++ : freed.pop();
    useCount.put(slot, 1);
    references++;
    return slot;
  }

  /**
   * {@code swap_duplicate}: one more entry holds the slot (a fork copied it).
   *
   * @param slot a slot in use
   */
  public void duplicate(long slot) {
    if (!useCount.containsKey(slot)) {
      throw new IllegalStateException("SwapDevice.duplicate: slot " + slot + " is not in use");
    }
    useCount.merge(slot, 1, Integer::sum);
    references++;
  }

  /**
   * {@code swap_free}: one entry fewer holds the slot; the last one frees it.
   *
   * @param slot a slot in use
   * @return the use count left
   */
  public int free(long slot) {
    requireUsed(slot, "free");
    int left = useCount.get(slot) - 1;
    references--;
    if (left == 0 && !cacheBySlot.containsKey(slot)) {
      release(slot);
    } else {
      useCount.put(slot, left);
    }
    return left;
  }

  /**
   * The use count of a slot.
   *
   * @param slot the slot
   * @return how many entries hold it, 0 if it is free
   */
  public int useCount(long slot) {
    return useCount.getOrDefault(slot, 0);
  }

  /** Returns a slot that no entry and no cached frame holds to the free slots. */
  private void release(long slot) {
    useCount.remove(slot);
    zeromap.clear((int) slot);
    freed.push(slot);
  }

  // ---------------------------------------------------------------- swap cache

  /**
   * {@code add_to_swap_cache}: {@code pfn} now holds the contents of {@code slot}.
   *
   * @param slot a slot in use that has no cached frame
   * @param pfn the frame
   */
  public void addToCache(long slot, long pfn) {
    if (!useCount.containsKey(slot) || cacheBySlot.containsKey(slot)) {
      throw new IllegalStateException(
          "SwapDevice.addToCache: slot " + slot + " is free or already cached");
    }
    cacheBySlot.put(slot, pfn);
    slotByPfn.put(pfn, slot);
  }

  /**
   * {@code delete_from_swap_cache}: the slot's frame leaves the cache; a slot no entry holds is
   * freed ({@code put_swap_folio}).
   *
   * @param slot a cached slot
   * @return the frame that was cached
   */
  public long deleteFromCache(long slot) {
    Long pfn = cacheBySlot.remove(slot);
    if (pfn == null) {
      throw new IllegalStateException("SwapDevice.deleteFromCache: slot " + slot + " not cached");
    }
    slotByPfn.remove(pfn);
    if (useCount.get(slot) == 0) {
      release(slot);
    }
    return pfn;
  }

  /**
   * Page migration of a swap-cache frame ({@code folio_migrate_mapping} for the swap address
   * space): slot {@code slot} is now cached in {@code newPfn}.
   */
  public void replaceCachedFrame(long slot, long newPfn) {
    Long old = cacheBySlot.get(slot);
    if (old == null) {
      throw new IllegalStateException(
          "SwapDevice.replaceCachedFrame: slot " + slot + " not cached");
    }
    slotByPfn.remove(old);
    cacheBySlot.put(slot, newPfn);
    slotByPfn.put(newPfn, slot);
  }

  /**
   * The frame cached for a slot ({@code swap_cache_get_folio}).
   *
   * @param slot the slot
   * @return the frame, or -1 if the slot has none
   */
  public long cachedPfn(long slot) {
    return cacheBySlot.getOrDefault(slot, -1L);
  }

  /**
   * The slot whose contents a frame holds ({@code folio_test_swapcache} and {@code folio->swap}).
   *
   * @param pfn a frame
   * @return the slot, or -1 if the frame is not in the swap cache
   */
  public long slotOf(long pfn) {
    return slotByPfn.getOrDefault(pfn, -1L);
  }

  /** Frames in the swap cache ({@code SwapCached} in pages, {@code total_swapcache_pages}). */
  public long cachedPages() {
    return cacheBySlot.size();
  }

  /** The cached frames, by slot in slot order (a read-only view). */
  public NavigableMap<Long, Long> cachedFrames() {
    return Collections.unmodifiableNavigableMap(cacheBySlot);
  }

  /**
   * {@code vm_swap_full}: more than half of the slots are in use, so swap-in frees the slots it
   * reads instead of keeping them cached.
   */
  public boolean full() {
    return usedPages() * 2 > pages;
  }

  /**
   * Counts pages written to the area ({@code pswpout}).
   *
   * @param n pages written
   */
  public void countWrites(long n) {
    pswpout += n;
  }

  /**
   * Counts pages read from the area ({@code pswpin}).
   *
   * @param n pages read
   */
  public void countReads(long n) {
    pswpin += n;
  }

  /**
   * {@code swap_writeout} of a page into {@code slot}: an all-zero page sets the slot's zeromap bit
   * and is not written ({@code swpout_zero}); any other page clears the bit and is written ({@code
   * pswpout}).
   *
   * @param slot a slot in use
   * @param zeroFilled true if every byte of the page is zero
   * @return true if the page was written (I/O), false if the zeromap took it
   */
  public boolean writeOut(long slot, boolean zeroFilled) {
    requireUsed(slot, "writeOut");
    if (zeroFilled) {
      zeromap.set((int) slot);
      swpoutZero++;
      return false;
    }
    zeromap.clear((int) slot);
    pswpout++;
    return true;
  }

  /**
   * {@code swap_read_folio} of {@code slot} into a new frame: a zeromap slot is served with zeros
   * without I/O ({@code swpin_zero}); any other slot is read ({@code pswpin}).
   *
   * @param slot a slot in use
   * @return true if the page was read from the area, false if it is all zeros from the zeromap
   */
  public boolean readIn(long slot) {
    requireUsed(slot, "readIn");
    if (zeromap.get((int) slot)) {
      swpinZero++;
      return false;
    }
    pswpin++;
    return true;
  }

  /** True if the slot's zeromap bit is set: its page is all zero bytes and was never written. */
  public boolean zeromapped(long slot) {
    return slot >= 0 && slot <= Integer.MAX_VALUE && zeromap.get((int) slot);
  }

  /** All-zero pages swapped out without a write ({@code swpout_zero}). */
  public long swpoutZero() {
    return swpoutZero;
  }

  /** Zeromap pages swapped in without a read ({@code swpin_zero}). */
  public long swpinZero() {
    return swpinZero;
  }

  /** Pages written to the area ({@code pswpout}). */
  public long pswpout() {
    return pswpout;
  }

  /** Pages read from the area ({@code pswpin}). */
  public long pswpin() {
    return pswpin;
  }

  private void requireUsed(long slot, String method) {
    if (useCount.getOrDefault(slot, 0) <= 0 || slot < 1 || slot > pages) {
      throw new IllegalStateException("SwapDevice." + method + ": slot " + slot + " is not in use");
    }
  }
}
