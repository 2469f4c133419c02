package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.tools.SarStrace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pagelab sar}: exit codes, one-line errors, and output equal to the real sar on the
 * ground-truth captures (the snapshots given are the exact files sadc read, taken from the strace).
 */
class SarCommandTest {
  private static final String[] VM = {
    "--date", "2026-11-25", "--host", "vm", "--release", "6.18.44-fc-v657", "--cpus", "2"
  };

  @TempDir Path dir;

  private static String resource(String path) throws IOException {
    try (InputStream in = SarCommandTest.class.getResourceAsStream("/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
  }

  private static String[] args(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    all.addAll(List.of(VM));
    return all.toArray(String[]::new);
  }

  /**
   * Compares with the truth: banner, data line and Average line exactly; the column header exactly
   * after its time column (sar stamps it with its first sample, 1 to 2 s before the data line on
   * that machine, while the command puts it exactly one interval before).
   */
  private static void assertSameAsSar(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    assertEquals(e.length, a.length, actual);
    for (int i = 0; i < e.length; i++) {
      if (i == 2) {
        assertEquals(e[i].substring(11), a[i].substring(11));
      } else {
        assertEquals(e[i], a[i]);
      }
    }
  }

  @Test
  void memoryReportsEqualTheRealSar() throws IOException {
    for (String name : List.of("r_idle", "rALL_hold2g")) {
      SarStrace.Capture c = SarStrace.parse(resource("truth/sar/" + name + ".strace"));
      SarStrace.Sample last = c.samples().get(1);
      Path m = file(name + ".meminfo", last.meminfo());
      String[] head =
          name.startsWith("rALL") ? new String[] {"sar", "-r", "ALL"} : new String[] {"sar", "-r"};
      CliRun r =
          CliRun.pagelab(
              args(head, "--meminfo", m.toString(), "--time", last.wallClock().toString()));
      assertEquals(0, r.status(), r.err());
      assertEquals("", r.err());
      assertSameAsSar(resource("truth/sar/" + name + ".out"), r.out());
    }
  }

  @Test
  void pagingReportsEqualTheRealSar() throws IOException {
    for (String name : List.of("B_idle", "B_faults1g", "B_fileread1g")) {
      SarStrace.Capture c = SarStrace.parse(resource("truth/sar/" + name + ".strace"));
      Path before = file(name + ".0.vmstat", c.samples().get(0).vmstat());
      Path after = file(name + ".1.vmstat", c.samples().get(1).vmstat());
      CliRun r =
          CliRun.pagelab(
              args(
                  new String[] {"sar", "-B"},
                  "--vmstat",
                  before.toString(),
                  after.toString(),
                  "--seconds",
                  "1",
                  "--time",
                  c.samples().get(1).wallClock().toString()));
      assertEquals(0, r.status(), r.err());
      assertEquals(resource("truth/sar/" + name + ".out"), r.out());
    }
  }

  @Test
  void theIntervalMayHaveDecimalsAsUptimeHasThem() throws IOException {
    SarStrace.Capture c = SarStrace.parse(resource("truth/sar/B_faults1g.strace"));
    Path before = file("b.0.vmstat", c.samples().get(0).vmstat());
    Path after = file("b.1.vmstat", c.samples().get(1).vmstat());
    String time = c.samples().get(1).wallClock().toString();
    String[] base = {"sar", "-B", "--vmstat", before.toString(), after.toString(), "--time", time};
    CliRun whole = CliRun.pagelab(args(base, "--seconds", "1"));
    CliRun decimal = CliRun.pagelab(args(base, "--seconds", "1.00"));
    assertEquals(0, decimal.status(), decimal.err());
    assertEquals(whole.out(), decimal.out());
    CliRun half = CliRun.pagelab(args(base, "--seconds", "0.50"));
    assertEquals(0, half.status(), half.err());
    // the same counts over half the time: every rate doubles (pgfault/s is the 3rd value)
    double rate1 = Double.parseDouble(whole.out().split("\n")[3].trim().split("\\s+")[3]);
    double rate2 = Double.parseDouble(half.out().split("\n")[3].trim().split("\\s+")[3]);
    assertEquals(2 * rate1, rate2, 0.02, half.out());
  }

  @Test
  void aBadIntervalIsOneLineNotTheWholeHelp() throws IOException {
    Path m = file("m", resource("truth/free/01.meminfo"));
    for (String bad : new String[] {"abc", "1.001", "-1", "0.00"}) {
      CliRun r =
          CliRun.pagelab("sar", "-B", "--vmstat", m.toString(), m.toString(), "--seconds", bad);
      assertEquals(2, r.status(), bad);
      assertEquals(1, r.err().lines().count(), bad + ": " + r.err());
      assertTrue(r.err().startsWith("Invalid value for option '--seconds': "), r.err());
    }
  }

  @Test
  void humanAndSysstat127() throws IOException {
    SarStrace.Capture c = SarStrace.parse(resource("truth/sar/r_idle.strace"));
    Path m = file("m", c.samples().get(1).meminfo());
    CliRun r =
        CliRun.pagelab(
            args(
                new String[] {"sar", "-h", "-r"}, "--meminfo", m.toString(), "--time", "12:00:00"));
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("11:59:59    kbmemfree", lines[2].substring(0, 21));
    assertTrue(lines[3].startsWith("12:00:00        23.4G     23.3G     79.1M      0.3%"), r.out());
    CliRun v =
        CliRun.pagelab(
            args(new String[] {"sar", "-r", "--sysstat", "12.7.8"}, "--meminfo", m.toString()));
    assertEquals(0, v.status(), v.err());
    // MemTotal 24684092 - MemAvailable 24415236 = 268856 kB, 1.09 %
    assertTrue(v.out().split("\n")[3].contains("  24415236    268856      1.09"), v.out());
  }

  @Test
  void helpShowsExamples() {
    CliRun h = CliRun.pagelab("sar", "--help");
    assertEquals(0, h.status());
    assertTrue(h.out().contains("Example: --sysstat 12.7"), h.out());
    assertTrue(h.out().contains("Example: --time 22:59:37"), h.out());
    assertTrue(CliRun.pagelab("--help").out().contains("sar"));
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path m = file("m", resource("truth/free/01.meminfo"));
    assertEquals(2, CliRun.pagelab("sar").status());
    assertEquals(2, CliRun.pagelab("sar", "-r", "-B").status());
    CliRun all =
        CliRun.pagelab(
            "sar", "-B", "ALL", "--vmstat", m.toString(), m.toString(), "--seconds", "1");
    assertEquals(2, all.status());
    assertTrue(all.err().startsWith("Unexpected argument 'ALL' (only -r takes ALL)"), all.err());
    assertEquals(2, CliRun.pagelab("sar", "-r", "SOME", "--meminfo", m.toString()).status());
    assertEquals(2, CliRun.pagelab("sar", "-B", "--vmstat", m.toString(), m.toString()).status());
    assertEquals(2, CliRun.pagelab("sar", "-r", "--vmstat", m.toString(), m.toString()).status());
    assertEquals(2, CliRun.pagelab("sar", "-B", "--meminfo", m.toString()).status());
    CliRun v = CliRun.pagelab("sar", "-r", "--sysstat", "11", "--meminfo", m.toString());
    assertEquals(2, v.status());
    assertTrue(v.err().contains("'11' (expected 12.6 or 12.7)"), v.err());
    CliRun s =
        CliRun.pagelab("sar", "-B", "--vmstat", m.toString(), m.toString(), "--seconds", "0");
    assertEquals(2, s.status());
    assertTrue(s.err().contains("'--seconds': 0 (expected at least 0.01)"), s.err());
    assertEquals(
        2, CliRun.pagelab("sar", "-r", "--time", "25:00", "--meminfo", m.toString()).status());
  }

  @Test
  void inputErrorsExitOneWithOneLine() throws IOException {
    Path missing = dir.resolve("missing.meminfo");
    CliRun r = CliRun.pagelab("sar", "-r", "--meminfo", missing.toString());
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertEquals(
        "pagelab: "
            + missing
            + ": no such file: expected a /proc/meminfo file"
            + System.lineSeparator(),
        r.err());
    Path free = file("01.meminfo", resource("truth/free/01.meminfo"));
    r = CliRun.pagelab("sar", "-r", "--meminfo", free.toString());
    assertEquals(0, r.status(), r.err());
    Path partial = file("p", "MemTotal:       1000 kB\nMemFree:         500 kB\n");
    r = CliRun.pagelab("sar", "-r", "--meminfo", partial.toString());
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + partial
            + ": missing field \"MemAvailable:\": sar -r needs it"
            + System.lineSeparator(),
        r.err());
    Path good = file("good.vmstat", resource("truth/sar/B_idle.before.vmstat"));
    Path bad = file("bad.vmstat", "pgpgin 1\npgpgout x\n");
    r = CliRun.pagelab("sar", "-B", "--vmstat", good.toString(), bad.toString(), "--seconds", "1");
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + bad
            + ":2: counter \"pgpgout\" has value \"x\": expected a whole number"
            + System.lineSeparator(),
        r.err());
    Path few = file("few.vmstat", "pgpgin 1\n");
    r = CliRun.pagelab("sar", "-B", "--vmstat", good.toString(), few.toString(), "--seconds", "1");
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + few
            + ": missing counter \"pgpgout\": sar -B needs it"
            + System.lineSeparator(),
        r.err());
  }
}
