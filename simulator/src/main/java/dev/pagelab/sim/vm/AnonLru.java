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

  /** Pages on the active list ({@code Active(anon)}). */
  public long activePages() {
    return active.size();
  }

  /** Pages on the inactive list ({@code Inactive(anon)} less shared memory). */
  public long inactivePages() {
    return inactive.size();
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
    if (!inactive.remove(pfn) && !active.remove(pfn)) {
      throw new IllegalStateException("AnonLru.remove: frame " + pfn + " is on no list");
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
    } else if (!inactive.contains(pfn)) {
      throw new IllegalStateException("AnonLru.deactivate: frame " + pfn + " is on no list");
    }
  }

  /**
   * {@code inactive_is_low} for the anonymous lists: {@code inactive * ratio < active}, where
   * {@code ratio = int_sqrt(10 * gb)} for {@code gb} GiB on both lists (1 below a GiB).
   */
  public boolean inactiveIsLow() {
    long gb = (inactive.size() + (long) active.size()) >> (30 - 12);
    long ratio = gb == 0 ? 1 : (long) Math.sqrt(10.0 * gb);
    return inactive.size() * ratio < active.size();
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
      inactive.add(active.removeOldest());
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
    if (inactive.size() + (long) active.size() != anon) {
      throw new IllegalStateException(
          "AnonLru.checkInvariants: "
              + (inactive.size() + active.size())
              + " pages on the anon lists but "
              + anon
              + " anonymous frames");
    }
  }
}
