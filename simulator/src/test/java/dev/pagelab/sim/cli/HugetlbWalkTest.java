package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pagelab walk --hugetlb}: the walk ends at a PMD or PUD leaf of a hugetlb page. */
class HugetlbWalkTest {
  private static List<String> tableRows(String out) {
    return out.lines().filter(l -> l.matches("(PML5|PML4|PDPT|PD|PT) +0x.*")).toList();
  }

  @Test
  void a2MiBPageEndsAtThePmdWithTwentyOneOffsetBits() {
    CliRun o = CliRun.pagelab("walk", "--hugetlb", "2MiB");
    assertEquals(0, o.status(), o.err());
    List<String> rows = tableRows(o.out());
    assertEquals(3, rows.size(), o.out());
    assertTrue(rows.get(2).startsWith("PD ") && rows.get(2).contains(" PS "), o.out());
    assertTrue(rows.get(2).contains("leaf: 2 MiB page"), o.out());
    assertTrue(
        o.out()
            .contains(
                "# leaf at level 2 (PD, Linux pmd): one 2 MiB page, 3 walk steps; bits 20..0 of"
                    + " the address (21 bits) are the offset 0x12345"),
        o.out());
  }

  @Test
  void a1GiBPageEndsAtThePudWithThirtyOffsetBits() {
    CliRun o = CliRun.pagelab("walk", "--hugetlb", "1GiB", "--write");
    assertEquals(0, o.status(), o.err());
    List<String> rows = tableRows(o.out());
    assertEquals(2, rows.size(), o.out());
    assertTrue(rows.get(1).startsWith("PDPT ") && rows.get(1).contains("leaf: 1 GiB page"));
    assertTrue(o.out().contains("in a 1 GiB page"), o.out());
    assertTrue(
        o.out().contains("(PDPT, Linux pud): one 1 GiB page, 2 walk steps; bits 29..0"), o.out());
  }

  @Test
  void fiveLevelPagingAddsOneStep() {
    CliRun o = CliRun.pagelab("walk", "--hugetlb", "2MiB", "--paging", "5level");
    assertEquals(0, o.status(), o.err());
    assertEquals(4, tableRows(o.out()).size(), o.out());
    assertTrue(o.out().contains("one 2 MiB page, 4 walk steps"), o.out());
  }

  @Test
  void aBadSizeIsAOneLineError() {
    CliRun o = CliRun.pagelab("walk", "--hugetlb", "4MiB");
    assertEquals(1, o.status());
    assertTrue(o.err().contains("--hugetlb 4MiB: expected 2MiB or 1GiB"), o.err());
  }

  @Test
  void hugetlbAndScenarioDoNotMix() {
    CliRun o = CliRun.pagelab("walk", "--hugetlb", "2MiB", "--scenario", "mmap");
    assertEquals(1, o.status());
    assertTrue(o.err().contains("cannot be used with --scenario"), o.err());
  }
}
