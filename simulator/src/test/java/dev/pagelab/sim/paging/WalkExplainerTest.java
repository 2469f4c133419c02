package dev.pagelab.sim.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pagelab.sim.paging.WalkExplainer.Explanation;
import dev.pagelab.sim.paging.WalkExplainer.Field;
import dev.pagelab.sim.paging.WalkExplainer.Step;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The explanation's structure and its exact text for a 4 KiB, a 2 MiB and faulting walks. */
class WalkExplainerTest {
  private static final long USER_RW = Pte.PTE_P | Pte.PTE_RW | Pte.PTE_US;

  private static TableBuilder tables(PagingMode mode) {
    return new TableBuilder(new SparseMemory(), mode);
  }

  @Example
  void explains4KiBWriteThatSetsAccessedAndDirty() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    long va = 0x0000_7f5a_efff_6123L;
    t.map(va, PageSize.SIZE_4K, 0x1_2345_6000L, USER_RW | Pte.PTE_NX);
    Explanation e =
        WalkExplainer.explain(t.memory(), t.root(), va, Access.USER_WRITE, PagingMode.FOUR_LEVEL);
    assertEquals(
        """
        walk of 0x00007f5aefff6123: user write, 4-level paging, root table 0x000000001000

        bits    field             value
        63..48  sign extension    0x0000
        47..39  PML4 index (pgd)  254
        38..30  PDPT index (pud)  363
        29..21  PD index (pmd)    383
        20..12  PT index (pte)    502
        11..0   page offset       0x123

        table  table address   index  entry address   entry value         flags       sets  decision
        PML4   0x000000001000  254    0x0000000017f0  0x0000000000002007  P RW US     A     next PDPT 0x000000002000
        PDPT   0x000000002000  363    0x000000002b58  0x0000000000003007  P RW US     A     next PD 0x000000003000
        PD     0x000000003000  383    0x000000003bf8  0x0000000000004007  P RW US     A     next PT 0x000000004000
        PT     0x000000004000  502    0x000000004fb0  0x8000000123456007  P RW US NX  A D   leaf: 4 KiB page 0x000123456000

        result: physical address 0x000123456123 in a 4 KiB page (offset 0x123)
        permissions: writable, user, no-execute
        """,
        e.text());
  }

  @Example
  void explains2MiBRead() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    long va = 0x0000_7f5a_efa1_2345L;
    t.map(va, PageSize.SIZE_2M, 0x4020_0000L, Pte.PTE_P | Pte.PTE_US | Pte.PTE_A | Pte.PTE_NX);
    Explanation e =
        WalkExplainer.explain(t.memory(), t.root(), va, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(
        """
        walk of 0x00007f5aefa12345: user read, 4-level paging, root table 0x000000001000

        bits    field             value
        63..48  sign extension    0x0000
        47..39  PML4 index (pgd)  254
        38..30  PDPT index (pud)  363
        29..21  PD index (pmd)    381
        20..12  PT index (pte)    18
        11..0   page offset       0x345

        table  table address   index  entry address   entry value         flags         sets  decision
        PML4   0x000000001000  254    0x0000000017f0  0x0000000000002007  P RW US       A     next PDPT 0x000000002000
        PDPT   0x000000002000  363    0x000000002b58  0x0000000000003007  P RW US       A     next PD 0x000000003000
        PD     0x000000003000  381    0x000000003be8  0x80000000402000a5  P US A PS NX  -     leaf: 2 MiB page 0x000040200000

        result: physical address 0x000040212345 in a 2 MiB page (offset 0x012345)
        permissions: read-only, user, no-execute
        """,
        e.text());
  }

  @Example
  void explainsSupervisorWriteToReadOnlyPage() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    long va = 0xffff_8880_0010_0000L; // the direct map of a Linux kernel
    t.map(va, PageSize.SIZE_4K, 0x10_0000L, Pte.PTE_P | Pte.PTE_A);
    t.set(va, 2, t.get(va, 2) & ~Pte.PTE_RW);
    Access write = new Access(AccessType.WRITE, false);
    Explanation e = WalkExplainer.explain(t.memory(), t.root(), va, write, PagingMode.FOUR_LEVEL);
    assertEquals(
        """
        walk of 0xffff888000100000: supervisor write, 4-level paging, root table 0x000000001000

        bits    field             value
        63..48  sign extension    0xffff
        47..39  PML4 index (pgd)  273
        38..30  PDPT index (pud)  0
        29..21  PD index (pmd)    0
        20..12  PT index (pte)    256
        11..0   page offset       0x000

        table  table address   index  entry address   entry value         flags    sets  decision
        PML4   0x000000001000  273    0x000000001888  0x0000000000002007  P RW US  -     next PDPT 0x000000002000
        PDPT   0x000000002000  0      0x000000002000  0x0000000000003007  P RW US  -     next PD 0x000000003000
        PD     0x000000003000  0      0x000000003000  0x0000000000004005  P US     -     next PT 0x000000004000
        PT     0x000000004000  256    0x000000004800  0x0000000000100021  P A      -     leaf: 4 KiB page 0x000000100000

        result: page fault at the PTE (level 1), error 3 (supervisor write, protection violation)
        why: a write needs RW at every level: RW clear in PDE, PTE
        """,
        e.text());
  }

  @Example
  void explainsNotPresentIn5LevelPaging() {
    TableBuilder t = tables(PagingMode.FIVE_LEVEL);
    long va = 0x00ff_ff00_0000_0000L;
    long pdpte = t.entryAddress(va, 3, true); // creates the PML4 and the PDPT
    t.memory()
        .poke(pdpte, X86Paging.physToPte(t.newTable()) | Pte.PTE_P | Pte.PTE_RW); // an empty PD
    Explanation e =
        WalkExplainer.explain(t.memory(), t.root(), va, Access.USER_READ, PagingMode.FIVE_LEVEL);
    assertEquals(
        """
        walk of 0x00ffff0000000000: user read, 5-level paging, root table 0x000000001000

        bits    field             value
        63..57  sign extension    0x00
        56..48  PML5 index (pgd)  255
        47..39  PML4 index (p4d)  510
        38..30  PDPT index (pud)  0
        29..21  PD index (pmd)    0
        20..12  PT index (pte)    0
        11..0   page offset       0x000

        table  table address   index  entry address   entry value         flags    sets  decision
        PML5   0x000000001000  255    0x0000000017f8  0x0000000000002007  P RW US  -     next PML4 0x000000002000
        PML4   0x000000002000  510    0x000000002ff0  0x0000000000003007  P RW US  -     next PDPT 0x000000003000
        PDPT   0x000000003000  0      0x000000003000  0x0000000000004003  P RW     -     next PD 0x000000004000
        PD     0x000000004000  0      0x000000004000  0x0000000000000000  -        -     fault: not present

        result: page fault at the PDE (level 2), error 4 (user read, not present)
        why: P is clear in the PDE
        """,
        e.text());
  }

  @Example
  void explainsNonCanonicalAddressWithoutReadingATable() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    long va = 0x0000_8000_0000_0000L;
    Explanation e =
        WalkExplainer.explain(t.memory(), t.root(), va, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(List.of(), e.steps());
    String text = e.text();
    assertEquals(
        List.of(
            "63..48  sign extension    0x0000  not canonical",
            "no table read",
            "result: general protection fault (#GP), not a page fault",
            "why: in 4-level paging bits 63..47 must all equal bit 47"),
        text.lines()
            .filter(
                l ->
                    l.contains("canonical")
                        || l.startsWith("no table")
                        || l.startsWith("result")
                        || l.startsWith("why"))
            .toList());
  }

  @Example
  void stepsRecordValuesBeforeAndAfter() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    long va = 0x4000_1000L;
    t.map4k(va, 0x5000_0000L);
    Explanation e =
        WalkExplainer.explain(t.memory(), t.root(), va, Access.USER_WRITE, PagingMode.FOUR_LEVEL);
    Step leaf = e.steps().get(3);
    assertEquals(t.entryAddress(va, 1, false), leaf.entryAddress());
    assertEquals(leaf.entryValue() | Pte.PTE_A | Pte.PTE_D, leaf.valueAfter());
    assertEquals(t.get(va, 1), leaf.valueAfter());
    assertEquals("A D", leaf.setByWalk());
  }

  /** The split matches the indices the real kernel's pagemap probe printed (truth/pagemap). */
  @Example
  void splitMatchesTheRealKernelsFourLevelIndices() throws IOException {
    int rows = 0;
    for (String[] row : truthRows("/truth/pagemap/pagemap_run1.tsv")) {
      long va = Long.parseUnsignedLong(row[1].substring(2), 16);
      List<Field> f = WalkExplainer.split(va, PagingMode.FOUR_LEVEL);
      String where = "pagemap_run1.tsv " + row[0] + " " + row[1];
      assertEquals(6, f.size(), where);
      for (int i = 0; i < 4; i++) {
        assertEquals(Long.parseLong(row[2 + i]), f.get(1 + i).value(), where + " " + f.get(1 + i));
      }
      assertEquals(Long.parseLong(row[6]), f.get(5).value(), where + " offset");
      rows++;
    }
    assertEquals(40, rows, "data rows in pagemap_run1.tsv");
  }

  @Property(tries = 500)
  void theExplanationsResultIsTheWalkersResult(@ForAll long seed) {
    RandomPath explained = RandomPath.of(seed);
    RandomPath walked = RandomPath.of(seed);
    Explanation e =
        WalkExplainer.explain(
            explained.tables.memory(),
            explained.tables.root(),
            explained.va,
            explained.access,
            explained.tables.mode());
    assertEquals(
        new ReferenceWalker()
            .walk(
                walked.tables.memory(),
                walked.tables.root(),
                walked.va,
                walked.access,
                walked.tables.mode()),
        e.result(),
        "seed " + seed);
    assertFalse(e.text().isEmpty());
  }

  private static List<String[]> truthRows(String resource) throws IOException {
    InputStream in = WalkExplainerTest.class.getResourceAsStream(resource);
    assertNotNull(in, resource);
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      assertEquals("case\tvaddr\tpgd_idx\tpud_idx\tpmd_idx\tpte_idx\tpage_off", prefix(header));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          rows.add(line.split("\t"));
        }
      }
    }
    return rows;
  }

  private static String prefix(String header) {
    return String.join("\t", List.of(header.split("\t")).subList(0, 7));
  }
}
