package dev.pagelab.sim.reclaim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The decisions of {@code get_scan_count} in the order mm/vmscan.c takes them. */
class ScanBalanceTest {
  private static final long HIGH = 1000;

  /** A node with plenty of free memory, 40000 file pages (half inactive) and 20000 anon. */
  private static ScanBalance.NodeState node(
      boolean canSwap, int swappiness, int priority, boolean fileLow) {
    return new ScanBalance.NodeState(
        canSwap, swappiness, priority, 5000, 40000, 20000, fileLow, 20000, false, HIGH);
  }

  @Test
  void withoutSwapOnlyFileIsScanned() {
    assertEquals(ScanBalance.FILE, ScanBalance.of(node(false, 200, 0, true)));
  }

  @Test
  void priorityZeroScansBothEquallyUnlessSwappinessIsZero() {
    assertEquals(ScanBalance.EQUAL, ScanBalance.of(node(true, 60, 0, true)));
    assertEquals(ScanBalance.FILE, ScanBalance.of(node(true, 0, 0, true)));
  }

  @Test
  void tinyFileCacheScansOnlyAnon() {
    var s = new ScanBalance.NodeState(true, 0, 12, 400, 500, 300, false, 20000, false, HIGH);
    assertEquals(ScanBalance.ANON, ScanBalance.of(s));
    var low = new ScanBalance.NodeState(true, 0, 12, 400, 500, 300, false, 20000, true, HIGH);
    assertEquals(ScanBalance.FILE, ScanBalance.of(low), "inactive anon low: not file_is_tiny");
  }

  @Test
  void plentyOfInactiveFileTrimsTheCacheOnly() {
    assertEquals(ScanBalance.FILE, ScanBalance.of(node(true, 200, 12, false)));
  }

  @Test
  void otherwiseSwappinessSplitsTheScan() {
    for (int swappiness : new int[] {1, 60, 100, 133, 200}) {
      ScanBalance b = ScanBalance.of(node(true, swappiness, 12, true));
      assertEquals(new ScanBalance(swappiness, 200 - swappiness), b);
      assertEquals(1000L * swappiness / 200, b.share(1000, false));
      assertEquals(1000L * (200 - swappiness) / 200, b.share(1000, true));
    }
  }

  @Test
  void equalScansEverythingOnBothSides() {
    assertEquals(777, ScanBalance.EQUAL.share(777, true));
    assertEquals(777, ScanBalance.EQUAL.share(777, false));
    assertThrows(IllegalArgumentException.class, () -> new ScanBalance(0, 0));
  }
}
