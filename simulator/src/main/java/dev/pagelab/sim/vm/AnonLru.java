package dev.pagelab.sim.vm;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.LongLinkedSet;
import dev.pagelab.sim.phys.PhysicalMemory;

/**
 * The anonymous LRU lists of the one node ({@code LRU_INACTIVE_ANON} and {@code LRU_ACTIVE_ANON} of
 * {@code struct lruvec}), oldest first. Every anonymous frame, mapped or only in the swap cache, is
 * on exactly one of them. A new page starts on the inactive list ({@code folio_add_lru_vma}, {@code
 * lru_cache_add_inactive_or_unevictable}); reclaim moves a page it finds referenced to the active
 * list ({@code folio_check_references}: an anonymous page with a young entry is activated); the
 * inactive list is refilled from the oldest active pages while it is low ({@code
 * shrink_active_list} under {@code inactive_is_low}, mm/vmscan.c); {@code MADV_COLD} and {@code
 * MADV_PAGEOUT} deactivate ({@code madvise_cold_or_pageout_pte_range}).
 */
public final class AnonLru {
  private final LongLinkedSet inactive = new LongLinkedSet();
  private final LongLinkedSet active = new LongLinkedSet();
  // THP folios are on a list once, by their head frame, and weigh 512 pages.
  private final LongLinkedSet hugeHeads = new LongLinkedSet();
  private int hugeWeight = 1;
  private long activeHuge;
  private long inactiveHuge;

  /** Pages on the active list ({@code Active(anon)}). */
  public long activePages() {
    return active.size() + activeHuge * (hugeWeight - 1);
  }

  /** Pages on the inactive list ({@code Inactive(anon)} less shared memory). */
  public long inactivePages() {
    return inactive.size() + inactiveHuge * (hugeWeight - 1);
  }

  /**
   * A new THP folio joins the inactive list by its head frame, counting {@code pages} pages ({@code
   * folio_add_lru_vma} of a large folio).
   *
   * @param head the folio's first frame, on no list
   * @param pages the folio's pages (512)
   */
  public void addHuge(long head, int pages) {
    if (hugeHeads.size() > 0 && pages != hugeWeight) {
      throw new IllegalStateException("AnonLru.addHuge: folios of " + pages + " pages");
    }
    add(head);
    hugeHeads.add(head);
    hugeWeight = pages;
    inactiveHuge++;
  }

  /** Moves the huge-folio count of {@code pfn} (if it is a THP head) from one list to the other. */
  private void moveHuge(long pfn, int toActive) {
    if (hugeHeads.size() > 0 && hugeHeads.contains(pfn)) {
      activeHuge += toActive;
      inactiveHuge -= toActive;
    }
  }

  /**
   * True if {@code pfn} is on the active list.
   *
   * @param pfn a frame
   * @return whether it is active
   */
  public boolean isActive(long pfn) {
    return active.contains(pfn);
  }

  /**
   * A new anonymous page joins the inactive list.
   *
   * @param pfn a frame on no list
   */
  public void add(long pfn) {
    if (active.contains(pfn) || !inactive.add(pfn)) {
      throw new IllegalStateException("AnonLru.add: frame " + pfn + " is already on a list");
    }
  }

  /**
   * A freed page leaves its list.
   *
   * @param pfn a frame on one of the lists
   */
  public void remove(long pfn) {
    boolean wasInactive = inactive.remove(pfn);
    if (!wasInactive && !active.remove(pfn)) {
      throw new IllegalStateException("AnonLru.remove: frame " + pfn + " is on no list");
    }
    if (hugeHeads.size() > 0 && hugeHeads.remove(pfn)) {
      if (wasInactive) {
        inactiveHuge--;
      } else {
        activeHuge--;
      }
    }
  }

  /**
   * Page migration: the new frame takes the old one's list ({@code folio_migrate_flags} keeps
   * {@code PG_active}); it joins that list's young end.
   *
   * @param oldPfn a frame on one of the lists
   * @param newPfn a frame on no list
   */
  public void replace(long oldPfn, long newPfn) {
    boolean wasActive = active.contains(oldPfn);
    remove(oldPfn);
    (wasActive ? active : inactive).add(newPfn);
  }

  /**
   * Moves a referenced page to the active list ({@code folio_activate}).
   *
   * @param pfn a frame on one of the lists
   */
  public void activate(long pfn) {
    if (inactive.remove(pfn)) {
      active.add(pfn);
      moveHuge(pfn, 1);
    } else if (!active.contains(pfn)) {
      throw new IllegalStateException("AnonLru.activate: frame " + pfn + " is on no list");
    }
  }

  /**
   * Moves a page to the inactive list ({@code folio_deactivate}).
   *
   * @param pfn a frame on one of the lists
   */
  public void deactivate(long pfn) {
    if (active.remove(pfn)) {
      inactive.add(pfn);
      moveHuge(pfn, -1);
    } else if (!inactive.contains(pfn)) {
      throw new IllegalStateException("AnonLru.deactivate: frame " + pfn + " is on no list");
    }
  }

  /**
   * {@code inactive_is_low} for the anonymous lists: {@code inactive * ratio < active}, where
   * {@code ratio = int_sqrt(10 * gb)} for {@code gb} GiB on both lists (1 below a GiB).
   */
  public boolean inactiveIsLow() {
    long gb = (inactivePages() + activePages()) >> (30 - 12);
    long ratio = gb == 0 ? 1 : (long) Math.sqrt(10.0 * gb);
    return inactivePages() * ratio < activePages();
  }

  /**
   * {@code shrink_active_list}: while the inactive list is low, the oldest active pages are
   * deactivated (anonymous pages are deactivated whether referenced or not).
   *
   * @return the pages moved
   */
  public long refill() {
    long moved = 0;
    while (inactiveIsLow() && active.size() > 0) {
      long pfn = active.removeOldest();
      inactive.add(pfn);
      moveHuge(pfn, -1);
      moved++;
    }
    return moved;
  }

  /**
   * Checks that the lists hold exactly the anonymous frames.
   *
   * @param memory the frames
   */
  public void checkInvariants(PhysicalMemory memory) {
    for (LongLinkedSet list : java.util.List.of(inactive, active)) {
      for (long pfn : list.toArray()) {
        if (memory.owner(pfn) != FrameOwner.ANON) {
          throw new IllegalStateException(
              "AnonLru.checkInvariants: frame " + pfn + " on an anon list is " + memory.owner(pfn));
        }
      }
    }
    long anon = memory.pages(FrameOwner.ANON);
    long huge = 0;
    for (long head : hugeHeads.toArray()) {
      huge += active.contains(head) ? 1 : 0;
    }
    if (huge != activeHuge || hugeHeads.size() != activeHuge + inactiveHuge) {
      throw new IllegalStateException(
          "AnonLru.checkInvariants: THP heads counted wrong on the lists: " + huge);
    }
    if (inactivePages() + activePages() != anon) {
      throw new IllegalStateException(
          "AnonLru.checkInvariants: "
              + (inactivePages() + activePages())
              + " pages on the anon lists but "
              + anon
              + " anonymous frames");
    }
  }
}
