package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.proc.MeminfoFormat;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the anonymous-memory experiments of {@code shared/truth/faults} (no advice, {@code
 * MADV_NOHUGEPAGE} and {@code MADV_HUGEPAGE} with THP in madvise mode) and compares fault counts,
 * RssAnon, VmPTE growth and AnonHugePages with what Linux 6.18 measured.
 */
class TruthFaultsTest {
  private static final long MIB = 1L << 20;
  private static final long M2 = 2 * MIB;

  private Machine machine;

  @AfterEach
  void invariantsHold() {
    if (machine != null) {
      machine.checkInvariants();
    }
  }

  /** One row of {@code anon_summary.tsv}. */
  record AnonCase(
      int sizeMib,
      String thp,
      String align,
      String touch,
      long loop1Minflt,
      long minflt,
      long rssAnonDeltaKb,
      long vmPteMinKb,
      long vmPteMaxKb,
      long anonHugeKb,
      long thpFaultAlloc,
      long thpFaultFallback) {
    @Override
    public String toString() {
      return sizeMib + "MiB " + thp + " " + align + " " + touch;
    }
  }

  /** {@code thp_fault_alloc} and {@code thp_fault_fallback} deltas of {@code anon_faults.tsv}. */
  private static java.util.Map<String, long[]> thpDeltas() throws IOException {
    java.util.Map<String, long[]> deltas = new java.util.HashMap<>();
    for (String[] f : tsv("/truth/faults/anon_faults.tsv")) {
      long[] d = {Long.parseLong(f[19]), Long.parseLong(f[20])};
      long[] seen = deltas.putIfAbsent(f[1] + " " + f[2] + " " + f[3] + " " + f[4], d);
      if (seen != null && (seen[0] != d[0] || seen[1] != d[1])) {
        throw new IllegalStateException("anon_faults.tsv: repetitions differ for " + f[4]);
      }
    }
    return deltas;
  }

