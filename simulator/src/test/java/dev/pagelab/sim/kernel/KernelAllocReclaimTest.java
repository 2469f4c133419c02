package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kernel allocations that may sleep ({@code GFP_KERNEL}: a child's kernel stack and page tables)
 * reclaim directly and then call the OOM killer before they give up, as {@code
 * __alloc_pages_slowpath} does, instead of failing {@code fork} with {@code ENOMEM}.
 */
class KernelAllocReclaimTest {
  private static final long MIB = 1L << 20;
  private static final long RAM = 256 * MIB;

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(PressureConfig.of(RAM, 0));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  private void touch(Process p, long bytes) throws SyscallException {
    long addr = m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
    for (long off = 0; off < bytes; off += 4096) {
      m.access(p, addr + off, AccessType.WRITE);
    }
  }

  /** Forks children of {@code parent} until {@code pages} pages of kernel stacks are used. */
  private int forkMany(Process parent, long pages) throws SyscallException {
    int n = 0;
    for (long used = 0; used < pages && parent.alive(); used += 4) {
      m.fork(parent);
      n++;
    }
    return n;
  }

  @Test
  void forkReclaimsPageCacheInsteadOfFailing() throws Exception {
    m.file("/data/cache.bin", 64 * MIB);
    m.read("/data/cache.bin");
    Process hog = m.spawn("hog", "/usr/bin/hog");
    touch(hog, vm("nr_free_pages") * 4096 - 24 * MIB);
    Process parent = m.spawn("parent", "/usr/bin/parent");
    long cached = m.pageCache().filePages();
    long scanned = vm("pgscan_direct");
    int forks = 0;
    int after = -1;
    while (after < 64 && forks < 100_000) {
      m.fork(parent); // throws ENOMEM if the kernel stack or the page tables cannot be had
      forks++;
      after = vm("pgscan_direct") > scanned ? after + 1 : after;
    }
    assertEquals(64, after, "forks went on after direct reclaim began: " + forks + " forks");
    assertEquals(0, vm("oom_kill"), "clean page cache was there to reclaim");
    assertTrue(m.pageCache().filePages() < cached, "the forks reclaimed page cache");
    assertTrue(hog.alive());
  }

  @Test
  void forkWithNothingToReclaimKillsTheBiggestProcessAndSucceeds() throws Exception {
    Process hog = m.spawn("hog", "/usr/bin/hog");
    touch(hog, vm("nr_free_pages") * 4096 - 24 * MIB);
    Process parent = m.spawn("parent", "/usr/bin/parent");
    forkMany(parent, vm("nr_free_pages") + 256);
    assertTrue(parent.alive(), "the forking process survives");
    assertFalse(hog.alive(), "the OOM killer chose the biggest process");
    assertEquals(Machine.SIGKILL, hog.termSignal());
    assertEquals(1, vm("oom_kill"));
    List<String> log = m.log().lines().stream().map(KernelLog.Line::text).toList();
    String invoked =
        log.stream().filter(l -> l.contains("invoked oom-killer")).findFirst().orElseThrow();
    assertTrue(
        invoked.startsWith(
            "parent invoked oom-killer: gfp_mask=0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), order="),
        invoked);
  }
}
