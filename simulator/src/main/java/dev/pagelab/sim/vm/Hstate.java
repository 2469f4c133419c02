package dev.pagelab.sim.vm;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One hugetlbfs pool ({@code struct hstate} of {@code mm/hugetlb.c}): the huge pages of one size,
 * its free list and the counts {@code nr_huge_pages}, {@code free_huge_pages}, {@code
 * resv_huge_pages}, {@code surplus_huge_pages} and {@code nr_overcommit_huge_pages}. A 2 MiB page
 * is an order-9 block of the buddy allocator; a 1 GiB (gigantic) page is a free, aligned range
 * taken as {@code alloc_contig_pages} does. Every frame of a pool page is owned by {@link
 * FrameOwner#HUGETLB}, free in the pool or in use.
 */
public final class Hstate {
  private static final int PAGE_SHIFT = 12;

  private final PhysicalMemory memory;
  private final int order;
  private final ArrayDeque<Long> freeList = new ArrayDeque<>();
  private long nrHugePages;
  private long freeHugePages;
  private long resvHugePages;
  private long surplusHugePages;
  private long nrOvercommitHugePages;

  /**
   * Creates an empty pool.
   *
   * @param order log2 of the base pages per huge page: 9 for 2 MiB, 18 for 1 GiB
   */
  public Hstate(PhysicalMemory memory, int order) {
    this.memory = memory;
    this.order = order;
  }

  /** The huge page size in bytes. */
  public long pageSize() {
    return 1L << (order + PAGE_SHIFT);
  }

  /** Base pages per huge page ({@code pages_per_huge_page}). */
  public long pagesPerHugePage() {
    return 1L << order;
  }

  /** The page-table level of the leaf that maps one page: 2 (PMD) or 3 (PUD). */
  public int leafLevel() {
    return order == 9 ? 2 : 3;
  }

  /**
   * True for a page larger than the buddy allocator's largest block ({@code hstate_is_gigantic}).
   */
  public boolean gigantic() {
    return order > dev.pagelab.sim.phys.BuddyAllocator.MAX_ORDER;
  }

  /** The sysfs directory name, e.g. {@code hugepages-2048kB}. */
  public String name() {
    return "hugepages-" + (pageSize() >> 10) + "kB";
  }

  /** {@code nr_huge_pages}: every page of the pool, surplus ones included. */
  public long nrHugePages() {
    return nrHugePages;
  }

  /** {@code free_huge_pages}. */
  public long freeHugePages() {
    return freeHugePages;
  }

  /** {@code resv_huge_pages}: reserved by mappings and not yet faulted in. */
  public long resvHugePages() {
    return resvHugePages;
  }

  /** {@code surplus_huge_pages}: pages allocated beyond the persistent pool. */
  public long surplusHugePages() {
    return surplusHugePages;
  }

  /** {@code nr_overcommit_huge_pages}. */
  public long nrOvercommitHugePages() {
    return nrOvercommitHugePages;
  }

  /** {@code persistent_huge_pages}: what {@code vm.nr_hugepages} reads back. */
  public long persistentHugePages() {
    return nrHugePages - surplusHugePages;
  }

  /** Sets {@code nr_overcommit_huge_pages}. */
  public void setOvercommit(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("Hstate.setOvercommit: " + pages);
    }
    nrOvercommitHugePages = pages;
  }

  /**
   * {@code set_max_huge_pages}: grows the persistent pool to {@code count} pages (surplus pages
   * first become persistent, then fresh pages come from the buddy allocator while it has them), or
   * shrinks it by freeing free pages, never below the pages in use or reserved; what cannot be
   * freed becomes surplus.
   *
   * @return the persistent pool size afterwards, as {@code vm.nr_hugepages} reads back
   */
  public long setMaxHugePages(long count) {
    while (surplusHugePages > 0 && count > persistentHugePages()) {
      surplusHugePages--;
    }
    while (count > persistentHugePages()) {
      long pfn = allocFresh();
      if (pfn < 0) {
        break;
      }
      nrHugePages++;
      enqueue(pfn);
    }
    long minCount = Math.max(count, resvHugePages + nrHugePages - freeHugePages);
    while (minCount < persistentHugePages() && freeHugePages > 0) {
      freeToBuddy(dequeue());
      nrHugePages--;
    }
    while (count < persistentHugePages() && surplusHugePages < nrHugePages) {
      surplusHugePages++;
    }
    return persistentHugePages();
  }

  /**
   * {@code hugetlb_acct_memory}: reserves {@code delta} pages for a new mapping (allocating surplus
   * pages as {@code gather_surplus_pages} does when the free pages fall short), or gives back
   * {@code -delta} unused reservations ({@code return_unused_surplus_pages}).
   *
   * @return false if the reservation cannot be served (mmap then fails with ENOMEM)
   */
  public boolean acctMemory(long delta) {
    if (delta < 0) {
      returnUnusedSurplus(-delta);
      return true;
    }
    long needed = resvHugePages + delta - freeHugePages;
    List<Long> allocated = new ArrayList<>();
    while (needed > allocated.size()) {
      long pfn = allocSurplus();
      if (pfn < 0) {
        for (long p : allocated) {
          freeHugeFolio(p);
        }
        return false;
      }
      allocated.add(pfn);
    }
    resvHugePages += delta;
    for (long p : allocated) {
      enqueue(p);
    }
    return true;
  }

  /**
   * {@code alloc_hugetlb_folio}: a page for a fault. With a reservation it comes from the free list
   * and consumes the reservation; without one it needs a free page nobody reserved, or a surplus
   * page within {@code nr_overcommit_hugepages}.
   *
   * @return the first frame of the page, or -1 if there is none (the fault gets SIGBUS)
   */
  public long allocFolio(boolean reserved) {
    if (reserved) {
      if (resvHugePages <= 0 || freeHugePages <= 0) {
        throw new IllegalStateException(
            "Hstate.allocFolio: a reservation with " + freeHugePages + " free pages");
      }
      resvHugePages--;
      return dequeue();
    }
    if (freeHugePages - resvHugePages > 0) {
      return dequeue();
    }
    return allocSurplus();
  }

  /**
   * {@code free_huge_folio}: a page nobody maps any more goes back to the free list, or to the
   * buddy allocator while the pool has surplus pages.
   */
  public void freeHugeFolio(long pfn) {
    if (surplusHugePages > 0) {
      surplusHugePages--;
      nrHugePages--;
      freeToBuddy(pfn);
    } else {
      enqueue(pfn);
    }
  }

  /** The free pages' first frames, for the invariants. */
  public List<Long> freePfns() {
    return List.copyOf(freeList);
  }

  /**
   * Checks the pool's counts: total = free + in use, reserved within free, surplus within total,
   * and the frames its pages own.
   *
   * @param inUse pages that mappings or hugetlbfs files hold
   */
  public void checkInvariants(long inUse) {
    String at = "Hstate.checkInvariants(" + name() + "): ";
    if (freeList.size() != freeHugePages || nrHugePages != freeHugePages + inUse) {
      throw new IllegalStateException(
          at + nrHugePages + " pages, " + freeHugePages + " free, " + inUse + " in use");
    }
    if (resvHugePages < 0 || resvHugePages > freeHugePages) {
      throw new IllegalStateException(at + resvHugePages + " reserved of " + freeHugePages);
    }
    if (surplusHugePages < 0 || surplusHugePages > nrHugePages) {
      throw new IllegalStateException(at + surplusHugePages + " surplus of " + nrHugePages);
    }
    for (long pfn : freeList) {
      if (memory.owner(pfn) != FrameOwner.HUGETLB || memory.mapCount(pfn) != 0) {
        throw new IllegalStateException(at + "free page " + pfn + " is " + memory.owner(pfn));
      }
    }
  }

  /**
   * {@code alloc_surplus_hugetlb_folio}: never for gigantic pages ({@code hstate_is_gigantic}), nor
   * beyond the overcommit.
   */
  private long allocSurplus() {
    if (gigantic() || surplusHugePages >= nrOvercommitHugePages) {
      return -1;
    }
    long pfn = allocFresh();
    if (pfn >= 0) {
      nrHugePages++;
      surplusHugePages++;
    }
    return pfn;
  }

  /**
   * {@code return_unused_surplus_pages}: surplus pages nobody reserves any more go back to the
   * buddy allocator, gigantic ones too (x86-64 frees gigantic pages at run time: {@code
   * hstate_is_gigantic_no_runtime} is false).
   */
  private void returnUnusedSurplus(long unused) {
    long left = unused;
    long pages = Math.min(unused, surplusHugePages);
    while (pages-- > 0 && freeHugePages > 0) {
      resvHugePages--;
      left--;
      freeToBuddy(dequeue());
      nrHugePages--;
      surplusHugePages--;
    }
    resvHugePages -= left;
  }

  /** {@code alloc_fresh_hugetlb_folio}: order-9 block, or a free aligned gigantic range. */
  private long allocFresh() {
    return gigantic()
        ? memory.allocateContiguous(pagesPerHugePage(), FrameOwner.HUGETLB)
        : memory.allocate(order, FrameOwner.HUGETLB, false);
  }

  private void freeToBuddy(long pfn) {
    if (gigantic()) {
      memory.freeContiguous(pfn, pagesPerHugePage());
    } else {
      memory.free(pfn, order);
    }
  }

  private void enqueue(long pfn) {
    freeList.push(pfn);
    freeHugePages++;
  }

  private long dequeue() {
    freeHugePages--;
    return freeList.pop();
  }
}
