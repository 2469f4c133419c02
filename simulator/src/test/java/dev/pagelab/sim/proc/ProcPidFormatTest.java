package dev.pagelab.sim.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.truth.TruthFiles;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProcPidFormatTest {

  private static final String RAW = "oom/snapshot1/raw/";

  static Stream<String> statusFiles() {
    return TruthFiles.list(RAW, ".status").stream();
  }

  static Stream<String> statFiles() {
    return TruthFiles.list(RAW, ".stat").stream();
  }

  @ParameterizedTest
  @MethodSource("statusFiles")
  void reprintsEveryRealStatusByteForByte(String name) throws ProcFormatException {
    String real = TruthFiles.read(RAW + name);
    assertEquals(real, ProcPidFormat.formatStatus(ProcPidFormat.parseStatus(real, name)));
  }

  @ParameterizedTest
  @MethodSource("statFiles")
  void reprintsEveryRealStatByteForByte(String name) throws ProcFormatException {
    String real = TruthFiles.read(RAW + name);
    assertEquals(real, ProcPidFormat.formatStat(ProcPidFormat.parseStat(real, name)));
  }

  @Test
  void statFieldsSitWhereProcFiveSays() throws ProcFormatException {
    String real = TruthFiles.read(RAW + "25965.stat");
    String[] f = real.strip().split(" ");
    PidStat stat = ProcPidFormat.parseStat(real, "25965.stat");
    assertEquals(52, f.length);
    assertEquals(Long.parseLong(f[9]), stat.minflt());
    assertEquals(Long.parseLong(f[11]), stat.majflt());
    assertEquals(Long.parseLong(f[22]), stat.vsize());
    assertEquals(Long.parseLong(f[23]), stat.rss());
    PidStatus status = ProcPidFormat.parseStatus(TruthFiles.read(RAW + "25965.status"), "s");
    assertEquals(status.mem().orElseThrow().vmSize() * 1024, stat.vsize());
  }

  @Test
  void kernelThreadsHaveNoMemorySection() throws ProcFormatException {
    PidStatus kthreadd = ProcPidFormat.parseStatus(TruthFiles.read(RAW + "2.status"), "2.status");
    assertTrue(kthreadd.head().kthread());
    assertTrue(kthreadd.mem().isEmpty());
  }

  @Test
  void builtStatusMatchesARealOne() throws ProcFormatException {
    PidStatus real = ProcPidFormat.parseStatus(TruthFiles.read(RAW + "25965.status"), "s");
    PidStatus.Tail tail = PidStatus.Tail.truthMachineDefaults(4, 230);
    PidStatus built = new PidStatus(real.head(), real.mem(), tail);
    assertEquals(TruthFiles.read(RAW + "25965.status"), ProcPidFormat.formatStatus(built));
  }

  @Test
  void namesEscapeBackslashAndNewlineOnly() throws ProcFormatException {
    PidStatus real = ProcPidFormat.parseStatus(TruthFiles.read(RAW + "25965.status"), "s");
    PidStatus.Head h = real.head();
    PidStatus.Head odd =
        new PidStatus.Head(
            "a\\b\nc d",
            h.umask(),
            h.state(),
            h.tgid(),
            h.ngid(),
            h.pid(),
            h.ppid(),
            h.tracerPid(),
            h.uid(),
            h.gid(),
            h.fdSize(),
            List.of(4, 27),
            h.nsTgid(),
            h.nsPid(),
            h.nsPgid(),
            h.nsSid(),
            h.kthread());
    String text = ProcPidFormat.formatStatus(new PidStatus(odd, real.mem(), real.tail()));
    assertTrue(text.startsWith("Name:\ta\\\\b\\nc d\n"), text);
    assertTrue(text.contains("\nGroups:\t4 27 \n"), text);
    assertEquals(odd, ProcPidFormat.parseStatus(text, "t").head());
  }

  @Test
  void userProcessDefaultsLookLikeARealShellChild() throws ProcFormatException {
    PidStat stat =
        PidStat.userProcess(42, "demand-paging", RunState.RUNNING, 1)
            .with(PidStat.Field.MINFLT, 25600)
            .with(PidStat.Field.VSIZE, 104857600);
    String text = ProcPidFormat.formatStat(stat);
    String[] f = text.substring(text.indexOf(") ") + 2).strip().split(" ");
    assertEquals(50, f.length);
    assertEquals("25600", f[7]);
    assertEquals("18446744073709551615", f[22]);
    assertEquals(stat, ProcPidFormat.parseStat(text, "t"));
  }

  @Test
  void malformedFilesGiveOneLineErrors() {
    ProcFormatException e =
        assertThrows(
            ProcFormatException.class,
            () -> ProcPidFormat.parseStatus("Name:\tx\nUmask:\t0022\nTgid:\t1\n", "p.status"));
    assertEquals("p.status:3: expected 'State:', got 'Tgid:'", e.getMessage());
    e =
        assertThrows(
            ProcFormatException.class, () -> ProcPidFormat.parseStatus("Name:\tx\n", "p.status"));
    assertEquals("p.status:2: expected 'State:', got the end of the file", e.getMessage());
    e =
        assertThrows(
            ProcFormatException.class, () -> ProcPidFormat.parseStat("1 (x) S 0\n", "p.stat"));
    assertTrue(e.getMessage().startsWith("p.stat:1: expected 52 fields, got 4"), e.getMessage());
    assertThrows(
        ProcFormatException.class,
        () -> ProcPidFormat.parseStat("1 (x) Q" + " 0".repeat(49) + "\n", "q"));
  }

  /** The maps line, written straight from show_map_vma's format string and seq_pad. */
  static String reference(MapsLine l) {
    String head =
        String.format(
            "%08x-%08x %c%c%c%c %08x %02x:%02x %d ",
            l.start(),
            l.end(),
            l.read() ? 'r' : '-',
            l.write() ? 'w' : '-',
            l.exec() ? 'x' : '-',
            l.shared() ? 's' : 'p',
            l.offset(),
            l.devMajor(),
            l.devMinor(),
            l.inode());
    if (l.name().isEmpty()) {
      return head + "\n";
    }
    return String.format("%-72s", head) + " " + l.name() + "\n";
  }

  @Property(tries = 300, seed = "20261125")
  void mapsLinesFollowTheKernelFormat(
      @ForAll @LongRange(min = 0, max = 0x7fffffffffffL) long start,
      @ForAll @LongRange(min = 0, max = 1L << 32) long length,
      @ForAll boolean r,
      @ForAll boolean w,
      @ForAll boolean x,
      @ForAll boolean s,
      @ForAll @LongRange(min = 0, max = 1L << 40) long offset,
      @ForAll @IntRange(min = 0, max = 255) int major,
      @ForAll @IntRange(min = 0, max = 1 << 20) int minor,
      @ForAll @LongRange(min = 0, max = 1L << 40) long inode,
      @ForAll @StringLength(max = 40) String name) {
    String n = name.replace("\n", "");
    MapsLine line = new MapsLine(start, start + length, r, w, x, s, offset, major, minor, inode, n);
    assertEquals(reference(line), line.format());
  }

  @Test
  void namedLinesStartTheNameAtColumn74() {
    MapsLine heap =
        new MapsLine(
            0x55d0c4a1e000L, 0x55d0c4a3f000L, true, true, false, false, 0, 0, 0, 0, "[heap]");
    String text = heap.format();
    assertEquals(73, text.indexOf("[heap]"));
    assertEquals("55d0c4a1e000-55d0c4a3f000 rw-p 00000000 00:00 0 ", text.substring(0, 48));
    MapsLine anon = new MapsLine(0x1000, 0x2000, true, false, false, true, 0x3000, 254, 1, 12, "");
    assertEquals("00001000-00002000 r--s 00003000 fe:01 12 \n", anon.format());
    assertEquals(heap.format() + anon.format(), ProcPidFormat.formatMaps(List.of(heap, anon)));
  }
}
