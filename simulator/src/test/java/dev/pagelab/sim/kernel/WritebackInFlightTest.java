package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.cache.PageCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writeback takes time on the simulated disk: folios being written are {@code PG_writeback},
 * counted in meminfo Writeback and {@code nr_writeback} instead of Dirty, until the request
 * completes; {@code sync} waits for it, reclaim skips them.
 */
class WritebackInFlightTest {
  private static final long MIB = 1L << 20;
  private static final long SEC = 1_000_000_000L;

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(MachineConfig.DEFAULT.withRam(1L << 30));
    m.advance(m.takeIoWait()); // the clock covers what booting init waited for
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long kb(String field) {
    return ProcFs.meminfoFields(m).get(field);
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  @Test
  void backgroundWritebackIsInFlightThenCompletes() throws Exception {
    long background = m.writeback().limits(m).backgroundPages();
    m.write("/tmp/big", 0, (background + 5000) * 4096);
    assertEquals(0, m.takeIoWait(), "the writer was not throttled");
    assertEquals(0, kb("Writeback"), "nothing is written before the flusher wakes");
    long dirty = kb("Dirty");
    m.advance(5 * SEC); // dirty_writeback_centisecs: the flusher wakes exactly now
    long wb = kb("Writeback");
    assertTrue(wb > 0, "background writeback started and is in flight");
    assertEquals(wb / 4, vm("nr_writeback"));
    assertEquals(dirty, kb("Dirty") + wb, "Dirty dropped by what went to writeback");
    long done = m.disk().busyUntil();
    assertTrue(done > m.nanos());
    m.advance(done - m.nanos() - 1);
    assertEquals(wb, kb("Writeback"), "still in flight one nanosecond before the disk finishes");
    m.advance(1);
    assertEquals(0, kb("Writeback"), "the write completed");
    assertEquals(dirty - wb, kb("Dirty"));
  }

  @Test
  void syncWaitsUntilEveryWriteHasCompleted() throws Exception {
    m.write("/tmp/a", 0, 40 * MIB);
    m.takeIoWait();
    long pages = kb("Dirty") / 4;
    long written = m.sync();
    assertEquals(pages, written);
    assertEquals(0, kb("Dirty"));
    assertEquals(0, kb("Writeback"), "sync returns after the writes completed");
    long waited = m.takeIoWait();
    assertTrue(
        waited >= pages * m.disk().pageNanos() + m.disk().latencyNanos(),
        "sync slept for the disk: " + waited);
  }

  @Test
  void reclaimSkipsFoliosUnderWriteback() throws Exception {
    m.write("/tmp/a", 0, 8 * MIB);
    PageCache cache = m.pageCache();
    MappedFile f = m.existingFile("/tmp/a");
    long started = cache.writebackSome(Long.MAX_VALUE);
    assertEquals(started, cache.writebackPages());
    long cachedBefore = cache.filePages();
    PageCache.Shrink s = cache.shrinkInactiveFile(cache.inactiveFilePages());
    assertTrue(s.writeback() > 0, "reclaim met folios under writeback");
    long underWriteback = 0;
    for (Folio folio : cache.folios(f)) {
      assertTrue(folio.writeback(), "every page of the file is still being written");
      underWriteback += folio.pages();
    }
    assertEquals(8 * MIB / 4096, underWriteback, "none of them was freed");
    assertEquals(cachedBefore - s.reclaimed(), cache.filePages());
    m.advance(cache.disk().busyUntil() - m.nanos());
    PageCache.Shrink again = cache.shrinkInactiveFile(cache.inactiveFilePages());
    assertEquals(0, again.writeback());
    assertEquals(0, cache.folios(f).size(), "written, clean and unmapped: freed now");
  }
}
