package dev.pagelab.sim.khugepaged;

import static dev.pagelab.sim.khugepaged.FakeTarget.MB2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The khugepaged scan loop of mm/khugepaged.c on a fake machine. */
class KhugepagedTest {
  private static final long A = 0x4000_0000L;
  private static final KhugepagedSettings D = KhugepagedSettings.DEFAULTS;

  private static Khugepaged daemon() {
    return new Khugepaged(D, ThpEnabled.ALWAYS);
  }

  private static String at(int mm, long addr) {
    return mm + "@" + Long.toHexString(addr);
  }

  @Test
  void registrationWakesAnIdleDaemonAtOnce() {
    Khugepaged k = daemon();
    assertEquals(Long.MAX_VALUE, k.nextWakeMillis());
    assertTrue(k.enterVma(1, VmaRange.anon(A, A + 4 * MB2), ThpDisable.NONE, 500));
    assertEquals(500, k.nextWakeMillis());
    assertFalse(k.enterVma(1, VmaRange.anon(A, A + 4 * MB2), ThpDisable.NONE, 600));
    assertTrue(k.enterVma(2, VmaRange.anon(A, A + 4 * MB2), ThpDisable.NONE, 700));
    assertEquals(500, k.nextWakeMillis(), "a second mm does not wake a daemon with work");
    assertEquals(List.of(1, 2), k.slots());
  }

