package dev.pagelab.sim.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The disk queue: one request at a time, latency plus transfer time. */
class DiskTest {
  @Test
  void requestsQueueBehindEachOther() {
    Disk d = new Disk();
    d.configure(100, 10);
    assertEquals(1000 + 100 + 50, d.submit(1000, 5));
    assertEquals(1150 + 100 + 10, d.submit(1000, 1), "the second waits for the first");
    assertEquals(5000 + 100 + 20, d.submit(5000, 2), "an idle disk starts at once");
    assertEquals(3, d.requests());
  }

  @Test
  void theDefaultIsDocumented() {
    Disk d = new Disk();
    assertEquals(Disk.DEFAULT_LATENCY_NANOS, d.latencyNanos());
    assertEquals(Disk.DEFAULT_PAGE_NANOS, d.pageNanos());
    assertTrue(d.submit(0, 256) > 0);
  }

  @Test
  void badSettingsAreRefusedByName() {
    Disk d = new Disk();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.configure(-1, 4));
    assertTrue(e.getMessage().startsWith("Disk.configure"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.submit(0, 0));
  }
}
