package dev.pagelab.sim.khugepaged;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The collapse rules of Linux 6.18 mm/khugepaged.c for anonymous memory: {@code
 * hpage_collapse_scan_pmd} (may this 2 MiB range be collapsed?) and {@code
 * __collapse_huge_page_isolate} (the same checks again on the PTEs after the swap-ins, before the
 * copy).
 *
 * <p>For khugepaged ({@code cc->is_khugepaged}) the limits {@code max_ptes_swap}, {@code
 * max_ptes_none} and {@code max_ptes_shared} apply, counted in PTE order and failing at the first
 * PTE over the limit, and at least one PTE must be young (Accessed) or its page referenced — half
 * of the range ({@code HPAGE_PMD_NR / 2}) when swap-ins are needed. {@code MADV_COLLAPSE} ignores
 * all of that. Since 6.18 writability no longer matters. Not modelled: userfaultfd (never armed),
 * NUMA ({@code hpage_collapse_scan_abort} never aborts) and file or shmem ranges.
 */
public final class CollapseRules {
  /** {@code PAGE_SIZE}. */
  public static final long PAGE_SIZE = 4096;

  /** {@code HPAGE_PMD_SIZE}: 2 MiB. */
  public static final long HPAGE_PMD_SIZE = PAGE_SIZE * KhugepagedSettings.HPAGE_PMD_NR;

  private CollapseRules() {}

  /** The running counts of one pass over the PTEs. */
  private static final class Counts {
    int noneOrZero;
    int unmapped;
    int shared;
    int referenced;
    final List<Integer> swapIns = new ArrayList<>();
    final List<Integer> copies = new ArrayList<>();
    final List<Integer> zeroFills = new ArrayList<>();
  }

  /**
   * {@code hpage_collapse_scan_pmd}: whether the range at {@code address} qualifies, and if so the
   * plan of its collapse.
   *
   * @param address the 2 MiB-aligned start of the range
   * @param pmd the range's PMD and PTEs
   * @param mode khugepaged or MADV_COLLAPSE
   * @param s the knobs
   * @return the verdict, with a plan when it is SCAN_SUCCEED
   */
  public static ScanVerdict scanPmd(
      long address, PmdSnapshot pmd, CollapseMode mode, KhugepagedSettings s) {
    if (address % HPAGE_PMD_SIZE != 0) {
      throw new IllegalArgumentException("scanPmd: address 0x" + Long.toHexString(address));
    }
    ScanResult pmdResult = findPmdOrThpOrNone(pmd);
    Counts c = new Counts();
    if (pmdResult != ScanResult.SCAN_SUCCEED) {
      return verdict(pmdResult, c, null);
    }
    List<PteView> ptes = ((PmdSnapshot.Table) pmd).ptes();
    for (int i = 0; i < ptes.size(); i++) {
      ScanResult r = scanPte(i, ptes.get(i), mode, s, c);
      if (r != null) {
        return verdict(r, c, null);
      }
    }
    boolean k = mode.isKhugepaged();
    int half = KhugepagedSettings.HPAGE_PMD_NR / 2;
    if (k && (c.referenced == 0 || (c.unmapped > 0 && c.referenced < half))) {
      return verdict(ScanResult.SCAN_LACK_REFERENCED_PAGE, c, null);
    }
    CollapsePlan plan =
        new CollapsePlan(address, mode, s, c.referenced, c.swapIns, c.copies, c.zeroFills);
    return verdict(ScanResult.SCAN_SUCCEED, c, plan);
  }

  /** {@code find_pmd_or_thp_or_none}. */
  private static ScanResult findPmdOrThpOrNone(PmdSnapshot pmd) {
    if (pmd instanceof PmdSnapshot.NoPmd) {
      return ScanResult.SCAN_PMD_NULL;
    } else if (pmd instanceof PmdSnapshot.EmptyPmd) {
      return ScanResult.SCAN_PMD_NONE;
    } else if (pmd instanceof PmdSnapshot.HugePmd) {
      return ScanResult.SCAN_PMD_MAPPED;
    }
    return ScanResult.SCAN_SUCCEED;
  }

