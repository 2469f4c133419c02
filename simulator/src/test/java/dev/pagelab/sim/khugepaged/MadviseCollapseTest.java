package dev.pagelab.sim.khugepaged;

import static dev.pagelab.sim.khugepaged.FakeTarget.MB2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code madvise_collapse} of Linux 6.18 on a fake machine. */
class MadviseCollapseTest {
  private static final long A = 0x4000_0000L;
  private static final int MM = 7;

  private final Khugepaged k = new Khugepaged(KhugepagedSettings.DEFAULTS, ThpEnabled.NEVER);

  private MadviseCollapseResult collapse(FakeTarget t, VmaRange vma, long start, long end) {
    return k.madviseCollapse(MM, vma, ThpDisable.NONE, start, end, 42, t);
  }

  @Test
  void collapsesEveryRangeEvenUnderNeverAndWithOnePageEach() {
    VmaRange vma = VmaRange.anon(A, A + 2 * MB2);
    FakeTarget t = new FakeTarget().mm(MM, vma);
    t.ranges.put(MM + "@" + Long.toHexString(A), Ranges.of().cold(1).table());
    t.ranges.put(MM + "@" + Long.toHexString(A + MB2), Ranges.of().swap(300).table());
    MadviseCollapseResult r = collapse(t, vma, A, A + 2 * MB2);
    assertEquals("0", r.errno());
    assertEquals(2, r.thps());
    assertEquals(2, r.vmEvents().thpCollapseAlloc());
    assertEquals(0, k.pagesCollapsed(), "pages_collapsed counts khugepaged only");
    assertEquals(
        List.of(
            "madvise(MADV_COLLAPSE): collapsed 0x40000000 in pid 7",
            "madvise(MADV_COLLAPSE): collapsed 0x40200000 in pid 7"),
        r.events().stream().map(KhugepagedEvent::logLine).toList());
    assertEquals(42, r.events().get(0).timeMillis());
  }

  @Test
  void anAlreadyHugeRangeCountsAndAnUnalignedRemainderIsIgnored() {
    VmaRange vma = VmaRange.anon(A, A + 3 * MB2);
    FakeTarget t = new FakeTarget().mm(MM, vma).fill(MM, A + MB2, 1);
    t.ranges.put(MM + "@" + Long.toHexString(A), new PmdSnapshot.HugePmd());
    MadviseCollapseResult r = collapse(t, vma, A, A + 2 * MB2 + 4096);
    assertEquals("0", r.errno());
    assertEquals(2, r.ranges());
    assertEquals(List.of(MM + "@" + Long.toHexString(A + MB2)), t.collapses);
  }

  @Test
  void aRequestWithoutAWholeRangeSucceedsDoingNothing() {
    VmaRange vma = VmaRange.anon(A, A + 2 * MB2);
    MadviseCollapseResult r = collapse(new FakeTarget().mm(MM, vma), vma, A + 4096, A + MB2);
    assertEquals("0", r.errno());
    assertEquals(0, r.ranges());
  }

  @Test
  void anUntouchedRangeStopsItWithEinval() {
    VmaRange vma = VmaRange.anon(A, A + 2 * MB2);
    FakeTarget t = new FakeTarget().mm(MM, vma).fill(MM, A + MB2, 1);
    MadviseCollapseResult r = collapse(t, vma, A, A + 2 * MB2);
    assertEquals("EINVAL", r.errno());
    assertEquals(ScanResult.SCAN_PMD_NONE, r.lastFail());
    assertEquals(List.of(), t.collapses, "SCAN_PMD_NONE is not on 6.18's list to go on");
  }

  @Test
  void aLockedPageIsSkippedAndReportedAsEagain() {
    VmaRange vma = VmaRange.anon(A, A + 2 * MB2);
    FakeTarget t = new FakeTarget().mm(MM, vma).fill(MM, A + MB2, 1);
    t.ranges.put(
        MM + "@" + Long.toHexString(A),
        Ranges.of().page(1, Ranges.page(1, 1, true, true, true, false)).table());
    MadviseCollapseResult r = collapse(t, vma, A, A + 2 * MB2);
    assertEquals("EAGAIN", r.errno());
    assertEquals(1, r.thps());
  }

  @Test
  void aFailedAllocationIsEnomemAndStops() {
    VmaRange vma = VmaRange.anon(A, A + 2 * MB2);
    FakeTarget t = new FakeTarget().mm(MM, vma).fill(MM, A, 2);
    t.queuedOutcomes.add(ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL);
    MadviseCollapseResult r = collapse(t, vma, A, A + 2 * MB2);
    assertEquals("ENOMEM", r.errno());
    assertEquals(1, t.collapses.size());
    assertEquals(1, r.vmEvents().thpCollapseAllocFailed());
    assertEquals(0, r.vmEvents().thpCollapseAlloc());
  }

  @Test
  void aVmaThatDoesNotQualifyIsEinval() {
    VmaRange noHuge = new VmaRange(A, A + 2 * MB2, true, true, false, true);
    FakeTarget t = new FakeTarget().mm(MM, noHuge).fill(MM, A, 2);
    assertEquals("EINVAL", collapse(t, noHuge, A, A + 2 * MB2).errno());
    assertEquals(List.of(), t.snapshots);
  }

  @Test
  void errnosOfMadviseCollapseErrno() {
    assertEquals("ENOMEM", MadviseCollapseResult.errnoOf(ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL));
    assertEquals("EBUSY", MadviseCollapseResult.errnoOf(ScanResult.SCAN_CGROUP_CHARGE_FAIL));
    assertEquals("EBUSY", MadviseCollapseResult.errnoOf(ScanResult.SCAN_EXCEED_NONE_PTE));
    assertEquals("EAGAIN", MadviseCollapseResult.errnoOf(ScanResult.SCAN_PAGE_COUNT));
    assertEquals("EINVAL", MadviseCollapseResult.errnoOf(ScanResult.SCAN_PAGE_ANON));
  }
}
