package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Disk;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import org.junit.jupiter.api.Test;

/**
 * The completion race of reads in flight: a read request ends bio by bio, {@code mpage_end_io}
 * unlocks the folios of a bio one after another, and a task asleep on one of them runs again a
 * wake-up time later, so its retried fault-around may find the rest of its window still locked.
 */
class ReadCompletionRaceTest {
  private static final long LEN = 100L << 20;

  @Test
  void aRequestOfSmallFoliosEndsBioByBioAndFolioByFolio() {
    Disk disk = new Disk();
    disk.configure(100_000, 4_000);
    disk.configureCompletion(2, 50, 0);
    long[] unlock = disk.submitRead(1_000, new int[] {1, 1, 1, 4, 1});
    long start = 1_000 + 100_000;
    long bio0 = start + 2 * 4_000;
    long bio1 = start + 7 * 4_000;
    long bio2 = start + 8 * 4_000;
    assertArrayEquals(
        new long[] {bio0 + 50, bio0 + 100, bio1 + 50, bio1 + 100, bio2 + 50},
        unlock,
        "unlock time of each folio: its bio's end plus its place in the completion loop");
    assertEquals(bio2, disk.busyUntil(), "the request as a whole ends with its last page");
  }

  @Test
  void oneBioPerRequestWithoutLoopTimeUnlocksEveryFolioAtTheEnd() {
    Disk disk = new Disk();
    long[] unlock = disk.submitRead(0, new int[] {4, 4, 16});
    long end = Disk.DEFAULT_LATENCY_NANOS + 24 * Disk.DEFAULT_PAGE_NANOS;
    assertArrayEquals(new long[] {end, end, end}, unlock);
  }

  @Test
  void badCompletionTimesAreRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Disk().configureCompletion(256, -1, 0));
    assertTrue(e.getMessage().startsWith("Disk.configureCompletion"), e.getMessage());
  }

  @Test
  void theDefaultModelLosesNoRace() throws Exception {
    long floor = TruthFileFaultsTest.coldReadaheadFloor();
    assertEquals(floor, coldRead(false, 0, 0, 0), "the fewest faults of any cold Linux run");
    assertEquals(floor, coldRead(false, Disk.BIO_MAX_VECS, 0, 0), "bios alone change no count");
  }

  @Test
  void aWokenTaskThatOutrunsTheCompletionLoopFaultsAgain() throws Exception {
    long calm = coldRead(false, Disk.BIO_MAX_VECS, 0, 0);
    long race = coldRead(false, Disk.BIO_MAX_VECS, 100, 5_000);
    long slowerWakeUp = coldRead(false, Disk.BIO_MAX_VECS, 100, 20_000);
    assertTrue(race > calm, "a 5 us wake-up beats a 16-folio loop of 100 ns each: " + race);
    assertTrue(slowerWakeUp < race, "a slower wake-up loses more races: " + slowerWakeUp);
  }

  /**
   * A lost race costs faults and never saves one: whatever the times, with or without {@code
   * MADV_SEQUENTIAL}, a cold read takes at least the count of the run that lost no race, which is
   * why that count is the lowest of Linux's runs ({@code TruthFileFaultsTest}).
   */
  @Test
  void aLostRaceOnlyAddsFaults() throws Exception {
    long floor = coldRead(false, 0, 0, 0);
    long[][] times = {{20, 20_000}, {50, 5_000}, {100, 20_000}, {200, 50_000}};
    for (long[] t : times) {
      for (boolean sequential : new boolean[] {false, true}) {
        long n = coldRead(sequential, Disk.BIO_MAX_VECS, t[0], t[1]);
        assertTrue(
            n >= floor,
            "end_read "
                + t[0]
                + " ns, wake-up "
                + t[1]
                + " ns, sequential "
                + sequential
                + ": "
                + n);
      }
    }
  }

  /** Minor faults of one cold pass reading a 100 MiB file through a private mapping. */
  private static long coldRead(boolean sequential, int bio, long endRead, long wake)
      throws Exception {
    Machine machine = new Machine(MachineConfig.DEFAULT);
    machine.disk().configureCompletion(bio, endRead, wake);
    machine.file("/tmp/race.bin", LEN);
    Process p = machine.spawn("reader", "/tmp/reader");
    long at = machine.mmap(p, 0, LEN, Prot.R, false, false, "/tmp/race.bin", 0);
    if (sequential) {
      machine.madvise(p, at, LEN, Madvice.SEQUENTIAL);
    }
    long min0 = p.minFlt();
    for (long off = 0; off < LEN; off += 4096) {
      machine.access(p, at + off, AccessType.READ);
    }
    machine.checkInvariants();
    return p.minFlt() - min0;
  }
}