  /** One iteration of the PTE loop of {@code hpage_collapse_scan_pmd}; null to go on. */
  private static ScanResult scanPte(
      int i, PteView pte, CollapseMode mode, KhugepagedSettings s, Counts c) {
    boolean k = mode.isKhugepaged();
    if (pte instanceof PteView.Swap) {
      c.unmapped++;
      c.swapIns.add(i);
      return !k || c.unmapped <= s.maxPtesSwap() ? null : ScanResult.SCAN_EXCEED_SWAP_PTE;
    }
    if (pte instanceof PteView.None || pte instanceof PteView.ZeroPage) {
      c.noneOrZero++;
      c.zeroFills.add(i);
      return !k || c.noneOrZero <= s.maxPtesNone() ? null : ScanResult.SCAN_EXCEED_NONE_PTE;
    }
    PteView.Mapped m = (PteView.Mapped) pte;
    PageInfo p = m.page();
    if (!p.anon()) {
      return ScanResult.SCAN_PAGE_ANON;
    }
    if (p.mappedShared() && ++c.shared > s.maxPtesShared() && k) {
      return ScanResult.SCAN_EXCEED_SHARED_PTE;
    }
    if (!p.lru()) {
      return ScanResult.SCAN_PAGE_LRU;
    }
    if (p.locked()) {
      return ScanResult.SCAN_PAGE_LOCK;
    }
    if (!p.refcountSuitable()) {
      return ScanResult.SCAN_PAGE_COUNT;
    }
    if (k && (m.young() || p.referenced())) {
      c.referenced++;
    }
    c.copies.add(i);
    return null;
  }

  private static ScanVerdict verdict(ScanResult r, Counts c, CollapsePlan plan) {
    return new ScanVerdict(
        r,
        c.noneOrZero,
        c.unmapped,
        c.shared,
        c.referenced,
        VmEvents.of(r),
        Optional.ofNullable(plan));
  }

  /**
   * {@code __collapse_huge_page_isolate}: the checks on the PTEs after the swap-ins. A PTE still
   * not present fails with SCAN_PTE_NON_PRESENT; pages of a large folio are checked once; pages
   * that cannot leave their LRU fail with SCAN_DEL_PAGE_LRU.
   *
   * @param fresh the 512 PTEs now
   * @param mode khugepaged or MADV_COLLAPSE
   * @param s the knobs
   * @return the result and, on success, the action for each PTE
   */
  public static CollapsePlan.Isolation isolate(
      PmdSnapshot.Table fresh, CollapseMode mode, KhugepagedSettings s) {
    boolean k = mode.isKhugepaged();
    int noneOrZero = 0;
    int shared = 0;
    int referenced = 0;
    Set<Long> seenLargeFolios = new HashSet<>();
    List<CollapsePlan.PteAction> actions = new ArrayList<>();
    ScanResult fail = null;
    for (PteView pte : fresh.ptes()) {
      if (pte instanceof PteView.None || pte instanceof PteView.ZeroPage) {
        noneOrZero++;
        actions.add(CollapsePlan.PteAction.ZERO_FILL);
        fail = !k || noneOrZero <= s.maxPtesNone() ? null : ScanResult.SCAN_EXCEED_NONE_PTE;
      } else if (pte instanceof PteView.Swap) {
        fail = ScanResult.SCAN_PTE_NON_PRESENT;
      } else {
        PteView.Mapped m = (PteView.Mapped) pte;
        PageInfo p = m.page();
        if (!p.anon()) {
          throw new IllegalStateException(
              "isolate: page 0x" + Long.toHexString(p.pfn()) + " not anon");
        }
        if (p.mappedShared() && ++shared > s.maxPtesShared() && k) {
          fail = ScanResult.SCAN_EXCEED_SHARED_PTE;
        } else if (p.nrPages() == 1 || seenLargeFolios.add(p.folio())) {
          fail = isolateFolio(p);
        }
        if (fail == null && k && (m.young() || p.referenced())) {
          referenced++;
        }
        actions.add(CollapsePlan.PteAction.COPY);
      }
      if (fail != null) {
        return new CollapsePlan.Isolation(
            fail, noneOrZero, shared, referenced, VmEvents.of(fail), List.of());
      }
    }
    ScanResult r =
        k && referenced == 0 ? ScanResult.SCAN_LACK_REFERENCED_PAGE : ScanResult.SCAN_SUCCEED;
    return new CollapsePlan.Isolation(
        r,
        noneOrZero,
        shared,
        referenced,
        VmEvents.NONE,
        r == ScanResult.SCAN_SUCCEED ? List.copyOf(actions) : List.of());
  }

  /** {@code folio_trylock}, {@code is_refcount_suitable}, {@code folio_isolate_lru}. */
  private static ScanResult isolateFolio(PageInfo p) {
    if (p.locked()) {
      return ScanResult.SCAN_PAGE_LOCK;
    }
    if (!p.refcountSuitable()) {
      return ScanResult.SCAN_PAGE_COUNT;
    }
    return p.lru() ? null : ScanResult.SCAN_DEL_PAGE_LRU;
  }
}
