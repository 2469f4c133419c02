package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.tools.Free;
import dev.pagelab.sim.tools.FreeOptions;
import dev.pagelab.sim.tools.MeminfoFile;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the swap experiment of {@code truth/pagemap/swap} (swaptest.c on Linux 6.18 with a 256
 * MiB swap file and page-cluster 3): write 16 MiB, {@code MADV_PAGEOUT} the first 8 MiB, read them
 * back twice with a second pageout between, and compares RSS, VmSwap, the fault counts of each
 * read-back pass and the swap figures of meminfo and {@code free}. The write stores {@code (char)
 * i} in page {@code i}, as swaptest.c does, so every 256th page stays all zero and goes to the swap
 * zeromap instead of the disk (Linux 6.12+, mm/page_io.c {@code swap_writeout}).
 */
class TruthSwapTest {
  private static final String DIR = "/truth/pagemap/swap/";
  private static final long MIB = 1L << 20;
  private static final long HALF = 8 * MIB;

  private Machine m;
  private Process p;
  private long addr;

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TruthSwapTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code field=N kB} values of the status line that starts with {@code label}. */
  private static Map<String, Long> statusLine(String output, String label) {
    for (String line : output.split("\n")) {
      if (line.startsWith(label + "\t")) {
        Map<String, Long> values = new HashMap<>();
        Matcher mt = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
        while (mt.find()) {
          values.put(mt.group(1), Long.parseLong(mt.group(2)));
        }
        return values;
      }
    }
    throw new AssertionError("no line " + label + " in swaptest_output.txt");
  }

  /** {minflt, majflt} of a read-back pass. */
  private static long[] pass(String output, int n) {
    Matcher mt =
        Pattern.compile("read-back pass " + n + " .*minflt=(\\d+) majflt=(\\d+)").matcher(output);
    if (!mt.find()) {
      throw new AssertionError("no read-back pass " + n + " in swaptest_output.txt");
    }
    return new long[] {Long.parseLong(mt.group(1)), Long.parseLong(mt.group(2))};
  }

  private void boot() throws Exception {
    m = new Machine(PressureConfig.of(1L << 30, 256 * MIB));
    p = m.spawn("swaptest", "/usr/bin/swaptest");
    addr = m.mmap(p, 0, 2 * HALF, Prot.RW, false, false, null, 0);
  }

  /** swaptest.c's write loop: {@code p[i * 4096] = (char) i} for every page of the mapping. */
  private void write() {
    for (long i = 0; i < 2 * HALF / 4096; i++) {
      assertTrue(m.store(p, addr + i * 4096, (byte) i));
    }
  }

  /** Pages of the paged-out half whose stored byte is zero: all-zero pages. */
  private static long zeroPages() {
    long n = 0;
    for (long i = 0; i < HALF / 4096; i++) {
      n += (byte) i == 0 ? 1 : 0;
    }
    return n;
  }

  private void touch(long bytes, AccessType type) {
    for (long off = 0; off < bytes; off += 4096) {
      assertTrue(m.access(p, addr + off, type));
    }
  }

  /** {minflt, majflt} of reading the paged-out half once. */
  private long[] readBack() {
    long min = p.minFlt();
    long maj = p.majFlt();
    touch(HALF, AccessType.READ);
    return new long[] {p.minFlt() - min, p.majFlt() - maj};
  }

  private long kb(long pages) {
    return pages * 4;
  }

  @Test
  void pageoutMovesHalfTheRssToSwap() throws Exception {
    String out = resource("swaptest_output.txt");
    Map<String, Long> written = statusLine(out, "after_write_16MiB");
    Map<String, Long> pagedOut = statusLine(out, "after_pageout_8MiB");
    boot();
    write();
    long rss0 = kb(p.mm().rssAnon());
    m.madvise(p, addr, HALF, Madvice.PAGEOUT);
    long swapDelta = pagedOut.get("VmSwap") - written.get("VmSwap");
    assertEquals(swapDelta, kb(p.mm().swapents()), "VmSwap after MADV_PAGEOUT");
    // The kernel's RssAnon fell by 8184 kB: 8192 kB paged out, 8 kB of other pages touched.
    assertEquals(swapDelta, rss0 - kb(p.mm().rssAnon()), "RssAnon drop");
    // The written pages stay in the swap cache; the all-zero ones were not written but freed.
    long writes = HALF / 4096 - zeroPages();
    assertEquals(writes, m.swap().cachedPages(), "the writes keep the pages in swap cache");
    assertEquals(writes, ProcFs.vmstatFields(m).get("pswpout"));
    assertEquals(zeroPages(), ProcFs.vmstatFields(m).get("swpout_zero"));
  }

  @Test
  void readBackFaultCountsFollowTheSwapCacheAndReadahead() throws Exception {
    String out = resource("swaptest_output.txt");
    long[] truth1 = pass(out, 1);
    long[] truth2 = pass(out, 2);
    boot();
    write();
    m.madvise(p, addr, HALF, Madvice.PAGEOUT);
    long[] pass1 = readBack();
    // Pass 1 finds the written pages in the swap cache: minor faults. Pages 0, 256, ..., 1792 are
    // all zeros, and since Linux 6.12 swap_writeout (mm/page_io.c) does not write a zero-filled
    // folio but sets its slot in the swap zeromap; with no writeback running, shrink_folio_list
    // frees the folio at once, so its fault misses the swap cache: a major fault in do_swap_page
    // that swap_read_folio_zeromap serves without I/O. Its readahead window finds the other 7
    // pages cached already.
    assertEquals(truth1[0], pass1[0], "pass 1 minor faults");
    assertEquals(truth1[1], pass1[1], "pass 1 major faults (zeromap pages)");
    assertEquals(pass1[1], ProcFs.vmstatFields(m).get("swpin_zero"), "swpin_zero");
    assertEquals(statusLine(out, "after_readback").get("VmSwap"), kb(p.mm().swapents()), "VmSwap");
    m.madvise(p, addr, HALF, Madvice.PAGEOUT);
    assertEquals(0, m.swap().cachedPages(), "clean swap-cache pages are freed at once");
    assertEquals(
        statusLine(out, "after_2nd_pageout").get("VmSwap"), kb(p.mm().swapents()), "VmSwap");
    long[] pass2 = readBack();
    assertEquals(truth2[0], pass2[0], "pass 2 minor faults");
    assertEquals(truth2[1], pass2[1], "pass 2 major faults (8-page swap-in readahead)");
  }

  @Test
  void meminfoAndFreeShowTheSwapAsTheKernelDid() throws Exception {
    MeminfoFile truth =
        MeminfoFile.parse("meminfo_with_swap.txt", resource("meminfo_with_swap.txt"));
    boot();
    write();
    m.madvise(p, addr, HALF, Madvice.PAGEOUT);
    readBack();
    m.madvise(p, addr, HALF, Madvice.PAGEOUT);
    readBack();
    m.madvise(p, addr, HALF, Madvice.PAGEOUT);
    Map<String, Long> sim = ProcFs.meminfoFields(m);
    for (String f : new String[] {"SwapCached", "SwapTotal", "SwapFree"}) {
      assertEquals(truth.get(f).getAsLong(), sim.get(f), f);
    }
    // New and swapped-in anonymous pages start inactive: most anon memory is inactive, as here.
    assertEquals(
        truth.get("Inactive(anon)").getAsLong() > truth.get("Active(anon)").getAsLong(),
        sim.get("Inactive(anon)") > sim.get("Active(anon)"),
        "Inactive(anon) vs Active(anon)");
    String simSwap = swapLine(Free.render(MeminfoFile.of("sim", sim), FreeOptions.DEFAULT));
    assertEquals(swapLine(resource("free_with_swap.txt")), simSwap);
  }

  private static String swapLine(String free) {
    for (String line : free.split("\n")) {
      if (line.startsWith("Swap:")) {
        return line;
      }
    }
    throw new AssertionError("no Swap: line in\n" + free);
  }
}
