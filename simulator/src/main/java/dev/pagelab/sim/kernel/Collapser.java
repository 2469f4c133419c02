package dev.pagelab.sim.kernel;

import dev.pagelab.sim.khugepaged.CollapseOutcome;
import dev.pagelab.sim.khugepaged.CollapsePlan;
import dev.pagelab.sim.khugepaged.CollapseTarget;
import dev.pagelab.sim.khugepaged.MmView;
import dev.pagelab.sim.khugepaged.PageInfo;
import dev.pagelab.sim.khugepaged.PmdSnapshot;
import dev.pagelab.sim.khugepaged.PteView;
import dev.pagelab.sim.khugepaged.ScanResult;
import dev.pagelab.sim.khugepaged.ThpDisable;
import dev.pagelab.sim.khugepaged.VmaRange;
import dev.pagelab.sim.paging.PageTables;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.SwapDevice;
import dev.pagelab.sim.vm.Thp;
import dev.pagelab.sim.vm.ThpAdvice;
import dev.pagelab.sim.vm.Vma;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine as khugepaged and {@code MADV_COLLAPSE} see it (Linux 6.18 mm/khugepaged.c): the VMAs
 * of a process ({@code for_each_vma}), one PMD with its 512 PTEs and the folios they map ({@code
 * mm_find_pmd}, {@code pte_offset_map_lock}, {@code folio_mapcount}, {@code folio_ref_count}), and
 * {@code collapse_huge_page}: allocate and charge the folio, {@code __collapse_huge_page_swapin},
 * {@code __collapse_huge_page_isolate} on the fresh PTEs, then copy, deposit and map (in {@link
 * AddressSpace#collapseInstall}). mm ids are pids.
 *
 * <p>What the model knows of a page: anonymous frames are always on an anon LRU list and never
 * locked, {@code PG_referenced} is not kept (only the PTE's Accessed bit counts as young), and a
 * page's references are its mappings, the swap cache's one and its long-term pins.
 */
final class Collapser implements CollapseTarget {
  private final Machine machine;

  Collapser(Machine machine) {
    this.machine = machine;
  }

  private AddressSpace mmOf(int mmId, String method) {
    Process p = machine.process(mmId);
    if (p == null || !p.alive()) {
      throw new IllegalStateException("Collapser." + method + ": no running process " + mmId);
    }
    return p.mm();
  }

  @Override
  public MmView mm(int mmId) {
    AddressSpace mm = mmOf(mmId, "mm");
    List<VmaRange> vmas = new ArrayList<>();
    for (Vma v : mm.vmas()) {
      vmas.add(range(v));
    }
    return new MmView(vmas, disable(mm));
  }

  /** The VMA as the collapse policy needs it: private anonymous, its anon_vma and its advice. */
  static VmaRange range(Vma v) {
    return new VmaRange(
        v.start(),
        v.end(),
        v.file() == null && v.hugetlb() == null,
        v.anonVma(),
        v.thpAdvice() == ThpAdvice.HUGEPAGE,
        v.thpAdvice() == ThpAdvice.NOHUGEPAGE);
  }

  /** {@code MMF_DISABLE_THP_COMPLETELY} from {@code prctl(PR_SET_THP_DISABLE, 1)}. */
  static ThpDisable disable(AddressSpace mm) {
    return mm.thpDisabled() ? ThpDisable.COMPLETELY : ThpDisable.NONE;
  }

  @Override
  public PmdSnapshot snapshot(int mmId, long address) {
    AddressSpace mm = mmOf(mmId, "snapshot");
    long[] pmdTable = mm.tables().tableAt(address, 2, false);
    if (pmdTable == null) {
      return new PmdSnapshot.NoPmd();
    }
    long pmd = pmdTable[X86Paging.index(address, 2)];
    if (pmd == 0) {
      return new PmdSnapshot.EmptyPmd();
    } else if ((pmd & Pte.PTE_PS) != 0) {
      return new PmdSnapshot.HugePmd();
    }
    long[] ptes = machine.memory().table(X86Paging.pteToPfn(pmd));
    Map<Long, PageInfo> folios = new HashMap<>();
    List<PteView> views = new ArrayList<>(Thp.HPAGE_PMD_NR);
    for (int i = 0; i < Thp.HPAGE_PMD_NR; i++) {
      views.add(view(mm, ptes[i], folios));
    }
    return new PmdSnapshot.Table(views);
  }

  /** One PTE: empty, a swap entry, the zero page or a mapped page (PROT_NONE counts as mapped). */
  private PteView view(AddressSpace mm, long pte, Map<Long, PageInfo> folios) {
    if (AddressSpace.isSwapEntry(pte)) {
      return new PteView.Swap(X86Paging.pteToPfn(pte));
    }
    if (!X86Paging.isPresent(pte) && (pte & PageTables.PTE_PROTNONE) == 0) {
      return PteView.NONE;
    }
    long pfn = X86Paging.pteToPfn(pte);
    if (pfn == mm.zeroPagePfn()) {
      return new PteView.ZeroPage();
    }
    return new PteView.Mapped(
        (pte & Pte.PTE_RW) != 0,
        (pte & Pte.PTE_A) != 0,
        (pte & Pte.PTE_D) != 0,
        pageInfo(pfn, folios));
  }

  /** The folio facts of {@code pfn}; a THP's sums are computed once per snapshot. */
  private PageInfo pageInfo(long pfn, Map<Long, PageInfo> folios) {
    PhysicalMemory memory = machine.memory();
    boolean anon = memory.owner(pfn) == FrameOwner.ANON;
    Thp.Folio f = anon ? machine.thp().folioOf(pfn) : null;
    if (f == null) {
      int map = memory.mapCount(pfn);
      SwapDevice swap = machine.swap();
      boolean swapCache = anon && swap != null && swap.slotOf(pfn) >= 0;
      int refs = map + (swapCache ? 1 : 0) + memory.pinCount(pfn);
      return new PageInfo(pfn, pfn, 1, map, refs, anon, anon, false, swapCache, false, map > 1);
    }
    PageInfo head = folios.get(f.head());
    if (head == null) {
      int ptes = 0;
      int pins = 0;
      boolean shared = f.entireMapcount() > 0;
      for (long p = f.head(); p < f.head() + Thp.HPAGE_PMD_NR; p++) {
        int c = memory.mapCount(p);
        ptes += c;
        pins += memory.pinCount(p);
        shared |= c > 1;
      }
      int map = ptes + f.entireMapcount();
      head =
          new PageInfo(
              f.head(),
              f.head(),
              Thp.HPAGE_PMD_NR,
              map,
              map + pins,
              true,
              true,
              false,
              false,
              false,
              shared);
      folios.put(f.head(), head);
    }
    return new PageInfo(
        pfn,
        head.folio(),
        head.nrPages(),
        head.mapcount(),
        head.refcount(),
        true,
        true,
        false,
        false,
        false,
        head.mappedShared());
  }

  @Override
  public CollapseOutcome collapse(int mmId, long address, CollapsePlan plan) {
    AddressSpace mm = mmOf(mmId, "collapse");
    long head = mm.collapseAllocate(plan.gfpTranshuge());
    if (head < 0) {
      return CollapseOutcome.of(ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL);
    }
    if (!machine.mayChargeCollapse(machine.process(mmId))) {
      mm.collapseRelease(head);
      return CollapseOutcome.of(ScanResult.SCAN_CGROUP_CHARGE_FAIL);
    }
    if (!swapIn(mm, plan)) {
      mm.collapseRelease(head);
      return CollapseOutcome.of(ScanResult.SCAN_FAIL);
    }
    PmdSnapshot fresh = snapshot(mmId, address);
    if (!(fresh instanceof PmdSnapshot.Table table)) {
      mm.collapseRelease(head);
      return CollapseOutcome.of(ScanResult.SCAN_FAIL);
    }
    CollapsePlan.Isolation iso = plan.isolate(table);
    if (iso.result() != ScanResult.SCAN_SUCCEED) {
      mm.collapseRelease(head);
      return CollapseOutcome.of(iso);
    }
    boolean[] copy = new boolean[Thp.HPAGE_PMD_NR];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = iso.actions().get(i) == CollapsePlan.PteAction.COPY;
    }
    mm.collapseInstall(address, head, copy);
    return CollapseOutcome.of(ScanResult.SCAN_SUCCEED);
  }

  /**
   * {@code __collapse_huge_page_swapin}: {@code do_swap_page} for each swap PTE the scan counted, a
   * major fault ({@code pgmajfault}) when the page is not in the swap cache.
   *
   * @return false if a swap-in found no free frame
   */
  private boolean swapIn(AddressSpace mm, CollapsePlan plan) {
    for (int i : plan.swapIns()) {
      long va = plan.addressOf(i);
      if (!AddressSpace.isSwapEntry(mm.readPte(va))) {
        continue;
      }
      boolean cached = mm.swapCached(va);
      if (mm.swapIn(va, false) < 0) {
        return false;
      }
      if (!cached) {
        machine.countMajorFault();
      }
    }
    return true;
  }
}
