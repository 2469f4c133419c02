package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pagelab run}, {@code scenarios} and {@code walk}: output, errors and exit codes. */
class RunWalkCommandTest {
  @TempDir Path dir;

  private record Outcome(int status, String out, String err) {}

  private static Outcome pagelab(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runABundledScenario() {
    Outcome o = pagelab("run", "segv");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("Segmentation fault"), o.out());
  }

  @Test
  void runAnUnknownScenarioListsTheKnownOnes() {
    Outcome o = pagelab("run", "nosuch");
    assertEquals(1, o.status());
    assertTrue(o.err().contains("unknown bundled scenario \"nosuch\""), o.err());
    assertTrue(o.err().contains("demand-paging"), o.err());
  }

  @Test
  void aBadScenarioFileGivesFileLineColumnAndAHint() throws IOException {
    Path file = dir.resolve("bad.scn");
    Files.writeString(file, "spawn a as a\na mmap 10MB2 rw as x\n");
    Outcome o = pagelab("run", file.toString());
    assertEquals(1, o.status());
    assertTrue(o.err().startsWith(file + ":2:10: unknown size unit \"MB2\""), o.err());
    assertTrue(o.err().contains("\nhint: "), o.err());
    assertEquals("", o.out());
  }

  @Test
  void aFailedExpectationExitsWith1() throws IOException {
    Path file = dir.resolve("expect.scn");
    Files.writeString(file, "spawn a as a\na mmap 1MiB rw as x\nexpect a.rss >= 1MiB\n");
    Outcome o = pagelab("run", file.toString());
    assertEquals(1, o.status());
    assertTrue(o.out().contains(file + ":3:1: expectation failed"), o.out());
    assertTrue(o.err().contains("1 expectation(s) failed"), o.err());
  }

  @Test
  void scenariosListsEveryBundledScenarioWithADescription() {
    Outcome o = pagelab("scenarios");
    assertEquals(0, o.status());
    for (String name : new String[] {"memuse", "mmap", "segv", "demand-paging", "faults"}) {
      assertTrue(o.out().lines().anyMatch(l -> l.startsWith(name + " ")), o.out());
    }
  }

  @Test
  void walkExplainsEachLevel() {
    Outcome o = pagelab("walk");
    assertEquals(0, o.status(), o.err());
    for (String table : new String[] {"PML4", "PDPT", "PD ", "PT "}) {
      assertTrue(o.out().contains("\n" + table), o.out());
    }
    assertTrue(o.out().contains("leaf: 4 KiB page"), o.out());
  }

  @Test
  void walkInFiveLevelModeReadsAPml5() {
    Outcome o = pagelab("walk", "--paging", "5level");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("\nPML5"), o.out());
  }

  @Test
  void walkOfAnUntouchedAddressShowsTheFault() {
    Outcome o = pagelab("walk", "0x10000000");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("not present"), o.out());
  }

  @Test
  void walkComparesAnotherWalkerWithTheReference() {
    Outcome o =
        pagelab(
            "walk",
            "--walker",
            "dev.pagelab.sim.paging.ReferenceWalker",
            "--classes",
            dir.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("# MATCH"), o.out());
  }

  @Test
  void walkWithAMissingStudentBuildSaysHowToBuildIt() {
    Outcome o = pagelab("walk", "--walker", "student", "--classes", dir.resolve("no").toString());
    assertEquals(1, o.status());
    assertTrue(o.err().startsWith("pagelab: --classes "), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertEquals(2, pagelab("walk", "--bogus").status());
    assertEquals(2, pagelab("bogus").status());
    assertEquals(1, pagelab("walk", "--paging", "6level").status());
    assertEquals(1, pagelab("walk", "zz").status());
  }
}
