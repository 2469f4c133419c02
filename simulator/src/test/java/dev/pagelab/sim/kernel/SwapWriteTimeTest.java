package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.vm.Prot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Swap writes go through the disk's request queue: kswapd's next batch waits until its writes are
 * done, so it frees anonymous memory no faster than the disk writes it, and an allocating task that
 * outruns it reclaims directly, as on Linux ({@code pgscan_kswapd} and {@code pgscan_direct} both
 * grow).
 */
class SwapWriteTimeTest {
  private static final long MIB = 1L << 20;

  private Machine m;

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  /** A hog touching {@code hogMib} MiB of a 256 MiB machine with 128 MiB of swap. */
  private Process hog(long hogMib, long diskLatency, long diskPageNanos) throws Exception {
    m =
        new Machine(
            new MachineConfig(
                256 * MIB, 128 * MIB, PagingMode.FOUR_LEVEL, 64, -1, 10, 1, 50, "never", 42, 2));
    m.disk().configure(diskLatency, diskPageNanos);
    Process p = m.spawn("hog", "/usr/bin/hog");
    long len = hogMib * MIB;
    long at = m.mmap(p, 0, len, Prot.RW, false, false, null, 0);
    for (long off = 0; off < len; off += 4096) {
      m.access(p, at + off, AccessType.WRITE);
    }
    return p;
  }

  @Test
  void aHogOutrunningTheDiskMakesItselfReclaim() throws Exception {
    Process p = hog(260, 100_000, 4_000);
    assertTrue(p.alive(), "swap had room");
    assertTrue(vm("pswpout") > 0);
    assertTrue(vm("pgscan_kswapd") > 0, "kswapd swapped");
    assertTrue(vm("pgscan_direct") > 0, "the hog reclaimed directly: " + vm("pgscan_direct"));
    assertEquals(vm("pgsteal_anon"), vm("pswpout"));
  }

  @Test
  void anInstantDiskLeavesMoreToKswapd() throws Exception {
    hog(260, 100_000, 4_000);
    long slowDirect = vm("pgscan_direct");
    hog(260, 0, 0);
    long fastDirect = vm("pgscan_direct");
    assertTrue(
        fastDirect < slowDirect, "direct scans: " + fastDirect + " vs " + slowDirect + " (slow)");
  }
}
