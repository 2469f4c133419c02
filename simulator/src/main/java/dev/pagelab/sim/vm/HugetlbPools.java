package dev.pagelab.sim.vm;

import dev.pagelab.sim.phys.PhysicalMemory;
import java.util.List;

/**
 * The hugetlbfs pools of a machine ({@code hstates[]} of {@code mm/hugetlb.c}): 2 MiB, the default
 * {@code Hugepagesize} that {@code vm.nr_hugepages} and {@code vm.nr_overcommit_hugepages} set, and
 * 1 GiB, set through {@code /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages}.
 */
public final class HugetlbPools {
  /** The 2 MiB page size. */
  public static final long SIZE_2M = 2L << 20;

  /** The 1 GiB page size. */
  public static final long SIZE_1G = 1L << 30;

  private final Hstate default2m;
  private final Hstate gigantic;

  /** Creates the two empty pools over the machine's memory. */
  public HugetlbPools(PhysicalMemory memory) {
    this.default2m = new Hstate(memory, 9);
    this.gigantic = new Hstate(memory, 18);
  }

  /** The default pool ({@code default_hstate}, 2 MiB). */
  public Hstate defaultHstate() {
    return default2m;
  }

  /** Both pools, the default first. */
  public List<Hstate> all() {
    return List.of(default2m, gigantic);
  }

  /**
   * The pool of {@code pageSize} bytes ({@code size_to_hstate}).
   *
   * @return the pool, or null if there is no pool of that size
   */
  public Hstate bySize(long pageSize) {
    for (Hstate h : all()) {
      if (h.pageSize() == pageSize) {
        return h;
      }
    }
    return null;
  }

  /** {@code Hugetlb} of meminfo in kB: every pool's pages, surplus included. */
  public long hugetlbKb() {
    long kb = 0;
    for (Hstate h : all()) {
      kb += h.nrHugePages() * (h.pageSize() >> 10);
    }
    return kb;
  }

  /**
   * {@code nr_hugetlb} of /proc/vmstat: base pages of the pool pages in use ({@code NR_HUGETLB},
   * counted by {@code alloc_hugetlb_folio} and uncounted by {@code free_huge_folio}).
   */
  public long inUseBasePages() {
    long pages = 0;
    for (Hstate h : all()) {
      pages += (h.nrHugePages() - h.freeHugePages()) * h.pagesPerHugePage();
    }
    return pages;
  }

  /** Base pages that the pools hold, free or in use. */
  public long basePages() {
    long pages = 0;
    for (Hstate h : all()) {
      pages += h.nrHugePages() * h.pagesPerHugePage();
    }
    return pages;
  }
}
