package dev.pagelab.sim.vm;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A swap area ({@code struct swap_info_struct} of {@code mm/swapfile.c}): {@code pages} slots of
 * one page each, each with a use count ({@code swap_map}): one per page-table entry that holds the
 * slot's swap entry. Slot 0 is the header page and never used, as {@code swapon} reserves it.
 */
public final class SwapDevice {
  private final long pages;
  private final Map<Long, Integer> useCount = new HashMap<>();
  private final ArrayDeque<Long> freed = new ArrayDeque<>();
  private long next = 1;
  private long references;

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
    useCount.merge(slot, 1, Integer::sum);
    references++;
    requireUsed(slot, "duplicate");
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
    if (left == 0) {
      useCount.remove(slot);
      freed.push(slot);
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

  private void requireUsed(long slot, String method) {
    if (useCount.getOrDefault(slot, 0) <= 0 || slot < 1 || slot > pages) {
      throw new IllegalStateException("SwapDevice." + method + ": slot " + slot + " is not in use");
    }
  }
}
