package dev.pagelab.exercises.pagewalk;

import static dev.pagelab.sim.spi.Pte.PFEC_I;
import static dev.pagelab.sim.spi.Pte.PFEC_P;
import static dev.pagelab.sim.spi.Pte.PFEC_RSVD;
import static dev.pagelab.sim.spi.Pte.PFEC_U;
import static dev.pagelab.sim.spi.Pte.PFEC_W;
import static dev.pagelab.sim.spi.Pte.PTE_A;
import static dev.pagelab.sim.spi.Pte.PTE_D;
import static dev.pagelab.sim.spi.Pte.PTE_NX;
import static dev.pagelab.sim.spi.Pte.PTE_P;
import static dev.pagelab.sim.spi.Pte.PTE_PS;
import static dev.pagelab.sim.spi.Pte.PTE_RW;
import static dev.pagelab.sim.spi.Pte.PTE_US;

import dev.pagelab.grader.api.Graded;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Public tests of the pagewalk exercise: one rule of the walk each, on hand-built tables. */
class WalkerTest {
  private static final String EXERCISE = "pagewalk";

  /** A user address: PML4 index 0x0fe, PDPT 0x16b, PD 0x17f, PT 0x1f6, offset 0x123. */
  private static final long VA = 0x0000_7f5a_efff_6123L;

  private static final long FRAME = 0x0000_1234_5678_9000L;
  private static final long USER_RW = PTE_P | PTE_RW | PTE_US;
  private static final Access SUPERVISOR_READ = new Access(AccessType.READ, false);
  private static final Access SUPERVISOR_WRITE = new Access(AccessType.WRITE, false);

  private final Walker walker = new Walker();

  private WalkCheck walk(PageTables t, long va, Access access) {
    return WalkCheck.walk(walker, t, va, access);
  }

  @Test
  @Graded(exercise = EXERCISE, points = 2)
  @DisplayName("4 KiB page: frame plus offset, through the entry each 9-bit index selects")
  void translatesA4KiBPage() {
    PageTables t = PageTables.fourLevel();
    // five addresses that differ in the offset and in one index each
    long[] deltas = {0, 0x1000L, 0x20_0000L, 0x4000_0000L, 0x80_0000_0000L};
    for (int i = 0; i < deltas.length; i++) {
      t.map(VA + deltas[i], PageSize.SIZE_4K, FRAME + 0x10_0000L * i, USER_RW);
    }
    for (int i = 0; i < deltas.length; i++) {
      long va = VA + deltas[i];
      long frame = FRAME + 0x10_0000L * i;
      walk(t, va, Access.USER_READ)
          .expect(
              new Translation(frame | 0x123, PageSize.SIZE_4K, 1, true, true, true),
              String.format(
                  "the PT entry for 0x%x points at frame 0x%x and the offset (bits 11..0) is"
                      + " 0x123; RW, US set and NX clear on every level",
                  va, frame));
    }
  }

