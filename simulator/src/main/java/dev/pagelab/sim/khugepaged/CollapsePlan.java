package dev.pagelab.sim.khugepaged;

import java.util.List;

/**
 * What {@code collapse_huge_page} (mm/khugepaged.c) does to a range that passed the scan, for the
 * machine to execute in this order:
 *
 * <ol>
 *   <li>allocate an order-9 folio ({@link #gfpTranshuge()}: may reclaim and compact, else {@code
 *       GFP_TRANSHUGE_LIGHT}) and charge it to the memory cgroup ({@code alloc_charge_folio});
 *   <li>swap in every PTE of {@link #swapIns()} ({@code __collapse_huge_page_swapin}, only when the
 *       scan counted swap PTEs);
 *   <li>clear the PMD, take a fresh snapshot of the 512 PTEs and check it with {@link
 *       #isolate(PmdSnapshot.Table)} ({@code __collapse_huge_page_isolate}); on failure put the PTE
 *       table back and stop;
 *   <li>for each PTE: {@link PteAction#COPY} copies the page into the huge page and frees it (or
 *       unmaps it from its large folio); {@link PteAction#ZERO_FILL} clears that part of the huge
 *       page (and the zero-page PTE) and adds one anonymous page to the RSS ({@code
 *       __collapse_huge_page_copy}, {@code __collapse_huge_page_copy_succeeded});
 *   <li>deposit the old PTE table and map the huge page with a dirty PMD, writable if the VMA is
 *       ({@code maybe_pmd_mkwrite}), put it on the LRU.
 * </ol>
 *
 * @param address the 2 MiB-aligned start of the range
 * @param mode who collapses
 * @param settings the knobs in force
 * @param referenced referenced pages the scan counted (the swap-in tracepoint reports it)
 * @param swapIns indexes (0..511) of the PTEs to swap in first
 * @param copies indexes of present PTEs whose pages are copied
 * @param zeroFills indexes of empty or zero-page PTEs that become zeroes
 */
public record CollapsePlan(
    long address,
    CollapseMode mode,
    KhugepagedSettings settings,
    int referenced,
    List<Integer> swapIns,
    List<Integer> copies,
    List<Integer> zeroFills) {

  /** What the copy step does with one PTE. */
  public enum PteAction {
    /** Copy the mapped page into the huge page and release it. */
    COPY,
    /** Clear this 4 KiB of the huge page; the PTE was empty or mapped the zero page. */
    ZERO_FILL
  }

  /**
   * The outcome of {@code __collapse_huge_page_isolate} on the fresh PTEs.
   *
   * @param result SCAN_SUCCEED, or why the collapse stops
   * @param noneOrZero empty or zero-page PTEs counted
   * @param shared possibly shared pages counted
   * @param referenced referenced pages counted (khugepaged only)
   * @param events the {@code thp_scan_exceed_*} event counted
   * @param actions one action per PTE when the result is SCAN_SUCCEED, else empty
   */
  public record Isolation(
      ScanResult result,
      int noneOrZero,
      int shared,
      int referenced,
      VmEvents events,
      List<PteAction> actions) {}

  /**
   * A plan over a 2 MiB-aligned range.
   *
   * @throws IllegalArgumentException if the address is not aligned
   */
  public CollapsePlan {
    if (address % CollapseRules.HPAGE_PMD_SIZE != 0) {
      throw new IllegalArgumentException("CollapsePlan: address 0x" + Long.toHexString(address));
    }
    swapIns = List.copyOf(swapIns);
    copies = List.copyOf(copies);
    zeroFills = List.copyOf(zeroFills);
  }

  /**
   * The virtual address of PTE {@code index}.
   *
   * @param index 0..511
   * @return {@code address + index * 4096}
   */
  public long addressOf(int index) {
    return address + (long) index * CollapseRules.PAGE_SIZE;
  }

  /**
   * The allocation may stall to reclaim and compact: {@code GFP_TRANSHUGE} for {@code
   * MADV_COLLAPSE} and for khugepaged with {@code defrag=1} ({@code
   * alloc_hugepage_khugepaged_gfpmask}); {@code GFP_TRANSHUGE_LIGHT} otherwise.
   *
   * @return true for {@code GFP_TRANSHUGE}
   */
  public boolean gfpTranshuge() {
    return !mode.isKhugepaged() || settings.defrag();
  }

  /**
   * {@code __collapse_huge_page_isolate} on the PTEs taken after the swap-ins.
   *
   * @param fresh the range's PTEs now
   * @return whether the collapse may go on, and what to do with each PTE
   */
  public Isolation isolate(PmdSnapshot.Table fresh) {
    return CollapseRules.isolate(fresh, mode, settings);
  }
}