  static Stream<AnonCase> anonCases() throws IOException {
    java.util.Map<String, long[]> deltas = thpDeltas();
    List<AnonCase> cases = new ArrayList<>();
    for (String[] f : tsv("/truth/faults/anon_summary.tsv")) {
      String[] pte = f[11].split("\\.\\.");
      cases.add(
          new AnonCase(
              Integer.parseInt(f[0]),
              f[1],
              f[2],
              f[3],
              f[6].equals("-") ? -1 : Long.parseLong(f[6]),
              Long.parseLong(f[7]),
              Long.parseLong(f[10]),
              Long.parseLong(pte[0]),
              Long.parseLong(pte[pte.length - 1]),
              Long.parseLong(f[12]),
              deltas.get(f[0] + " " + f[1] + " " + f[2] + " " + f[3])[0],
              deltas.get(f[0] + " " + f[1] + " " + f[2] + " " + f[3])[1]));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("anonCases")
  void anonymousMappingFaultsAsOnLinux(AnonCase c) throws Exception {
    machine = new Machine(MachineConfig.DEFAULT);
    Process p = machine.spawn("faults", "/tmp/faults");
    long len = c.sizeMib() * MIB;
    long start = map(p, len, c.align());
    if (!c.thp().equals("none")) {
      machine.madvise(
          p, start, len, c.thp().equals("huge") ? Madvice.HUGEPAGE : Madvice.NOHUGEPAGE);
    }
    AddressSpace mm = p.mm();
    long rss0 = mm.rssAnon();
    long pte0 = mm.tables().pgtablesBytes();
    java.util.Map<String, Long> vmstat0 = ProcFs.vmstatFields(machine);
    String touch = c.touch();
    if (touch.equals("read_then_write")) {
      long before = p.minFlt();
      touchPages(p, start, len, 4096, AccessType.READ, false);
      assertEquals(c.loop1Minflt(), p.minFlt() - before, "read pass of read_then_write");
      touch = "write";
    }
    long before = p.minFlt();
    long majBefore = p.majFlt();
    switch (touch) {
      case "write" -> touchPages(p, start, len, 4096, AccessType.WRITE, false);
      case "read" -> touchPages(p, start, len, 4096, AccessType.READ, false);
      case "write_every_other" -> touchPages(p, start, len, 8192, AccessType.WRITE, false);
      case "write_backwards" -> touchPages(p, start, len, 4096, AccessType.WRITE, true);
      case "write_per2m" -> touchPages(p, start, len, M2, AccessType.WRITE, false);
      case "read_per2m" -> touchPages(p, start, len, M2, AccessType.READ, false);
      default -> throw new IllegalArgumentException(touch);
    }
    assertEquals(c.minflt(), p.minFlt() - before, "minor faults of the touch loop");
    assertEquals(0, p.majFlt() - majBefore, "major faults");
    long rssDeltaKb = (mm.rssAnon() - rss0) * 4;
    // Linux measured 4 kB more: the measuring program's own page (see truth/README.md §4).
    assertTrue(
        c.rssAnonDeltaKb() - rssDeltaKb == 0 || c.rssAnonDeltaKb() - rssDeltaKb == 4,
        "RssAnon grew by " + rssDeltaKb + " kB, Linux by " + c.rssAnonDeltaKb() + " kB");
    long pteDeltaKb = (mm.tables().pgtablesBytes() - pte0) / 1024;
    // truth/README.md §4: +-4 kB of VmPTE depend on where the mapping lands relative to the page
    // tables already there (a PMD table more when it crosses a 1 GiB line), not on the touching.
    assertTrue(
        pteDeltaKb >= c.vmPteMinKb() - 4 && pteDeltaKb <= c.vmPteMaxKb() + 4,
        "VmPTE grew by " + pteDeltaKb + " kB, Linux by " + c.vmPteMinKb() + ".." + c.vmPteMaxKb());
    assertEquals(c.anonHugeKb(), mm.anonHugePages() * 4, "AnonHugePages (smaps_rollup) after");
    java.util.Map<String, Long> vmstat = ProcFs.vmstatFields(machine);
    assertEquals(
        c.thpFaultAlloc(),
        vmstat.get("thp_fault_alloc") - vmstat0.get("thp_fault_alloc"),
        "thp_fault_alloc");
    assertEquals(
        c.thpFaultFallback(),
        vmstat.get("thp_fault_fallback") - vmstat0.get("thp_fault_fallback"),
        "thp_fault_fallback");
    assertEquals(
        c.anonHugeKb(),
        ProcFs.meminfoValues(machine).values().get(MeminfoFormat.Field.ANON_HUGE_PAGES),
        "meminfo AnonHugePages");
  }

  /** Maps as {@code faults.c} does: plain, or trimmed to a 2 MiB boundary (+ 4 KiB for off4k). */
  private long map(Process p, long len, String align) throws Exception {
    if (align.equals("auto")) {
      return machine.mmap(p, 0, len, Prot.RW, false, false, null, 0);
    }
    long extra = 2 * M2;
    long q = machine.mmap(p, 0, len + extra, Prot.RW, false, false, null, 0);
    long a = (q + M2 - 1) & ~(M2 - 1);
    if (align.equals("off4k")) {
      a += 4096;
    }
    if (a > q) {
      machine.munmap(p, q, a - q);
    }
    long end = q + len + extra;
    if (end > a + len) {
      machine.munmap(p, a + len, end - (a + len));
    }
    return a;
  }

  private void touchPages(
      Process p, long start, long len, long stride, AccessType type, boolean backwards) {
    long n = (len + stride - 1) / stride;
    for (long i = 0; i < n; i++) {
      long offset = (backwards ? n - 1 - i : i) * stride;
      assertTrue(machine.access(p, start + offset, type), "access killed the process");
    }
  }

  private static List<String[]> tsv(String resource) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                TruthFaultsTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }
}
