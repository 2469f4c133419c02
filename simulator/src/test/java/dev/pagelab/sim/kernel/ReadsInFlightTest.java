package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readahead reads complete on the simulated clock: a folio they add is cached but locked and not
 * uptodate until the disk finishes, fault-around skips it, and a fault on it sleeps and counts as a
 * minor fault.
 */
class ReadsInFlightTest {
  private static final String PATH = "/tmp/inflight.bin";
  private static final long LEN = 100L << 20;

  private Machine machine;
  private Process p;
  private long at;
  private MappedFile file;

  @BeforeEach
  void mapTheFileSequential() throws Exception {
    machine = new Machine(MachineConfig.DEFAULT);
    file = machine.file(PATH, LEN);
    p = machine.spawn("reader", "/tmp/reader");
    machine.advance(machine.takeIoWait());
    machine.advance(Math.max(0, machine.disk().busyUntil() - machine.nanos())); // the disk is idle
    at = machine.mmap(p, 0, LEN, Prot.R, false, false, PATH, 0);
    machine.madvise(p, at, LEN, Madvice.SEQUENTIAL);
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private PageCache cache() {
    return machine.pageCache();
  }

  @Test
  void theMajorFaultWaitsForItsWindowOnly() {
    long ra = machine.writeback().readAheadPages();
    machine.access(p, at, AccessType.READ);
    long waited = machine.takeIoWait();
    long window = machine.disk().latencyNanos() + ra * machine.disk().pageNanos();
    assertEquals(window, waited, "the first fault sleeps until its readahead window is read");
    assertEquals(1, p.majFlt());
  }

  @Test
  void aFolioOfTheNextWindowIsLockedUntilTheDiskReadsIt() {
    long ra = machine.writeback().readAheadPages();
    machine.access(p, at, AccessType.READ);
    machine.access(p, at + (ra / 2) * 4096, AccessType.READ); // the readahead mark
    Folio next = cache().lookup(file, ra);
    assertNotNull(next, "the mark started the next window");
    assertFalse(cache().uptodate(next), "its read is in flight");
    long done = next.readDoneNanos();
    assertTrue(done > cache().now());
    long minBefore = p.minFlt();
    machine.access(p, at + ra * 4096, AccessType.READ);
    assertTrue(cache().uptodate(next), "the fault slept until the read completed");
    assertEquals(done, cache().now(), "it slept exactly until then");
    assertEquals(minBefore + 1, p.minFlt(), "a wait on a locked folio is one minor fault");
    assertEquals(1, p.majFlt());
    assertTrue(X86Paging.isPresent(p.mm().readPte(at + ra * 4096)));
  }

  @Test
  void faultAroundSkipsFoliosWhoseReadIsInFlight() {
    long ra = machine.writeback().readAheadPages();
    machine.access(p, at, AccessType.READ);
    machine.access(p, at + (ra / 2) * 4096, AccessType.READ);
    Folio next = cache().lookup(file, ra + 4);
    assertFalse(cache().uptodate(next));
    assertFalse(p.mm().faultAround(at + (ra + 4) * 4096), "nothing uptodate to map there");
    assertEquals(0, p.mm().readPte(at + (ra + 4) * 4096));
  }

  @Test
  void aSlowerDiskMakesTheTaskWaitLonger() throws Exception {
    machine.disk().configure(1_000_000, 0);
    machine.madvise(p, at, LEN, Madvice.RANDOM);
    for (int i = 0; i < 10; i++) {
      machine.access(p, at + i * 4096L, AccessType.READ);
    }
    assertEquals(10, p.majFlt());
    assertEquals(10_000_000, machine.takeIoWait(), "ten one-page reads of 1 ms each");
  }

  @Test
  void readingTheFileWaitsUntilTheLastWindowIsIn() throws Exception {
    machine.read(PATH);
    machine.advance(machine.takeIoWait());
    assertEquals(machine.disk().busyUntil(), machine.nanos(), "the task waited for the last read");
    for (Folio f : cache().folios(file)) {
      assertTrue(cache().uptodate(f), "read(2) copied every page, so every read completed");
    }
  }
}
