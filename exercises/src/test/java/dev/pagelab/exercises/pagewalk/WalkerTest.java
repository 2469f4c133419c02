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

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.grader.api.Graded;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Public tests of the pagewalk exercise, task by task as the assignment numbers them: one rule of
 * the walk each, on hand-built tables. Only the tests of task 6 look at the Accessed and Dirty
 * bits, so a walk that is right but for them loses only those.
 */
@DisplayNameGeneration(GradedTitles.class)
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

  // Task 1: follow the tables down to a 4 KiB page.

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 1,
      title = "4 KiB page: the entry each 9-bit index selects, then frame plus offset",
      titleKo = "4 KiB 페이지: 9비트 인덱스가 고르는 엔트리를 따라가 프레임에 오프셋 더하기")
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
                  va, frame),
              String.format(
                  "0x%x의 PT 엔트리는 프레임 0x%x를 가리키고 오프셋(11..0번 비트)은 0x123입니다."
                      + " 모든 레벨에 RW와 US가 켜져 있고 NX는 꺼져 있습니다",
                  va, frame));
    }
  }

  // Task 2: faults on the way down.

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 2,
      title = "P clear at any level: a not-present fault at that level",
      titleKo = "어느 레벨이든 P가 0이면 그 레벨에서 not-present 폴트")
  void notPresentAtEachLevel() {
    for (PagingMode mode : PagingMode.values()) {
      for (int level = mode.levels(); level >= 1; level--) {
        PageTables t = new PageTables(mode);
        t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
        t.change(VA, level, PTE_P, 0);
        String table = Pte.tableName(level);
        walk(t, VA, Access.USER_WRITE)
            .expect(
                new PageFault(PFEC_W | PFEC_U, level, FaultReason.NOT_PRESENT),
                "the "
                    + table
                    + " entry has P clear; the error code is W|U = 6 (P is 0 for a missing page)",
                table + " 엔트리의 P가 0입니다. 에러 코드는 W|U = 6입니다(페이지가 없을 때 P 비트는 0)");
      }
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 2,
      title = "A reserved bit (51..46) in any entry: a reserved-bit fault at that level",
      titleKo = "엔트리에 예약 비트(51..46)가 켜져 있으면 그 레벨에서 예약 비트 폴트")
  void reservedBitFault() {
    int code = PFEC_P | PFEC_RSVD | PFEC_U;
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    t.change(VA, 3, 0, 1L << 51);
    walk(t, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 3, FaultReason.RESERVED_BIT),
            "bit 51 of the PDPT entry is above MAXPHYADDR (46): reserved; error P|RSVD|U = 0xd",
            "PDPT 엔트리의 51번 비트는 MAXPHYADDR(46)보다 위라서 예약 비트입니다." + " 에러 코드는 P|RSVD|U = 0xd");
    PageTables pt = PageTables.fourLevel();
    pt.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    pt.change(VA, 1, 0, 1L << 46);
    walk(pt, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 1, FaultReason.RESERVED_BIT),
            "bit 46 of the PT entry is reserved too: the check applies at every level, the leaf"
                + " included",
            "PT 엔트리의 46번 비트도 예약 비트입니다. 리프를 포함한 모든 레벨에서 검사합니다");
  }

  // Task 3: access rights.

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 3,
      title = "A write needs RW at every level, in supervisor mode too (CR0.WP)",
      titleKo = "쓰기에는 모든 레벨의 RW가 필요하다 (슈퍼바이저 모드도 마찬가지, CR0.WP)")
  void writeNeedsRwAtEveryLevel() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    t.change(VA, 3, PTE_RW, 0);
    String why = "the PDPT entry has RW clear, so the page is read-only; the fault is reported at";
    String whyKo = "PDPT 엔트리의 RW가 0이라 페이지는 읽기 전용입니다. 폴트는 리프의 레벨에서";
    walk(t, VA, Access.USER_WRITE)
        .expect(
            new PageFault(PFEC_P | PFEC_W | PFEC_U, 1, FaultReason.PROTECTION),
            why + " the leaf's level with error P|W|U = 7",
            whyKo + " 에러 코드 P|W|U = 7로 보고합니다");
    walk(t, VA, SUPERVISOR_WRITE)
        .expect(
            new PageFault(PFEC_P | PFEC_W, 1, FaultReason.PROTECTION),
            why + " the leaf's level with error P|W = 3: CR0.WP is set, the kernel obeys RW too",
            whyKo + " 에러 코드 P|W = 3으로 보고합니다. CR0.WP가 켜져 있어 커널도 RW를 따릅니다");
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, false, true, true),
            "a read is allowed; writable=false because one entry on the path has RW clear",
            "읽기는 허용됩니다. 경로의 엔트리 하나에 RW가 0이므로 writable=false입니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 3,
      title = "A user access needs US at every level; the kernel may use any page",
      titleKo = "유저 접근에는 모든 레벨의 US가 필요하고, 커널은 어느 페이지든 쓸 수 있다")
  void userAccessNeedsUsAtEveryLevel() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    t.change(VA, 4, PTE_US, 0);
    walk(t, VA, Access.USER_READ)
        .expect(
            new PageFault(PFEC_P | PFEC_U, 1, FaultReason.PROTECTION),
            "the PML4 entry has US clear (a supervisor-only region); error P|U = 5 at the leaf",
            "PML4 엔트리의 US가 0입니다(슈퍼바이저 전용 영역). 리프의 레벨에서 에러 코드 P|U = 5");
    walk(t, VA, SUPERVISOR_READ)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, true, false, true),
            "supervisor mode needs no US; user=false because the PML4 entry has US clear",
            "슈퍼바이저 모드에는 US가 필요 없습니다. PML4 엔트리의 US가 0이므로 user=false입니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 3,
      title = "An instruction fetch needs NX clear at every level",
      titleKo = "명령어 페치는 모든 레벨에서 NX가 0이어야 한다")
  void fetchNeedsNxClearAtEveryLevel() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    walk(t, VA, Access.USER_EXECUTE)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, true, true, true),
            "NX is clear everywhere, so the page is executable",
            "모든 레벨에서 NX가 0이므로 페이지는 실행할 수 있습니다");
    t.change(VA, 2, 0, PTE_NX);
    walk(t, VA, Access.USER_EXECUTE)
        .expect(
            new PageFault(PFEC_P | PFEC_U | PFEC_I, 1, FaultReason.PROTECTION),
            "the PD entry has NX (bit 63) set; error P|U|I = 0x15 at the leaf's level",
            "PD 엔트리에 NX(63번 비트)가 켜져 있습니다. 리프의 레벨에서 에러 코드 P|U|I = 0x15");
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, true, true, false),
            "NX forbids fetches only; executable=false because the PD entry has NX",
            "NX는 명령어 페치만 막습니다. PD 엔트리에 NX가 있으므로 executable=false입니다");
  }

  // Task 4: large pages.

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 4,
      title = "2 MiB page: a PD entry with PS is the leaf; 21-bit offset",
      titleKo = "2 MiB 페이지: PS가 켜진 PD 엔트리가 리프이고 오프셋은 21비트")
  void translatesA2MiBPage() {
    PageTables t = PageTables.fourLevel();
    long frame = 0x0000_0000_4020_0000L;
    t.map(VA, PageSize.SIZE_2M, frame, USER_RW);
    walk(t, VA, Access.USER_WRITE)
        .expect(
            new Translation(frame | (VA & 0x1F_FFFF), PageSize.SIZE_2M, 2, true, true, true),
            "the PD entry has PS: it maps 2 MiB at 0x40200000 and bits 20..0 of the address are"
                + " the offset (0x1f6123)",
            "PD 엔트리에 PS가 있으므로 0x40200000부터 2 MiB를 매핑하고, 주소의 20..0번 비트" + "(0x1f6123)가 오프셋입니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 4,
      title = "1 GiB page: a PDPT entry with PS is the leaf; 30-bit offset",
      titleKo = "1 GiB 페이지: PS가 켜진 PDPT 엔트리가 리프이고 오프셋은 30비트")
  void translatesA1GiBPage() {
    PageTables t = PageTables.fourLevel();
    long frame = 0x0000_0001_c000_0000L;
    t.map(VA, PageSize.SIZE_1G, frame, USER_RW | PTE_NX);
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(frame | (VA & 0x3FFF_FFFF), PageSize.SIZE_1G, 3, true, true, false),
            "the PDPT entry has PS: it maps 1 GiB at 0x1c0000000 and bits 29..0 of the address"
                + " are the offset (0x2fff6123); NX makes it non-executable",
            "PDPT 엔트리에 PS가 있으므로 0x1c0000000부터 1 GiB를 매핑하고, 주소의 29..0번 비트"
                + "(0x2fff6123)가 오프셋입니다. NX가 있어 실행할 수 없습니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 4,
      title = "PS in a PML4 entry and a misaligned large frame are reserved bits",
      titleKo = "PML4 엔트리의 PS와 정렬되지 않은 큰 페이지의 프레임은 예약 비트")
  void largePageReservedBits() {
    int code = PFEC_P | PFEC_RSVD | PFEC_U;
    PageTables ps = PageTables.fourLevel();
    ps.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    ps.change(VA, 4, 0, PTE_PS);
    walk(ps, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 4, FaultReason.RESERVED_BIT),
            "PS is reserved in a PML4 entry: there are no 512 GiB pages",
            "PML4 엔트리의 PS는 예약 비트입니다. 512 GiB 페이지는 없습니다");
    PageTables big = PageTables.fourLevel();
    big.map(VA, PageSize.SIZE_2M, 0x4020_0000L | 1L << 13, USER_RW);
    walk(big, VA, Access.USER_READ)
        .expect(
            new PageFault(code, 2, FaultReason.RESERVED_BIT),
            "bit 13 of a 2 MiB leaf is reserved: its frame must be 2 MiB aligned (bit 12 is PAT)",
            "2 MiB 리프의 13번 비트는 예약 비트입니다. 프레임은 2 MiB 단위로 정렬되어야 합니다" + "(12번 비트는 PAT)");
  }

  // Task 5: canonical addresses and 5-level paging.

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 5,
      title = "Non-canonical address (48-bit): a fault at level 0 with error code 0",
      titleKo = "canonical이 아닌 주소(48비트): 레벨 0, 에러 코드 0인 폴트")
  void rejectsNonCanonicalAddresses() {
    PageTables t = PageTables.fourLevel();
    long kernel = 0xFFFF_8000_0000_1000L;
    t.map(kernel, PageSize.SIZE_4K, FRAME, PTE_P | PTE_RW);
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    for (long va : new long[] {0x0000_8000_0000_0000L, 0xFFFF_7FFF_FFFF_F000L, VA ^ 1L << 60}) {
      walk(t, va, Access.USER_READ)
          .expect(
              WalkCheck.nonCanonical(),
              "with 48-bit addresses bits 63..48 must all equal bit 47",
              "48비트 주소에서는 63..48번 비트가 모두 47번 비트와 같아야 합니다");
    }
    walk(t, kernel, SUPERVISOR_READ)
        .expect(
            new Translation(FRAME, PageSize.SIZE_4K, 1, true, false, true),
            "0xffff800000001000 is canonical (bits 63..47 all 1): PML4 index 0x100",
            "0xffff800000001000은 canonical입니다(63..47번 비트가 모두 1). PML4 인덱스는 0x100");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 5,
      title = "5-level paging: PML5 first, 57-bit canonical addresses",
      titleKo = "5레벨 페이징: PML5부터 시작, 57비트 canonical 주소")
  void fiveLevelPaging() {
    PageTables t = PageTables.fiveLevel();
    long high = 0x0000_8000_0000_0000L; // needs 57 bits: PML5 index 1
    t.map(high, PageSize.SIZE_4K, FRAME, USER_RW);
    t.map(VA, PageSize.SIZE_4K, FRAME + 0x1000, USER_RW);
    walk(t, high, Access.USER_WRITE)
        .expect(
            new Translation(FRAME, PageSize.SIZE_4K, 1, true, true, true),
            "0x800000000000 is canonical with 57 bits; bits 56..48 select PML5 entry 1",
            "0x800000000000은 57비트에서 canonical입니다. 56..48번 비트가 PML5 엔트리 1을 고릅니다");
    walk(t, VA, Access.USER_READ)
        .expect(
            new Translation(FRAME + 0x1123, PageSize.SIZE_4K, 1, true, true, true),
            "VA goes through PML5 entry 0, then the same four indices as in 4-level mode",
            "VA는 PML5 엔트리 0을 거친 뒤 4레벨 모드와 같은 네 인덱스를 따라갑니다");
    walk(t, 0x0100_0000_0000_0000L, Access.USER_READ)
        .expect(
            WalkCheck.nonCanonical(),
            "with 57-bit addresses bits 63..57 must all equal bit 56",
            "57비트 주소에서는 63..57번 비트가 모두 56번 비트와 같아야 합니다");
  }

  // Task 6: the Accessed and Dirty bits. Only these tests look at them.

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 6,
      title = "Accessed on the whole path after a walk, Dirty only in the leaf after a write",
      titleKo = "성공한 워크는 경로 전체에 A를, 쓰기라면 리프에만 D를 켠다")
  void setsAccessedAndDirty() {
    PageTables t = PageTables.fourLevel();
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    WalkCheck read = walk(t, VA, Access.USER_READ);
    for (int level = 4; level >= 1; level--) {
      read.expectBits(
              level,
              PTE_A,
              true,
              "a successful walk sets A in every entry it used",
              "성공한 워크는 거쳐 간 모든 엔트리에 A를 켭니다")
          .expectBits(level, PTE_D, false, "a read never sets D", "읽기는 D를 켜지 않습니다");
    }
    WalkCheck write = walk(t, VA, Access.USER_WRITE);
    write.expectBits(
        1,
        PTE_D,
        true,
        "a write sets D in the leaf entry (the PTE here)",
        "쓰기는 리프 엔트리(여기서는 PTE)에 D를 켭니다");
    for (int level = 4; level >= 2; level--) {
      write.expectBits(
          level,
          PTE_D,
          false,
          "D is set in the leaf only, never in a table entry",
          "D는 리프에만 켜고, 테이블을 가리키는 엔트리에는 켜지 않습니다");
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 6,
      title = "A and D in a 2 MiB and a 1 GiB leaf, and A in the PML5 entry",
      titleKo = "2 MiB·1 GiB 리프의 A와 D, 그리고 PML5 엔트리의 A")
  void accessedAndDirtyInLargePagesAndFiveLevels() {
    PageTables big = PageTables.fourLevel();
    big.map(VA, PageSize.SIZE_2M, 0x4020_0000L, USER_RW);
    walk(big, VA, Access.USER_WRITE)
        .expectBits(
            2, PTE_A | PTE_D, true, "the PD entry is the leaf of this write", "이 쓰기의 리프는 PD 엔트리입니다")
        .expectBits(3, PTE_D, false, "D is set in the leaf only", "D는 리프에만 켭니다");
    PageTables huge = PageTables.fourLevel();
    huge.map(VA, PageSize.SIZE_1G, 0x1_c000_0000L, USER_RW);
    walk(huge, VA, Access.USER_READ)
        .expectBits(
            3, PTE_A, true, "the PDPT entry is the leaf of this walk", "이 워크의 리프는 PDPT 엔트리입니다")
        .expectBits(3, PTE_D, false, "a read never sets D", "읽기는 D를 켜지 않습니다");
    PageTables five = PageTables.fiveLevel();
    five.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    walk(five, VA, Access.USER_READ)
        .expectBits(5, PTE_A, true, "the PML5 entry is on the path too", "PML5 엔트리도 경로에 있습니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 6,
      title = "A walk that faults changes nothing: no A, no D, no write at all",
      titleKo = "폴트가 난 워크는 아무것도 바꾸지 않는다: A도 D도, 어떤 쓰기도 없음")
  void faultingWalkChangesNothing() {
    PageTables readOnly = PageTables.fourLevel();
    readOnly.map(VA, PageSize.SIZE_4K, FRAME, PTE_P | PTE_US); // read-only, A clear everywhere
    PageTables missing = PageTables.fourLevel();
    missing.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    missing.change(VA, 1, PTE_P, 0);
    PageTables reserved = PageTables.fourLevel();
    reserved.map(VA, PageSize.SIZE_4K, FRAME, USER_RW);
    reserved.change(VA, 2, 0, 1L << 50);
    // Each of these walks must fault (the tests of tasks 2, 3 and 5 check that it does); this
    // test checks only that a walk your walker ends with a fault wrote nothing.
    WalkCheck[] faulting = {
      walk(readOnly, VA, Access.USER_WRITE),
      walk(missing, VA, Access.USER_READ),
      walk(reserved, VA, Access.USER_READ),
      walk(reserved, 0x0000_8000_0000_0000L, Access.USER_READ)
    };
    int judged = 0;
    for (WalkCheck w : faulting) {
      if (w.result() instanceof PageFault) {
        w.expectMemoryUnchanged(
            "A and D are set only once the walk has succeeded: a walk that faults writes nothing",
            "A와 D는 워크가 성공한 뒤에만 켭니다. 폴트가 난 워크는 아무것도 쓰지 않습니다");
        judged++;
      }
    }
    if (judged == 0) {
      throw new AssertionFailedError(
          Feedback.of(
              "your walker faulted in none of the four walks that must fault (a write to a"
                  + " read-only page, a missing PTE, a reserved bit, a non-canonical address), so"
                  + " this test could not check that a faulting walk writes nothing: see tasks 2,"
                  + " 3 and 5 first",
              "폴트가 나야 하는 네 워크(읽기 전용 페이지에 쓰기, 없는 PTE, 예약 비트, canonical이 아닌"
                  + " 주소) 중 어느 것에서도 폴트가 나지 않아, 폴트가 난 워크가 아무것도 쓰지 않는지"
                  + " 확인할 수 없었습니다. 과제 2, 3, 5부터 해결하세요"));
    }
  }
}
