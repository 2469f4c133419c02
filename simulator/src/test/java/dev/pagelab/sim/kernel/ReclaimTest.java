package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reclaim in the running machine: kswapd between the low and high watermarks, direct reclaim, the
 * file LRU lists' aging, dirty pages written back by reclaim, and the vmstat counters.
 */
class ReclaimTest {
  private static final long MIB = 1L << 20;

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(PressureConfig.of(1L << 30, 0));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  private long kb(String field) {
    return ProcFs.meminfoFields(m).get(field);
  }

  private long lowSum() {
    return m.watermarks().sumLowWatermarks();
  }

  private long highSum() {
    return m.watermarks().zones().stream().mapToLong(z -> z.high()).sum();
  }

  private void touch(Process p, long bytes) throws SyscallException {
    long addr = m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
    for (long off = 0; off < bytes; off += 4096) {
      assertTrue(m.access(p, addr + off, AccessType.WRITE), "no OOM kill at " + off);
    }
  }

  @Test
  void kswapdKeepsFreeMemoryBetweenTheWatermarksByFreeingPageCache() throws SyscallException {
    m.write("/data/big", 0, 700 * MIB);
    m.sync();
    long cached = m.pageCache().filePages();
    Process p = m.spawn("app", "/usr/bin/app");
    touch(p, 500 * MIB);
    long free = m.memory().freePages();
    assertTrue(free >= lowSum(), "kswapd restored free memory above low: " + free);
    // kswapd runs on the clock in batches of at least high - low while the task allocates, so it
    // can end one batch (plus a 2 MiB folio) above high.
    long batch = highSum() - lowSum() + 512;
    assertTrue(free <= highSum() + batch, "and stopped within a batch of high: " + free);
    assertTrue(vm("pgsteal_kswapd") > 0);
    assertTrue(vm("pgscan_kswapd") >= vm("pgsteal_kswapd"), "steal never exceeds scan");
    assertEquals(vm("pgsteal_kswapd") + vm("pgsteal_direct"), vm("pgsteal_file"));
    assertEquals(0, vm("pgsteal_anon"));
    assertEquals(0, vm("oom_kill"));
    long freedCache = cached - m.pageCache().filePages();
    assertTrue(
        freedCache <= vm("pgsteal_file"), "the cache shrank by what was stolen: " + freedCache);
    assertTrue(vm("pgfree") >= vm("pgsteal_file"));
  }

  @Test
  void aFileReadTwiceIsActiveAndOutlivesAFileReadOnce() throws SyscallException {
    m.write("/data/hot", 0, 100 * MIB);
    m.write("/data/cold", 0, 300 * MIB);
    m.sync();
    m.read("/data/hot");
    m.read("/data/hot");
    assertTrue(kb("Active(file)") >= 100 * 1024, "two touches activate the hot file");
    long hotBefore = cachedPages("/data/hot");
    Process p = m.spawn("app", "/usr/bin/app");
    touch(p, 560 * MIB);
    assertEquals(hotBefore, cachedPages("/data/hot"), "the active file is untouched");
    assertTrue(cachedPages("/data/cold") < 300 * MIB / 4096, "the inactive file went first");
  }

  @Test
  void anAgedActiveListRefillsTheInactiveList() throws SyscallException {
    m.write("/data/hot", 0, 600 * MIB);
    m.sync();
    m.read("/data/hot");
    m.read("/data/hot");
    long active = kb("Active(file)");
    Process p = m.spawn("app", "/usr/bin/app");
    touch(p, 500 * MIB);
    assertTrue(kb("Active(file)") < active, "shrink_active_list moved folios to inactive");
    assertEquals(0, vm("oom_kill"));
  }

  @Test
  void reclaimWritesDirtyPagesBackBeforeFreeingThem() throws SyscallException {
    m.sysctl("vm.dirty_background_ratio", "100");
    m.sysctl("vm.dirty_ratio", "100");
    m.write("/data/dirty", 0, 600 * MIB);
    long dirty = kb("Dirty");
    assertTrue(dirty >= 600 * 1024, "nothing written yet: " + dirty);
    long out = vm("pgpgout");
    Process p = m.spawn("app", "/usr/bin/app");
    touch(p, 500 * MIB);
    assertTrue(kb("Dirty") < dirty, "reclaim cleaned pages");
    assertTrue(vm("pgpgout") - out >= (dirty - kb("Dirty")), "and counted them in pgpgout");
  }

  @Test
  void aLargeReadUnderPressureReclaimsDirectly() throws SyscallException {
    m.write("/data/old", 0, 700 * MIB);
    m.sync();
    m.file("/data/new", 300 * MIB);
    long read = m.read("/data/new");
    assertEquals(300 * MIB / 4096, read, "every page came from the disk");
    assertTrue(vm("pgsteal_direct") > 0, "the reader reclaimed for itself");
    assertTrue(vm("pgscan_direct") >= vm("pgsteal_direct"));
    assertEquals(300 * MIB / 4096, cachedPages("/data/new"));
    assertTrue(cachedPages("/data/old") < 700 * MIB / 4096, "the older file made room");
  }

  @Test
  void aLargeWriteUnderPressureIsPaidForByKswapd() throws SyscallException {
    m.write("/data/old", 0, 700 * MIB);
    m.sync();
    m.write("/data/new", 0, 400 * MIB);
    assertTrue(vm("pgsteal_kswapd") > 0, "kswapd woke between the pieces of the write");
    assertEquals(400 * MIB / 4096, cachedPages("/data/new"));
  }

  @Test
  void inactiveIsLowFollowsTheSquareRootRatio() throws SyscallException {
    Map<String, Long> before = ProcFs.vmstatFields(m);
    m.write("/data/a", 0, 200 * MIB);
    m.sync();
    m.read("/data/a");
    m.read("/data/a");
    assertTrue(m.vmscan().inactiveFileIsLow(), "everything active: inactive is low");
    m.write("/data/b", 0, 300 * MIB);
    assertTrue(!m.vmscan().inactiveFileIsLow(), "300 MiB inactive vs 200 MiB active, ratio 1");
    assertEquals(before.get("pgscan_kswapd"), vm("pgscan_kswapd"), "no pressure, no scan");
  }

  private long cachedPages(String path) {
    return m.pageCache().folios(m.existingFile(path)).stream().mapToLong(f -> f.pages()).sum();
  }
}
