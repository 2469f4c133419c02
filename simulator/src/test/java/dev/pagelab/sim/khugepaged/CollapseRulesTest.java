package dev.pagelab.sim.khugepaged;

import static dev.pagelab.sim.khugepaged.CollapseMode.KHUGEPAGED;
import static dev.pagelab.sim.khugepaged.CollapseMode.MADV_COLLAPSE;
import static dev.pagelab.sim.khugepaged.ScanResult.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hpage_collapse_scan_pmd} and {@code __collapse_huge_page_isolate} of Linux 6.18, case by
 * case, for khugepaged and for MADV_COLLAPSE.
 */
class CollapseRulesTest {
  private static final long ADDR = 0x7f00_0000_0000L;
  private static final KhugepagedSettings D = KhugepagedSettings.DEFAULTS;

  /** One row: a range, the knobs, and the result for khugepaged and for MADV_COLLAPSE. */
  record Case(
      String name,
      PmdSnapshot pmd,
      KhugepagedSettings s,
      ScanResult khugepaged,
      ScanResult madvise) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static KhugepagedSettings knobs(int none, int swap, int shared) {
    return new KhugepagedSettings(4096, 10000, 60000, none, swap, shared, true);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no PMD table", new PmdSnapshot.NoPmd(), D, SCAN_PMD_NULL, SCAN_PMD_NULL),
        new Case("empty PMD", new PmdSnapshot.EmptyPmd(), D, SCAN_PMD_NONE, SCAN_PMD_NONE),
        new Case("huge PMD", new PmdSnapshot.HugePmd(), D, SCAN_PMD_MAPPED, SCAN_PMD_MAPPED),
        new Case(
            "one touched page, 511 empty",
            Ranges.of().touched(1).table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case("all 512 empty", Ranges.of().table(), D, SCAN_EXCEED_NONE_PTE, SCAN_SUCCEED),
        new Case(
            "one touched, 511 zero pages",
            Ranges.of().touched(1).zero(511).table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "512 zero pages", Ranges.of().zero(512).table(), D, SCAN_EXCEED_NONE_PTE, SCAN_SUCCEED),
        new Case(
            "max_ptes_none=0, all touched",
            Ranges.of().touched(512).table(),
            knobs(0, 64, 256),
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "max_ptes_none=0, one empty",
            Ranges.of().touched(511).table(),
            knobs(0, 64, 256),
            SCAN_EXCEED_NONE_PTE,
            SCAN_SUCCEED),
        new Case(
            "max_ptes_none=10, 10 empty",
            Ranges.of().touched(502).table(),
            knobs(10, 64, 256),
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "max_ptes_none=10, 11 empty",
            Ranges.of().touched(501).table(),
            knobs(10, 64, 256),
            SCAN_EXCEED_NONE_PTE,
            SCAN_SUCCEED),
        new Case(
            "64 swapped, 448 young",
            Ranges.of().swap(64).touched(448).table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "65 swapped",
            Ranges.of().swap(65).touched(447).table(),
            D,
            SCAN_EXCEED_SWAP_PTE,
            SCAN_SUCCEED),
        new Case(
            "max_ptes_swap=0, one swapped",
            Ranges.of().touched(511).swap(1).table(),
            knobs(511, 0, 256),
            SCAN_EXCEED_SWAP_PTE,
            SCAN_SUCCEED),
        new Case(
            "one swapped, 255 young: swap-in needs half",
            Ranges.of().swap(1).touched(255).table(),
            D,
            SCAN_LACK_REFERENCED_PAGE,
            SCAN_SUCCEED),
        new Case(
            "one swapped, 256 young",
            Ranges.of().swap(1).touched(256).table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "256 shared",
            Ranges.of().page(256, Ranges.page(2, 2, true, true, false, false)).touched(256).table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "257 shared",
            Ranges.of().page(257, Ranges.page(2, 2, true, true, false, false)).table(),
            D,
            SCAN_EXCEED_SHARED_PTE,
            SCAN_SUCCEED),
        new Case(
            "max_ptes_shared=0, one shared",
            Ranges.of().touched(1).page(1, Ranges.page(3, 3, true, true, false, false)).table(),
            knobs(511, 64, 0),
            SCAN_EXCEED_SHARED_PTE,
            SCAN_SUCCEED),
        new Case(
            "no young PTE",
            Ranges.of().cold(512).table(),
            D,
            SCAN_LACK_REFERENCED_PAGE,
            SCAN_SUCCEED),
        new Case(
            "no young PTE, one page referenced",
            Ranges.of()
                .cold(511)
                .add(
                    1,
                    i ->
                        new PteView.Mapped(
                            true,
                            false,
                            false,
                            new PageInfo(9, 9, 1, 1, 1, true, true, false, false, true, false)))
                .table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "read-only but young (6.18: no SCAN_PAGE_RO)",
            Ranges.of()
                .add(512, i -> new PteView.Mapped(false, true, false, PageInfo.anonExclusive(i)))
                .table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "a page-cache page",
            Ranges.of().touched(5).page(1, Ranges.page(1, 1, false, true, false, false)).table(),
            D,
            SCAN_PAGE_ANON,
            SCAN_PAGE_ANON),
        new Case(
            "a page off the LRU",
            Ranges.of().touched(5).page(1, Ranges.page(1, 1, true, false, false, false)).table(),
            D,
            SCAN_PAGE_LRU,
            SCAN_PAGE_LRU),
        new Case(
            "a locked page",
            Ranges.of().touched(5).page(1, Ranges.page(1, 1, true, true, true, false)).table(),
            D,
            SCAN_PAGE_LOCK,
            SCAN_PAGE_LOCK),
        new Case(
            "a pinned page",
            Ranges.of().touched(5).page(1, Ranges.page(1, 2, true, true, false, false)).table(),
            D,
            SCAN_PAGE_COUNT,
            SCAN_PAGE_COUNT),
        new Case(
            "a page in the swap cache",
            Ranges.of().touched(5).page(1, Ranges.page(1, 2, true, true, false, true)).table(),
            D,
            SCAN_SUCCEED,
            SCAN_SUCCEED),
        new Case(
            "first failing PTE decides: locked before off-LRU",
            Ranges.of()
                .page(1, Ranges.page(1, 1, true, true, true, false))
                .page(1, Ranges.page(1, 1, true, false, false, false))
                .table(),
            D,
            SCAN_PAGE_LOCK,
            SCAN_PAGE_LOCK),
        new Case(
            "first failing PTE decides: empty before swap",
            Ranges.of().touched(1).none(1).swap(1).table(),
            knobs(0, 0, 0),
            SCAN_EXCEED_NONE_PTE,
            SCAN_SUCCEED),
        new Case(
            "off-LRU before a later shared-limit breach",
            Ranges.of()
                .page(1, Ranges.page(1, 1, true, false, false, false))
                .page(2, Ranges.page(2, 2, true, true, false, false))
                .table(),
            knobs(511, 64, 1),
            SCAN_PAGE_LRU,
            SCAN_PAGE_LRU));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void khugepagedResult(Case c) {
    assertEquals(c.khugepaged(), CollapseRules.scanPmd(ADDR, c.pmd(), KHUGEPAGED, c.s()).result());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void madviseCollapseResult(Case c) {
    assertEquals(c.madvise(), CollapseRules.scanPmd(ADDR, c.pmd(), MADV_COLLAPSE, c.s()).result());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aPlanComesExactlyWithSuccessAndCoversTheRange(Case c) {
    for (CollapseMode mode : CollapseMode.values()) {
      ScanVerdict v = CollapseRules.scanPmd(ADDR, c.pmd(), mode, c.s());
      assertEquals(v.result() == SCAN_SUCCEED, v.plan().isPresent());
      v.plan()
          .ifPresent(
              p -> {
                List<Integer> all = new ArrayList<>(p.swapIns());
                all.addAll(p.copies());
                all.addAll(p.zeroFills());
                all.sort(null);
                assertEquals(IntStream.range(0, 512).boxed().toList(), all);
              });
    }
  }

  @Test
  void countsAreThoseOfTheTracepoint() {
    PmdSnapshot t = Ranges.of().swap(3).touched(300).zero(9).table();
    ScanVerdict v = CollapseRules.scanPmd(ADDR, t, KHUGEPAGED, D);
    assertEquals(SCAN_SUCCEED, v.result());
    assertEquals(3, v.unmapped());
    assertEquals(9 + 200, v.noneOrZero());
    assertEquals(300, v.referenced());
    CollapsePlan p = v.plan().orElseThrow();
    assertEquals(List.of(0, 1, 2), p.swapIns());
    assertEquals(300, p.copies().size());
    assertEquals(209, p.zeroFills().size());
    assertEquals(ADDR + 2 * 4096, p.addressOf(2));
    assertEquals(0, CollapseRules.scanPmd(ADDR, t, MADV_COLLAPSE, D).referenced());
  }

  @Test
  void countingStopsAtTheFirstPteOverTheLimit() {
    PmdSnapshot t = Ranges.of().touched(1).table();
    ScanVerdict v = CollapseRules.scanPmd(ADDR, t, KHUGEPAGED, knobs(5, 64, 256));
    assertEquals(SCAN_EXCEED_NONE_PTE, v.result());
    assertEquals(6, v.noneOrZero());
    assertEquals(1, v.referenced());
  }

  @Test
  void exceededLimitsCountTheirVmstatEvent() {
    assertEquals(
        1,
        CollapseRules.scanPmd(ADDR, Ranges.of().table(), KHUGEPAGED, D)
            .events()
            .thpScanExceedNonePte());
    assertEquals(
        1,
        CollapseRules.scanPmd(ADDR, Ranges.of().swap(65).table(), KHUGEPAGED, D)
            .events()
            .thpScanExceedSwapPte());
    PmdSnapshot shared = Ranges.of().page(257, Ranges.page(2, 2, true, true, false, false)).table();
    assertEquals(
        1, CollapseRules.scanPmd(ADDR, shared, KHUGEPAGED, D).events().thpScanExceedSharePte());
    assertEquals(VmEvents.NONE, CollapseRules.scanPmd(ADDR, shared, MADV_COLLAPSE, D).events());
  }

  @Test
  void defragDecidesKhugepagedsGfpMaskButNotMadvise() throws Exception {
    PmdSnapshot t = Ranges.of().touched(1).table();
    KhugepagedSettings noDefrag = D.withKnob("defrag", "0");
    assertTrue(CollapseRules.scanPmd(ADDR, t, KHUGEPAGED, D).plan().orElseThrow().gfpTranshuge());
    assertEquals(
        false,
        CollapseRules.scanPmd(ADDR, t, KHUGEPAGED, noDefrag).plan().orElseThrow().gfpTranshuge());
    assertTrue(
        CollapseRules.scanPmd(ADDR, t, MADV_COLLAPSE, noDefrag)
            .plan()
            .orElseThrow()
            .gfpTranshuge());
  }

  @Test
  void unalignedAddressIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CollapseRules.scanPmd(ADDR + 4096, new PmdSnapshot.EmptyPmd(), KHUGEPAGED, D));
  }

  @Test
  void isolateAfterSwapInCopiesEveryPresentPageAndZeroFillsTheRest() {
    PmdSnapshot.Table before = Ranges.of().swap(2).touched(300).table();
    CollapsePlan plan = CollapseRules.scanPmd(ADDR, before, KHUGEPAGED, D).plan().orElseThrow();
    PmdSnapshot.Table after = Ranges.of().touched(302).table();
    CollapsePlan.Isolation iso = plan.isolate(after);
    assertEquals(SCAN_SUCCEED, iso.result());
    assertEquals(302, iso.actions().stream().filter(a -> a == CollapsePlan.PteAction.COPY).count());
    assertEquals(210, iso.noneOrZero());
  }

  @Test
  void isolateFailsOnASwapEntryLeftBehind() {
    PmdSnapshot.Table t = Ranges.of().touched(10).swap(1).table();
    CollapsePlan.Isolation iso = CollapseRules.isolate(t, MADV_COLLAPSE, D);
    assertEquals(SCAN_PTE_NON_PRESENT, iso.result());
    assertTrue(iso.actions().isEmpty());
  }

  @Test
  void isolateChecksLruByIsolatingAndLimitsOnlyForKhugepaged() {
    PmdSnapshot.Table offLru =
        Ranges.of().touched(3).page(1, Ranges.page(1, 1, true, false, false, false)).table();
    assertEquals(SCAN_DEL_PAGE_LRU, CollapseRules.isolate(offLru, KHUGEPAGED, D).result());
    PmdSnapshot.Table empty = Ranges.of().table();
    assertEquals(SCAN_EXCEED_NONE_PTE, CollapseRules.isolate(empty, KHUGEPAGED, D).result());
    assertEquals(SCAN_SUCCEED, CollapseRules.isolate(empty, MADV_COLLAPSE, D).result());
    PmdSnapshot.Table cold = Ranges.of().cold(4).table();
    assertEquals(SCAN_LACK_REFERENCED_PAGE, CollapseRules.isolate(cold, KHUGEPAGED, D).result());
  }

  @Test
  void isolateChecksALargeFolioOnceButCountsEveryYoungPte() {
    PageInfo thp = new PageInfo(512, 512, 512, 512, 512, true, true, false, false, false, false);
    PmdSnapshot.Table t = Ranges.of().page(512, thp).table();
    CollapsePlan.Isolation iso = CollapseRules.isolate(t, KHUGEPAGED, D);
    assertEquals(SCAN_SUCCEED, iso.result());
    assertEquals(512, iso.referenced());
    PageInfo pinned = new PageInfo(512, 512, 512, 512, 513, true, true, false, false, false, false);
    assertEquals(
        SCAN_PAGE_COUNT,
        CollapseRules.isolate(Ranges.of().page(512, pinned).table(), KHUGEPAGED, D).result());
  }

  @Test
  void aTableMustHave512Entries() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new PmdSnapshot.Table(List.of(PteView.NONE)));
    assertEquals("PmdSnapshot.Table: 1 PTEs, not 512", e.getMessage());
  }
}
