package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pagelab run}, {@code scenarios} and {@code walk}: output, errors and exit codes. */
class RunWalkCommandTest {
  @TempDir Path dir;

  @Test
  void runABundledScenario() {
    CliRun o = CliRun.pagelab("run", "segv");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("Segmentation fault"), o.out());
  }

  @Test
  void runAnUnknownScenarioListsTheKnownOnes() {
    CliRun o = CliRun.pagelab("run", "nosuch");
    assertEquals(1, o.status());
    assertTrue(o.err().contains("unknown bundled scenario \"nosuch\""), o.err());
    assertTrue(o.err().contains("demand-paging"), o.err());
  }

  @Test
  void aBadScenarioFileGivesFileLineColumnAndAHint() throws IOException {
    Path file = dir.resolve("bad.scn");
    Files.writeString(file, "spawn a as a\na mmap 10MB2 rw as x\n");
    CliRun o = CliRun.pagelab("run", file.toString());
    assertEquals(1, o.status());
    assertTrue(o.err().startsWith(file + ":2:10: unknown size unit \"MB2\""), o.err());
    assertTrue(o.err().contains("\nhint: "), o.err());
    assertEquals("", o.out());
  }

  @Test
  void aFailedExpectationExitsWith1() throws IOException {
    Path file = dir.resolve("expect.scn");
    Files.writeString(file, "spawn a as a\na mmap 1MiB rw as x\nexpect a.rss >= 1MiB\n");
    CliRun o = CliRun.pagelab("run", file.toString());
    assertEquals(1, o.status());
    assertTrue(o.out().contains(file + ":3:1: expectation failed"), o.out());
    assertTrue(o.err().contains("1 expectation(s) failed"), o.err());
  }

  @Test
  void scenariosListsEveryBundledScenarioWithADescription() {
    CliRun o = CliRun.pagelab("scenarios");
    assertEquals(0, o.status());
    for (String name : new String[] {"memuse", "mmap", "segv", "demand-paging", "faults"}) {
      assertTrue(o.out().lines().anyMatch(l -> l.startsWith(name + " ")), o.out());
    }
  }

  @Test
  void walkExplainsEachLevel() {
    CliRun o = CliRun.pagelab("walk");
    assertEquals(0, o.status(), o.err());
    for (String table : new String[] {"PML4", "PDPT", "PD ", "PT "}) {
      assertTrue(o.out().contains("\n" + table), o.out());
    }
    assertTrue(o.out().contains("leaf: 4 KiB page"), o.out());
  }

  @Test
  void walkInFiveLevelModeReadsAPml5() {
    CliRun o = CliRun.pagelab("walk", "--paging", "5level");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("\nPML5"), o.out());
  }

  @Test
  void walkOfAnUntouchedAddressShowsTheFault() {
    CliRun o = CliRun.pagelab("walk", "0x10000000");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("not present"), o.out());
  }

  @Test
  void walkComparesAnotherWalkerWithTheReference() {
    CliRun o =
        CliRun.pagelab(
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
    CliRun o =
        CliRun.pagelab("walk", "--walker", "student", "--classes", dir.resolve("no").toString());
    assertEquals(1, o.status());
    assertTrue(o.err().startsWith("pagelab: --classes "), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertEquals(2, CliRun.pagelab("walk", "--bogus").status());
    assertEquals(2, CliRun.pagelab("bogus").status());
    assertEquals(1, CliRun.pagelab("walk", "--paging", "6level").status());
    assertEquals(1, CliRun.pagelab("walk", "zz").status());
  }
}
