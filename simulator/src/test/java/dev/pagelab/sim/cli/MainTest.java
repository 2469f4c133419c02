package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, messages and output of {@code pagelab} and {@code pagelab free}. */
class MainTest {
  @TempDir Path dir;

  private static String resource(String path) throws IOException {
    try (InputStream in = MainTest.class.getResourceAsStream("/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
  }

  @Test
  void versionAndHelpExitZero() {
    CliRun v = CliRun.pagelab("--version");
    assertEquals(0, v.status());
    assertEquals("pagelab " + Main.VERSION + System.lineSeparator(), v.out());
    CliRun h = CliRun.pagelab("--help");
    assertEquals(0, h.status());
    assertTrue(h.out().contains("free"), h.out());
    CliRun fh = CliRun.pagelab("free", "--help");
    assertEquals(0, fh.status());
    assertTrue(fh.out().contains("Example: --procps 3.3"), fh.out());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, CliRun.pagelab().status());
    CliRun bogus = CliRun.pagelab("free", "--bogus");
    assertEquals(2, bogus.status());
    assertTrue(bogus.err().startsWith("Unknown option: '--bogus'"), bogus.err());
    CliRun units = CliRun.pagelab("free", "-m", "-g");
    assertEquals(2, units.status());
    assertTrue(units.err().startsWith("Multiple unit options don't make sense."), units.err());
    CliRun version = CliRun.pagelab("free", "--procps", "5");
    assertEquals(2, version.status());
    assertTrue(version.err().contains("'5' (expected 4 or 3.3)"), version.err());
    assertEquals(2, CliRun.pagelab("free", "--procps", "3.3", "-v").status());
    assertEquals(2, CliRun.pagelab("nosuchcommand").status());
  }

  @Test
  void freeEqualsTheRealFree() throws IOException {
    for (String variant : new String[] {"", "-h", "-m", "-w", "-b"}) {
      Path m = file("07.meminfo", resource("truth/free/07.meminfo"));
      CliRun r =
          variant.isEmpty()
              ? CliRun.pagelab("free", "--meminfo", m.toString())
              : CliRun.pagelab("free", variant, "--meminfo", m.toString());
      String name = variant.isEmpty() ? "free" : "free" + variant;
      assertEquals(0, r.status(), r.err());
      assertEquals(resource("truth/free/07." + name + ".txt"), r.out());
      assertEquals("", r.err());
    }
    Path m = file("01.meminfo", resource("truth/free/01.meminfo"));
    assertEquals(
        resource("free/procps-4.0.2/01.h-si.txt"),
        CliRun.pagelab("free", "-h", "--si", "--meminfo", m.toString()).out());
  }

  @Test
  void procps33Mode() throws IOException {
    Path m = file("01.meminfo", resource("truth/free/01.meminfo"));
    CliRun r = CliRun.pagelab("free", "--procps", "3.3", "-wt", "--meminfo", m.toString());
    assertEquals(0, r.status());
    assertEquals(
        """
                      total        used        free      shared     buffers       cache   available
        Mem:       24684092      115988    24473636        8856        5008       89460    24388700
        Swap:             0           0           0
        Total:     24684092      115988    24473636
        """,
        r.out());
  }

  @Test
  void inputErrorsExitOneWithOneLine() throws IOException {
    Path missing = dir.resolve("missing.meminfo");
    CliRun r = CliRun.pagelab("free", "--meminfo", missing.toString());
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertEquals(
        "pagelab: "
            + missing
            + ": no such file: expected a /proc/meminfo file"
            + System.lineSeparator(),
        r.err());
    Path bad = file("bad.meminfo", "MemTotal:       1000 kB\nMemFree:        lots kB\n");
    r = CliRun.pagelab("free", "--meminfo", bad.toString());
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + bad
            + ":2: field \"MemFree\" has value \"lots\": expected a whole number"
            + System.lineSeparator(),
        r.err());
    Path partial = file("partial.meminfo", "MemTotal:       1000 kB\nMemFree:         500 kB\n");
    r = CliRun.pagelab("free", "--meminfo", partial.toString());
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + partial
            + ": missing field \"Buffers:\": free needs it"
            + System.lineSeparator(),
        r.err());
  }
}