  @Test
  @Graded(exercise = EXERCISE, points = 2)
  @DisplayName("Accessed on the whole path after a walk, Dirty only in the leaf after a write")
  void setsAccessedAndDirty() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    WalkCheck read = walk(t, VA, Access.USER_READ);
    for (int level = 4; level >= 1; level--) {
      read.expectBits(level, PTE_A, true, "a successful walk sets A in every entry it used")
          .expectBits(level, PTE_D, false, "a read never sets D");
    }
    WalkCheck write = walk(t, VA, Access.USER_WRITE);
    write.expectBits(1, PTE_D, true, "a write sets D in the leaf entry (the PTE here)");
    for (int level = 4; level >= 2; level--) {
      write.expectBits(level, PTE_D, false, "D is set in the leaf only, never in a table entry");
    }
  }

  @Test
  @Graded(exercise = EXERCISE, points = 2)
  @DisplayName("P clear at any level: not-present fault at that level, nothing changed")
  void notPresentAtEachLevel() {
    for (PagingMode mode : PagingMode.values()) {
      for (int level = mode.levels(); level >= 1; level--) {
        PageTables t = new PageTables(mode);
        t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
        t.change(VA, level, PTE_P, 0);
        walk(t, VA, Access.USER_WRITE)
            .expect(
                new PageFault(PFEC_W | PFEC_U, level, FaultReason.NOT_PRESENT),
                "the "
                    + Pte.tableName(level)
                    + " entry has P clear; the error code is W|U = 6"
                    + " (P is 0 for a missing page)")
            .expectMemoryUnchanged("a walk that faults sets no A or D bit");
      }
    }
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("A write needs RW at every level, in supervisor mode too (CR0.WP)")
  void writeNeedsRwAtEveryLevel() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    t.change(VA, 3, PTE_RW, 0);
    String why = "the PDPT entry has RW clear, so the page is read-only; the fault is reported at";
    walk(t, VA, Access.USER_WRITE)
        .expect(
            new PageFault(PFEC_P | PFEC_W | PFEC_U, 1, FaultReason.PROTECTION),
            why + " the leaf's level with error P|W|U = 7");
    walk(t, VA, SUPERVISOR_WRITE)
        .expect(
            new PageFault(PFEC_P | PFEC_W, 1, FaultReason.PROTECTION),
            why + " the leaf's level with error P|W = 3: CR0.WP is set, the kernel obeys RW too");
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, false, true, true),
            "a read is allowed; writable=false because one entry on the path has RW clear");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("A user access needs US at every level; the kernel may use any page")
  void userAccessNeedsUsAtEveryLevel() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    t.change(VA, 4, PTE_US, 0);
    walk(t, VA, Access.USER_READ)
        .expect(
            new PageFault(PFEC_P | PFEC_U, 1, FaultReason.PROTECTION),
            "the PML4 entry has US clear (a supervisor-only region); error P|U = 5 at the leaf");
    walk(t, VA, SUPERVISOR_READ)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, true, false, true),
            "supervisor mode needs no US; user=false because the PML4 entry has US clear");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("An instruction fetch needs NX clear at every level")
  void fetchNeedsNxClearAtEveryLevel() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    walk(t, VA, Access.USER_EXECUTE)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, true, true, true),
            "NX is clear everywhere, so the page is executable");
    t.change(VA, 2, 0, PTE_NX);
    walk(t, VA, Access.USER_EXECUTE)
        .expect(
            new PageFault(PFEC_P | PFEC_U | PFEC_I, 1, FaultReason.PROTECTION),
            "the PD entry has NX (bit 63) set; error P|U|I = 0x15 at the leaf's level");
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, true, true, false),
            "NX forbids fetches only; executable=false because the PD entry has NX");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("2 MiB page: a PD entry with PS is the leaf; 21-bit offset; D set in the PDE")
  void translatesA2MiBPage() {
    PageTables t = PageTables.fourLevel();
    long frame = 0x0000_0000_4020_0000L;
    t.map(VA, PageSize.SIZE_2M, frame, USER_RW);
    walk(t, VA, Access.USER_WRITE)
        .expect(
            new Translation(frame | (VA & 0x1F_FFFF), PageSize.SIZE_2M, 2, true, true, true),
            "the PD entry has PS: it maps 2 MiB at 0x40200000 and bits 20..0 of the address are"
                + " the offset (0x1f6123)")
        .expectBits(2, PTE_A | PTE_D, true, "the PD entry is the leaf of this write")
        .expectBits(3, PTE_D, false, "D is set in the leaf only");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("1 GiB page: a PDPT entry with PS is the leaf; 30-bit offset")
  void translatesA1GiBPage() {
    PageTables t = PageTables.fourLevel();
    long frame = 0x0000_0001_c000_0000L;
    t.map(VA, PageSize.SIZE_1G, frame, USER_RW | PTE_NX);
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(frame | (VA & 0x3FFF_FFFF), PageSize.SIZE_1G, 3, true, true, false),
            "the PDPT entry has PS: it maps 1 GiB at 0x1c0000000 and bits 29..0 of the address"
                + " are the offset (0x2fff6123); NX makes it non-executable")
        .expectBits(3, PTE_A, true, "the PDPT entry is the leaf of this walk");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("Non-canonical address (48-bit): fault level 0, error 0, no entry read")
  void rejectsNonCanonicalAddresses() {
    PageTables t = PageTables.fourLevel();
    long kernel = 0xFFFF_8000_0000_1000L;
    t.map(kernel, PageSize.SIZE_4K, FRAME, PTE_P | PTE_RW);
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    for (long va : new long[] {0x0000_8000_0000_0000L, 0xFFFF_7FFF_FFFF_F000L, VA ^ 1L << 60}) {
      walk(t, va, Access.USER_READ)
          .expect(
              new PageFault(0, 0, FaultReason.NON_CANONICAL),
              "with 48-bit addresses bits 63..48 must all equal bit 47")
          .expectMemoryUnchanged("a non-canonical address reads and writes no entry");
    }
    walk(t, kernel, SUPERVISOR_READ)
        .expect(
            new Translation(FRAME, PageSize.SIZE_4K, 1, true, false, true),
            "0xffff800000001000 is canonical (bits 63..47 all 1): PML4 index 0x100");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 2)
  @DisplayName("5-level paging: PML5 first, 57-bit canonical addresses")
  void fiveLevelPaging() {
    PageTables t = PageTables.fiveLevel();
    long high = 0x0000_8000_0000_0000L; // needs 57 bits: PML5 index 1
    t.map(high, PageSize.SIZE_4K, FRAME, USER_RW);
    t.map(VA, PageSize.SIZE_4K, FRAME + 0x1000, USER_RW);
    walk(t, high, Access.USER_WRITE)
        .expect(
            new Translation(FRAME, PageSize.SIZE_4K, 1, true, true, true),
            "0x800000000000 is canonical with 57 bits; bits 56..48 select PML5 entry 1")
        .expectBits(5, PTE_A, true, "the PML5 entry is on the path too");
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(FRAME + 0x1123, PageSize.SIZE_4K, 1, true, true, true),
            "VA goes through PML5 entry 0, then the same four indices as in 4-level mode");
    walk(t, 0x0100_0000_0000_0000L, Access.USER_READ)
        .expect(
            new PageFault(0, 0, FaultReason.NON_CANONICAL),
            "with 57-bit addresses bits 63..57 must all equal bit 56");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("Reserved bits: 51..46 in any entry, PS in a PML4E, address bits in a large leaf")
  void reservedBitsFault() {
    int code = PFEC_P | PFEC_RSVD | PFEC_U;
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    t.change(VA, 3, 0, 1L << 51);
    walk(t, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 3, FaultReason.RESERVED_BIT),
            "bit 51 of the PDPT entry is above MAXPHYADDR (46): reserved; error P|RSVD|U = 0xd")
        .expectMemoryUnchanged("a walk that faults changes nothing");
    PageTables ps = PageTables.fourLevel();
    ps.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    ps.change(VA, 4, 0, PTE_PS);
    walk(ps, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 4, FaultReason.RESERVED_BIT),
            "PS is reserved in a PML4 entry: there are no 512 GiB pages");
    PageTables big = PageTables.fourLevel();
    big.map(VA, PageSize.SIZE_2M, 0x4020_0000L | 1L << 13, USER_RW);
    walk(big, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 2, FaultReason.RESERVED_BIT),
            "bit 13 of a 2 MiB leaf is reserved: its frame must be 2 MiB aligned");
  }

  @Test
  @Graded(exercise = EXERCISE, points = 1)
  @DisplayName("A protection fault changes nothing: no A, no D, no write at all")
  void protectionFaultChangesNothing() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, PTE_P | PTE_US); // read-only, A clear everywhere
    walk(t, VA, Access.USER_WRITE)
        .expect(
            new PageFault(PFEC_P | PFEC_W | PFEC_U, 1, FaultReason.PROTECTION),
            "the PTE has RW clear")
        .expectMemoryUnchanged("A and D are set only once the walk has succeeded");
  }
}
