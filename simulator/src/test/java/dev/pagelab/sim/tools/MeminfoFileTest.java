package dev.pagelab.sim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing meminfo files, and the one-line messages for bad ones. */
class MeminfoFileTest {
  @Test
  void keepsEveryFieldInOrderWithAndWithoutUnit() throws InputException {
    MeminfoFile m = Resources.meminfo("truth/free/01.meminfo");
    assertEquals(Resources.text("truth/free/01.meminfo").split("\n").length, m.fields().size());
    assertEquals(
        List.of("MemTotal", "MemFree", "MemAvailable"),
        m.fields().keySet().stream().limit(3).toList());
    assertEquals(24684092L, m.get("MemTotal").getAsLong());
    assertEquals(52752L, m.get("Inactive(file)").getAsLong());
    assertEquals(2048L, m.get("Hugepagesize").getAsLong());
    assertEquals(0L, m.get("HugePages_Total").getAsLong());
    assertEquals(34359738367L, m.get("VmallocTotal").getAsLong());
    assertEquals(0L, m.getOrZero("HighTotal"));
  }

  private static String error(String text) {
    return assertThrows(
            InputException.class,
            () -> Free.render(MeminfoFile.parse("mi", text), FreeOptions.DEFAULT))
        .getMessage();
  }

  @Test
  void missingFieldIsNamed() {
    String text = Resources.text("truth/free/01.meminfo").replaceAll("Shmem:.*\n", "");
    assertEquals("mi: missing field \"Shmem:\": free needs it", error(text));
  }

  @Test
  void missingMemAvailableIsNotAnError() throws InputException {
    String text = Resources.text("truth/free/01.meminfo").replaceAll("MemAvailable:.*\n", "");
    String mem = Free.render(MeminfoFile.parse("mi", text), FreeOptions.DEFAULT).split("\n")[1];
    assertEquals(
        "Mem:        24684092      210456    24473636        8856       94468    24473636", mem);
  }

  @Test
  void nonNumberNamesLineFieldAndValue() {
    assertEquals(
        "mi:2: field \"MemFree\" has value \"12x4\": expected a whole number",
        error("MemTotal:       1000 kB\nMemFree:        12x4 kB\n"));
  }

  @Test
  void badLineIsQuoted() {
    assertEquals(
        "mi:3: bad line \"this is not meminfo\": expected \"Name:   <number> kB\" or"
            + " \"Name:   <number>\"",
        error("MemTotal:       1000 kB\nMemFree:         500 kB\nthis is not meminfo\n"));
    assertEquals(
        "mi:1: bad line \"MemTotal:\": expected \"Name:   <number> kB\" or \"Name:   <number>\"",
        error("MemTotal:\n"));
  }

  @Test
  void badUnitAndDuplicateAndEmpty() {
    assertEquals(
        "mi:1: field \"MemTotal\" has unit \"MB\": expected \"kB\" or none",
        error("MemTotal:       1000 MB\n"));
    assertEquals(
        "mi:3: field \"MemTotal\" appears again (first on line 1)",
        error("MemTotal: 1 kB\nMemFree: 1 kB\nMemTotal: 2 kB\n"));
    assertEquals("mi: empty file: expected the lines of /proc/meminfo", error(""));
    assertEquals(
        "mi:1: field \"MemTotal\" has value \"99999999999999999999\": expected at most 2^63-1",
        error("MemTotal: 99999999999999999999 kB\n"));
  }

  @Test
  void binaryGarbageIsQuotedWithItsBytesEscapedAndCut(@TempDir Path dir) throws IOException {
    byte[] garbage = new byte[4096];
    new Random(11).nextBytes(garbage);
    garbage[0] = 'V';
    garbage[1] = 0x1b; // ESC: would start a terminal escape sequence
    garbage[2] = '[';
    Path file = dir.resolve("meminfo");
    Files.write(file, garbage);
    String message = assertThrows(InputException.class, () -> MeminfoFile.read(file)).getMessage();
    assertTrue(message.startsWith(file + ":1: bad line \"V\\x1b["), message);
    assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII only");
    assertTrue(message.contains("...\": expected"), "cut short: " + message);
    assertTrue(message.length() < file.toString().length() + 160, message);
  }

  @Test
  void controlCharactersInAValueAreEscaped() {
    assertEquals(
        "mi:1: field \"MemTotal\" has value \"12\\x07\\x7f\\\"x\": expected a whole number",
        error("MemTotal: 12\u0007\u007f\"x kB\n"));
  }

  @Test
  void missingFile() {
    InputException e =
        assertThrows(InputException.class, () -> MeminfoFile.read(Path.of("/nonexistent/meminfo")));
    assertEquals(
        "/nonexistent/meminfo: no such file: expected a /proc/meminfo file", e.getMessage());
  }
}