  @Test
  void aPassScansPagesToScanPtesThenSleepsScanSleep() {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 32 * MB2));
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    WakeReport r = k.wake(0, t);
    assertEquals(1, r.passes());
    // 1 for entering the mm + 8 ranges * 512 = 4097 >= 4096: eight ranges per pass.
    assertEquals(8, t.snapshots.size());
    assertEquals(A + 8 * MB2, k.cursorAddress());
    assertEquals(10_000, k.nextWakeMillis());
    assertEquals(0, k.wake(9_999, t).passes());
    assertEquals(3, k.wake(30_000, t).passes());
    assertEquals(32, t.snapshots.size());
    assertEquals(0, k.fullScans(), "the budget ran out on the last range: the mm is not done");
    k.wake(40_000, t);
    assertEquals(1, k.fullScans());
    assertEquals(at(1, A), t.snapshots.get(32), "after the wrap the same pass starts again");
    assertEquals(40, t.snapshots.size());
    assertEquals(A + 8 * MB2, k.cursorAddress());
  }

  @Test
  void slotsAreScannedRoundRobinAndTheHeadIsPassedAtMostTwicePerPass() {
    FakeTarget t =
        new FakeTarget().mm(1, VmaRange.anon(A, A + 2 * MB2)).mm(2, VmaRange.anon(A, A + 2 * MB2));
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    k.enterVma(2, t.mm(2).vmas().get(0), ThpDisable.NONE, 0);
    WakeReport r = k.wake(0, t);
    assertEquals(List.of(at(1, A), at(1, A + MB2), at(2, A), at(2, A + MB2)), t.snapshots);
    assertEquals(1, k.fullScans());
    assertEquals(-1, k.cursorMm());
    assertEquals(
        List.of("khugepaged: full scan 1 done"),
        r.events().stream().map(KhugepagedEvent::logLine).toList());
    k.wake(10_000, t);
    assertEquals(8, t.snapshots.size());
    assertEquals(2, k.fullScans());
  }

  @Test
  void eachCollapseReentersTheMmAndCosts513() {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 20 * MB2)).fill(1, A, 20);
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    WakeReport r = k.wake(0, t);
    // 8 * 513 = 4104 >= 4096.
    assertEquals(8, k.pagesCollapsed());
    assertEquals(8, r.vmEvents().thpCollapseAlloc());
    assertEquals("khugepaged: collapsed 0x40000000 in pid 1", r.events().get(0).logLine());
    assertEquals(0, r.events().get(0).timeMillis());
    k.wake(10_000, t);
    assertEquals(16, k.pagesCollapsed());
    k.wake(20_000, t);
    assertEquals(20, k.pagesCollapsed());
    assertEquals(1, k.fullScans());
    assertEquals("20\n", k.show("pages_collapsed"));
    assertEquals("1\n", k.show("full_scans"));
  }

  @Test
  void twoMmsWithCollapsesInOnePass() {
    FakeTarget t =
        new FakeTarget()
            .mm(1, VmaRange.anon(A, A + 2 * MB2))
            .fill(1, A, 2)
            .mm(2, VmaRange.anon(A, A + 2 * MB2))
            .fill(2, A, 2);
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    k.enterVma(2, t.mm(2).vmas().get(0), ThpDisable.NONE, 0);
    k.wake(0, t);
    assertEquals(List.of(at(1, A), at(1, A + MB2), at(2, A), at(2, A + MB2)), t.collapses);
    assertEquals(4, k.pagesCollapsed());
    assertEquals(1, k.fullScans());
  }

  @Test
  void skippedVmasCostOneEach() throws Exception {
    VmaRange noHuge = new VmaRange(A, A + 2 * MB2, true, true, false, true);
    VmaRange tooSmall = VmaRange.anon(A + 2 * MB2, A + 3 * MB2 - 4096);
    VmaRange good = VmaRange.anon(A + 4 * MB2, A + 6 * MB2);
    for (long budget : new long[] {515, 516}) {
      FakeTarget t = new FakeTarget().mm(1, noHuge, tooSmall, good);
      Khugepaged k = new Khugepaged(D.withKnob("pages_to_scan", "" + budget), ThpEnabled.ALWAYS);
      k.enterVma(1, good, ThpDisable.NONE, 0);
      k.wake(0, t);
      // 1 (mm) + 1 + 1 (skipped VMAs) + 512 = 515: the budget is met after the first range.
      assertEquals(budget == 515 ? 1 : 2, t.snapshots.size(), "budget " + budget);
    }
  }

  @Test
  void pagesToScanOneScansOneRangePerWake() throws Exception {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 3 * MB2));
    Khugepaged k = new Khugepaged(D.withKnob("pages_to_scan", "1"), ThpEnabled.ALWAYS);
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    assertEquals(3, k.wake(20_000, t).passes());
    assertEquals(List.of(at(1, A), at(1, A + MB2), at(1, A + 2 * MB2)), t.snapshots);
  }

  @Test
  void aFailedAllocationSleepsAllocSleepThenASecondEndsThePass() {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 6 * MB2)).fill(1, A, 6);
    t.queuedOutcomes.add(ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL);
    t.queuedOutcomes.add(ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL);
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 1000);
    WakeReport r = k.wake(1000, t);
    assertEquals(61_000, k.nextWakeMillis());
    assertEquals(1, r.vmEvents().thpCollapseAllocFailed());
    assertEquals(
        List.of(
            "khugepaged: collapse of 0x40000000 in pid 1 failed: alloc_huge_page_failed",
            "khugepaged: huge page allocation failed, sleeping 60000 ms"),
        r.events().stream().map(KhugepagedEvent::logLine).toList());
    r = k.wake(61_000, t);
    assertEquals(1, r.vmEvents().thpCollapseAllocFailed());
    assertEquals(71_000, k.nextWakeMillis(), "second failure: the pass ends, scan_sleep follows");
    assertEquals(List.of(at(1, A), at(1, A + MB2)), t.collapses);
    k.wake(71_000, t);
    // Ranges 2..5 (4 * 513), the wrap (1), then ranges 0 and 1 again from the head.
    assertEquals(6, k.pagesCollapsed());
    assertEquals(1, k.fullScans());
  }

  @Test
  void writingASleepKnobWakesTheDaemonAndEndsAnAllocSleep() throws Exception {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 2 * MB2)).fill(1, A, 2);
    t.queuedOutcomes.add(ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL);
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    k.wake(0, t);
    assertEquals(60_000, k.nextWakeMillis());
    k.setSettings(D.withKnob("alloc_sleep_millisecs", "1000"), 5);
    assertEquals(5, k.nextWakeMillis());
    k.wake(5, t);
    assertEquals(1, k.pagesCollapsed());
    k.setSettings(k.settings().withKnob("max_ptes_none", "0"), 6);
    assertEquals(10_005, k.nextWakeMillis(), "other knobs do not wake it");
  }

  @Test
  void exitRemovesTheSlotOrLeavesItForTheCursorToCollect() {
    FakeTarget t =
        new FakeTarget()
            .mm(1, VmaRange.anon(A, A + 40 * MB2))
            .mm(2, VmaRange.anon(A, A + 2 * MB2))
            .mm(3, VmaRange.anon(A, A + 2 * MB2));
    Khugepaged k = daemon();
    for (int mm = 1; mm <= 3; mm++) {
      k.enterVma(mm, t.mm(mm).vmas().get(0), ThpDisable.NONE, 0);
    }
    k.wake(0, t);
    assertEquals(1, k.cursorMm());
    k.exit(2);
    assertEquals(List.of(1, 3), k.slots());
    k.exit(1);
    assertFalse(k.registered(1));
    assertEquals(List.of(1, 3), k.slots(), "the cursor's slot stays until the scanner comes back");
    t.snapshots.clear();
    k.wake(10_000, t);
    assertEquals(List.of(3), k.slots());
    assertEquals(List.of(at(3, A), at(3, A + MB2)), t.snapshots.subList(0, 2));
  }

  @Test
  void aCompletelyThpDisabledMmStaysRegisteredButIsSkipped() {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 2 * MB2)).fill(1, A, 1);
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    t.mms.put(1, new MmView(t.mm(1).vmas(), ThpDisable.COMPLETELY));
    k.wake(0, t);
    assertTrue(t.snapshots.isEmpty());
    assertEquals(1, k.fullScans());
    assertTrue(k.registered(1));
  }

  @Test
  void enabledNeverStopsTheThreadAndLeavingItScansAtOnce() {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 40 * MB2));
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    k.wake(0, t);
    k.setThpEnabled(ThpEnabled.NEVER, 3000);
    assertEquals(Long.MAX_VALUE, k.nextWakeMillis());
    assertEquals(-1, k.cursorMm());
    assertEquals(0, k.wake(100_000, t).passes());
    k.setThpEnabled(ThpEnabled.MADVISE, 200_000);
    assertEquals(200_000, k.nextWakeMillis());
    t.snapshots.clear();
    k.wake(200_000, t);
    assertTrue(t.snapshots.isEmpty(), "under madvise the VMA without VM_HUGEPAGE is skipped");
  }

  @Test
  void forkRegistersTheChildOfARegisteredMm() {
    Khugepaged k = daemon();
    k.fork(1, 2, 0);
    assertFalse(k.registered(2));
    k.enterVma(1, VmaRange.anon(A, A + MB2 * 2), ThpDisable.NONE, 0);
    k.fork(1, 2, 0);
    assertEquals(List.of(1, 2), k.slots());
  }

  @Test
  void swapInsAndIsolationFailuresAreReported() {
    FakeTarget t = new FakeTarget().mm(1, VmaRange.anon(A, A + 2 * MB2));
    t.ranges.put("1@" + Long.toHexString(A), Ranges.of().swap(10).touched(300).table());
    t.queuedOutcomes.add(ScanResult.SCAN_DEL_PAGE_LRU);
    Khugepaged k = daemon();
    k.enterVma(1, t.mm(1).vmas().get(0), ThpDisable.NONE, 0);
    WakeReport r = k.wake(0, t);
    assertEquals(0, k.pagesCollapsed());
    assertEquals(1, r.vmEvents().thpCollapseAlloc(), "allocated, then the isolation failed");
    assertTrue(r.events().get(0).logLine().endsWith("failed: could_not_delete_page_from_lru"));
    k.wake(10_000, t);
    assertEquals(1, k.pagesCollapsed(), "swapped in and collapsed on the next full scan");
  }

  @Test
  void registrationFollowsTheModeAndThePrctl() {
    VmaRange plain = VmaRange.anon(A, A + 2 * MB2);
    VmaRange advised = new VmaRange(A, A + 2 * MB2, true, true, true, false);
    Khugepaged madvise = new Khugepaged(D, ThpEnabled.MADVISE);
    assertFalse(madvise.enterVma(1, plain, ThpDisable.NONE, 0));
    assertTrue(madvise.enterVma(1, advised, ThpDisable.NONE, 0));
    Khugepaged always = daemon();
    assertFalse(always.enterVma(2, plain, ThpDisable.EXCEPT_ADVISED, 0));
    assertTrue(always.enterVma(2, advised, ThpDisable.EXCEPT_ADVISED, 0));
    assertFalse(always.enterVma(3, advised, ThpDisable.COMPLETELY, 0));
    Khugepaged never = new Khugepaged(D, ThpEnabled.NEVER);
    assertFalse(never.enterVma(4, advised, ThpDisable.NONE, 0));
    VmaRange untouched = new VmaRange(A, A + 2 * MB2, true, false, true, false);
    assertFalse(always.enterVma(5, untouched, ThpDisable.NONE, 0), "no anon_vma yet");
  }

  @Test
  void aRegisteredMmTheMachineForgotFailsLoudly() {
    Khugepaged k = daemon();
    k.enterVma(9, VmaRange.anon(A, A + 2 * MB2), ThpDisable.NONE, 0);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> k.wake(0, new FakeTarget()));
    assertEquals("scanMmSlot: no mm 9; exit(9) not called", e.getMessage());
  }
}
