package dev.pagelab.sim.kernel;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.vm.Hstate;
import dev.pagelab.sim.vm.HugetlbFile;
import dev.pagelab.sim.vm.HugetlbPools;
import dev.pagelab.sim.vm.Vma;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The hugetlb part of {@link Machine#checkInvariants}: each pool's counts against the pages that
 * mappings and hugetlbfs files hold, and the owner of every frame of every pool page.
 */
final class HugetlbCheck {
  private HugetlbCheck() {}

  /**
   * Checks the pools.
   *
   * @param mapped every frame a page-table leaf maps (huge leaves by their first frame)
   */
  static void check(
      HugetlbPools pools, PhysicalMemory memory, Collection<Process> procs, Set<Long> mapped) {
    Map<Hstate, Set<Long>> inUse = new HashMap<>();
    Set<HugetlbFile> files = new HashSet<>();
    for (Process p : procs) {
      for (Vma v : p.mm().vmas()) {
        HugetlbFile f = v.hugetlb();
        if (f == null) {
          continue;
        }
        files.add(f);
        Set<Long> pages = inUse.computeIfAbsent(f.hstate(), h -> new HashSet<>());
        for (long va = v.start(); Long.compareUnsigned(va, v.end()) < 0; va += v.hugePageSize()) {
          long entry = p.mm().tables().readEntry(va, f.hstate().leafLevel());
          if (entry != 0) {
            pages.add(X86Paging.pteToPfn(entry));
          }
        }
      }
    }
    for (HugetlbFile f : files) {
      inUse.computeIfAbsent(f.hstate(), h -> new HashSet<>()).addAll(f.pagePfns());
    }
    for (Hstate h : pools.all()) {
      Set<Long> pages = inUse.getOrDefault(h, Set.of());
      h.checkInvariants(pages.size());
      for (long pfn : pages) {
        requireOwned(memory, h, pfn);
      }
      for (long pfn : h.freePfns()) {
        requireOwned(memory, h, pfn);
        if (mapped.contains(pfn)) {
          throw new IllegalStateException(
              "Machine.checkInvariants: free hugetlb page " + pfn + " is mapped");
        }
      }
    }
    if (memory.pages(FrameOwner.HUGETLB) != pools.basePages()) {
      throw new IllegalStateException(
          "Machine.checkInvariants: "
              + memory.pages(FrameOwner.HUGETLB)
              + " hugetlb frames but the pools hold "
              + pools.basePages());
    }
  }

  private static void requireOwned(PhysicalMemory memory, Hstate h, long pfn) {
    for (long f = pfn; f < pfn + h.pagesPerHugePage(); f++) {
      if (memory.owner(f) != FrameOwner.HUGETLB) {
        throw new IllegalStateException(
            "Machine.checkInvariants: frame "
                + f
                + " of "
                + h.name()
                + " page "
                + pfn
                + " is owned by "
                + memory.owner(f));
      }
    }
  }
}
