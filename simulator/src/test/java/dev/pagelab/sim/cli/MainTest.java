package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, messages and output of {@code pagelab} and {@code pagelab free}. */
class MainTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

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
    Run v = run("--version");
    assertEquals(0, v.status());
    assertEquals("pagelab " + Main.VERSION + System.lineSeparator(), v.out());
    Run h = run("--help");
    assertEquals(0, h.status());
    assertTrue(h.out().contains("free"), h.out());
    Run fh = run("free", "--help");
    assertEquals(0, fh.status());
    assertTrue(fh.out().contains("Example: --procps 3.3"), fh.out());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run().status());
    Run bogus = run("free", "--bogus");
    assertEquals(2, bogus.status());
    assertTrue(bogus.err().startsWith("Unknown option: '--bogus'"), bogus.err());
    Run units = run("free", "-m", "-g");
    assertEquals(2, units.status());
    assertTrue(units.err().startsWith("Multiple unit options don't make sense."), units.err());
    Run version = run("free", "--procps", "5");
    assertEquals(2, version.status());
    assertTrue(version.err().contains("'5' (expected 4 or 3.3)"), version.err());
    assertEquals(2, run("free", "--procps", "3.3", "-v").status());
    assertEquals(2, run("nosuchcommand").status());
  }

  @Test
  void freeEqualsTheRealFree() throws IOException {
    for (String variant : new String[] {"", "-h", "-m", "-w", "-b"}) {
      Path m = file("07.meminfo", resource("truth/free/07.meminfo"));
      Run r =
          variant.isEmpty()
              ? run("free", "--meminfo", m.toString())
              : run("free", variant, "--meminfo", m.toString());
      String name = variant.isEmpty() ? "free" : "free" + variant;
      assertEquals(0, r.status(), r.err());
      assertEquals(resource("truth/free/07." + name + ".txt"), r.out());
      assertEquals("", r.err());
    }
    Path m = file("01.meminfo", resource("truth/free/01.meminfo"));
    assertEquals(
        resource("free/procps-4.0.2/01.h-si.txt"),
        run("free", "-h", "--si", "--meminfo", m.toString()).out());
  }

  @Test
  void procps33Mode() throws IOException {
    Path m = file("01.meminfo", resource("truth/free/01.meminfo"));
    Run r = run("free", "--procps", "3.3", "-wt", "--meminfo", m.toString());
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
    Run r = run("free", "--meminfo", missing.toString());
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertEquals(
        "pagelab: "
            + missing
            + ": no such file: expected a /proc/meminfo file"
            + System.lineSeparator(),
        r.err());
    Path bad = file("bad.meminfo", "MemTotal:       1000 kB\nMemFree:        lots kB\n");
    r = run("free", "--meminfo", bad.toString());
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + bad
            + ":2: field \"MemFree\" has value \"lots\": expected a whole number"
            + System.lineSeparator(),
        r.err());
    Path partial = file("partial.meminfo", "MemTotal:       1000 kB\nMemFree:         500 kB\n");
    r = run("free", "--meminfo", partial.toString());
    assertEquals(1, r.status());
    assertEquals(
        "pagelab: "
            + partial
            + ": missing field \"Buffers:\": free needs it"
            + System.lineSeparator(),
        r.err());
  }
}
