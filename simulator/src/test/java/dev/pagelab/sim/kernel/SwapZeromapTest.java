package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.phys.ZoneRange;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The swap zeromap (mm/page_io.c, Linux 6.12+): an all-zero anonymous page is swapped out without a
 * write and freed at once, and swapped in as a major fault without a read.
 */
class SwapZeromapTest {
  private static final long PAGE = 4096;

  private Machine m;
  private Process p;
  private long addr;

  @AfterEach
  void invariantsHold() {
    if (m != null) {
      m.checkInvariants();
    }
  }

  private void boot(long pages) throws Exception {
    m = new Machine(PressureConfig.of(256L << 20, 64L << 20));
    p = m.spawn("zero", "/usr/bin/zero");
    // Eight spare pages let the range start on an 8-page boundary, as a readahead window does.
    long start = m.mmap(p, 0, (pages + 8) * PAGE, Prot.RW, false, false, null, 0);
    addr = (start + 8 * PAGE - 1) & -(8 * PAGE);
  }

  private Map<String, Long> vmstat() {
    return ProcFs.vmstatFields(m);
  }

  private void pageout(Process q, long pages) throws Exception {
    m.madvise(q, addr, pages * PAGE, Madvice.PAGEOUT);
  }

  @Test
  void zeroStoreGoesToTheZeromapAndComesBackWithoutIo() throws Exception {
    boot(1);
    assertTrue(m.store(p, addr, (byte) 0));
    pageout(p, 1);
    assertEquals(0, vmstat().get("pswpout"), "no write");
    assertEquals(1, vmstat().get("swpout_zero"));
    assertEquals(0, m.swap().cachedPages(), "the frame is freed, not kept in the swap cache");
    assertEquals(1, p.mm().swapents());
    long maj = p.majFlt();
    assertTrue(m.access(p, addr, AccessType.READ));
    assertEquals(maj + 1, p.majFlt(), "a zeromap page misses the swap cache");
    assertEquals(0, vmstat().get("pswpin"), "no read");
    assertEquals(1, vmstat().get("swpin_zero"));
  }

  @Test
  void nonZeroDataIsWrittenAndStaysInTheSwapCache() throws Exception {
    boot(3);
    assertTrue(m.store(p, addr, (byte) 7));
    assertTrue(m.access(p, addr + PAGE, AccessType.WRITE));
    assertTrue(m.access(p, addr + 2 * PAGE, AccessType.WRITE));
    assertTrue(m.store(p, addr + 2 * PAGE, (byte) 0));
    pageout(p, 3);
    assertEquals(3, vmstat().get("pswpout"), "a zero byte does not clear earlier data");
    assertEquals(0, vmstat().get("swpout_zero"));
    assertEquals(3, m.swap().cachedPages());
  }

  @Test
  void readaheadFillsZeromapPagesWithoutReadingThem() throws Exception {
    boot(8);
    for (int i = 0; i < 8; i++) {
      assertTrue(m.store(p, addr + i * PAGE, (byte) (i % 2)));
    }
    pageout(p, 8);
    assertEquals(4, m.swap().cachedPages(), "the 4 written pages stay cached");
    readAll(8);
    // Page out again: the cached pages are clean now and freed without a write.
    pageout(p, 8);
    assertEquals(0, m.swap().cachedPages());
    long maj = p.majFlt();
    long min = p.minFlt();
    long pswpin = vmstat().get("pswpin");
    long swpinZero = vmstat().get("swpin_zero");
    readAll(8);
    assertEquals(maj + 1, p.majFlt(), "one major fault reads the 8-page window");
    assertEquals(min + 7, p.minFlt());
    assertEquals(pswpin + 4, vmstat().get("pswpin"), "only the 4 written pages are read");
    assertEquals(swpinZero + 4, vmstat().get("swpin_zero"));
  }

  private void readAll(int pages) {
    for (int i = 0; i < pages; i++) {
      assertTrue(m.access(p, addr + i * PAGE, AccessType.READ));
    }
  }

  @Test
  void copyOnWriteCarriesTheZeroState() throws Exception {
    boot(1);
    assertTrue(m.store(p, addr, (byte) 0));
    Process child = m.fork(p);
    assertTrue(m.store(child, addr, (byte) 0), "the copy of a zero page is zero");
    pageout(child, 1);
    assertEquals(1, vmstat().get("swpout_zero"));
    assertEquals(0, vmstat().get("pswpout"));
  }

  @Test
  void freeClearsAndCopyCarriesTheFrameBit() {
    PhysicalMemory memory = new PhysicalMemory(List.of(new ZoneRange("Normal", 0, 1L << 12)));
    long a = memory.allocate(dev.pagelab.sim.phys.FrameOwner.ANON, false);
    long b = memory.allocate(dev.pagelab.sim.phys.FrameOwner.ANON, false);
    assertFalse(memory.isZeroFilled(a), "a frame nobody marked is not known to be zero");
    memory.setZeroFilled(a, true);
    memory.copyContents(a, b);
    assertTrue(memory.isZeroFilled(b));
    memory.free(a);
    assertFalse(memory.isZeroFilled(a));
  }
}
