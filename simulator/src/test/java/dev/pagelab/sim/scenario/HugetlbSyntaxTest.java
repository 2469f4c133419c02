package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code mmap ... hugetlb} and {@code hugetlb=SIZE}: MAP_HUGETLB in the scenario language. */
class HugetlbSyntaxTest {
  private static MmapStmt mmap(String line) throws ScenarioException {
    Scenario s = ScenarioParser.parse("t.scn", "spawn prog as p\n" + line + "\n");
    return (MmapStmt) s.statements().get(s.statements().size() - 1);
  }

  @Test
  void bareHugetlbMeansTheDefault2MiBPool() throws ScenarioException {
    assertEquals(2L << 20, mmap("p mmap 64MiB hugetlb as buf").hugetlbSize());
    assertEquals(0, mmap("p mmap 64MiB as buf").hugetlbSize());
  }

  @Test
  void aSizeChoosesThePool() throws ScenarioException {
    assertEquals(1L << 30, mmap("p mmap 1GiB rw shared hugetlb=1GiB as g").hugetlbSize());
    assertTrue(mmap("p mmap 1GiB rw shared hugetlb=1GiB as g").shared());
    assertEquals(2L << 20, mmap("p mmap 4MiB hugetlb=2MiB").hugetlbSize());
  }

  @Test
  void anUnknownSizeIsRefusedWithTheSizesThatExist() {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> mmap("p mmap 4MiB hugetlb=4MiB"));
    assertTrue(e.getMessage().startsWith("t.scn:2:"), e.getMessage());
    assertTrue(e.getMessage().contains("no hugetlb page size 4MiB"), e.getMessage());
    assertTrue(e.getMessage().contains("sizes: 2MiB, 1GiB"), e.getMessage());
  }

  @Test
  void hugetlbWithAFileIsRefused() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                ScenarioParser.parse(
                    "t.scn", "file /d size=4MiB\nspawn prog as p\np mmap 4MiB file=/d hugetlb\n"));
    assertTrue(e.getMessage().contains("hugetlb maps anonymous memory"), e.getMessage());
  }
}
