package dev.pagelab.sim.khugepaged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random ranges of empty, zero-page, swapped, shared and young or cold PTEs: the rules agree with a
 * plain count of each kind, and a plan never loses a page.
 */
class CollapseRulesPropertiesTest {
  private static final long ADDR = 0x7f00_0000_0000L;
  private static final int NR = KhugepagedSettings.HPAGE_PMD_NR;

  /** The kind of each generated PTE, kept to count independently of the rules. */
  private enum Kind {
    NONE,
    ZERO,
    SWAP,
    YOUNG,
    COLD,
    SHARED_YOUNG
  }

  private static List<Kind> kinds(long seed, int[] weights) {
    Random rnd = new Random(seed);
    int total = IntStream.of(weights).sum();
    List<Kind> out = new ArrayList<>();
    for (int i = 0; i < NR; i++) {
      int x = rnd.nextInt(Math.max(1, total));
      int k = 0;
      while (k < weights.length - 1 && x >= weights[k]) {
        x -= weights[k++];
      }
      out.add(total == 0 ? Kind.NONE : Kind.values()[k]);
    }
    return out;
  }

  private static PmdSnapshot.Table table(List<Kind> kinds) {
    List<PteView> ptes = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      ptes.add(
          switch (kinds.get(i)) {
            case NONE -> PteView.NONE;
            case ZERO -> new PteView.ZeroPage();
            case SWAP -> new PteView.Swap(i);
            case YOUNG -> PteView.touched(i);
            case COLD -> new PteView.Mapped(true, false, false, PageInfo.anonExclusive(i));
            case SHARED_YOUNG ->
                new PteView.Mapped(true, true, false, PageInfo.small(i, 2, 2, false));
          });
    }
    return new PmdSnapshot.Table(ptes);
  }

  /** The index of the (limit+1)-th PTE of the given kinds, or NR if there are not that many. */
  private static int firstOver(List<Kind> kinds, int limit, Kind... of) {
    List<Kind> set = List.of(of);
    int seen = 0;
    for (int i = 0; i < kinds.size(); i++) {
      if (set.contains(kinds.get(i)) && ++seen > limit) {
        return i;
      }
    }
    return NR;
  }

  private static long count(List<Kind> kinds, Kind... of) {
    return kinds.stream().filter(List.of(of)::contains).count();
  }

  /** What khugepaged must answer, from plain counts. */
  private static ScanResult expected(List<Kind> kinds, KhugepagedSettings s) {
    int none = firstOver(kinds, s.maxPtesNone(), Kind.NONE, Kind.ZERO);
    int swap = firstOver(kinds, s.maxPtesSwap(), Kind.SWAP);
    int shared = firstOver(kinds, s.maxPtesShared(), Kind.SHARED_YOUNG);
    int first = Math.min(none, Math.min(swap, shared));
    if (first < NR) {
      return first == none
          ? ScanResult.SCAN_EXCEED_NONE_PTE
          : first == swap ? ScanResult.SCAN_EXCEED_SWAP_PTE : ScanResult.SCAN_EXCEED_SHARED_PTE;
    }
    long referenced = count(kinds, Kind.YOUNG, Kind.SHARED_YOUNG);
    boolean swapIns = count(kinds, Kind.SWAP) > 0;
    return referenced == 0 || (swapIns && referenced < NR / 2)
        ? ScanResult.SCAN_LACK_REFERENCED_PAGE
        : ScanResult.SCAN_SUCCEED;
  }

  private static List<Integer> indexes(List<Kind> kinds, Kind... of) {
    return IntStream.range(0, NR).filter(i -> List.of(of).contains(kinds.get(i))).boxed().toList();
  }

  @Property(tries = 300)
  void theRulesAgreeWithAPlainCountAndPlansLoseNoPage(
      @ForAll long seed,
      @ForAll @IntRange(max = 9) int none,
      @ForAll @IntRange(max = 3) int zero,
      @ForAll @IntRange(max = 4) int swap,
      @ForAll @IntRange(max = 9) int young,
      @ForAll @IntRange(max = 6) int cold,
      @ForAll @IntRange(max = 4) int shared,
      @ForAll @IntRange(max = 511) int maxNone,
      @ForAll @IntRange(max = 511) int maxSwap,
      @ForAll @IntRange(max = 511) int maxShared) {
    List<Kind> kinds = kinds(seed, new int[] {none, zero, swap, young, cold, shared});
    KhugepagedSettings s =
        new KhugepagedSettings(4096, 10000, 60000, maxNone, maxSwap, maxShared, true);
    PmdSnapshot.Table t = table(kinds);

    ScanVerdict k = CollapseRules.scanPmd(ADDR, t, CollapseMode.KHUGEPAGED, s);
    assertEquals(expected(kinds, s), k.result());
    ScanVerdict m = CollapseRules.scanPmd(ADDR, t, CollapseMode.MADV_COLLAPSE, s);
    assertEquals(ScanResult.SCAN_SUCCEED, m.result(), "MADV_COLLAPSE ignores limits and age");

    for (ScanVerdict v : List.of(k, m)) {
      if (v.plan().isEmpty()) {
        continue;
      }
      CollapsePlan p = v.plan().get();
      assertEquals(indexes(kinds, Kind.YOUNG, Kind.COLD, Kind.SHARED_YOUNG), p.copies());
      assertEquals(indexes(kinds, Kind.SWAP), p.swapIns());
      assertEquals(indexes(kinds, Kind.NONE, Kind.ZERO), p.zeroFills());
      assertIsolationAfterSwapInCopiesEverything(kinds, p);
    }
  }

  /** After the plan's swap-ins the isolation succeeds and copies every page. */
  private static void assertIsolationAfterSwapInCopiesEverything(List<Kind> kinds, CollapsePlan p) {
    List<Kind> after = new ArrayList<>(kinds);
    p.swapIns().forEach(i -> after.set(i, Kind.YOUNG));
    CollapsePlan.Isolation iso = p.isolate(table(after));
    assertEquals(ScanResult.SCAN_SUCCEED, iso.result());
    java.util.Set<Integer> present = new java.util.HashSet<>(p.copies());
    present.addAll(p.swapIns());
    for (int i = 0; i < NR; i++) {
      assertEquals(
          present.contains(i) ? CollapsePlan.PteAction.COPY : CollapsePlan.PteAction.ZERO_FILL,
          iso.actions().get(i),
          "PTE " + i);
    }
  }
}
