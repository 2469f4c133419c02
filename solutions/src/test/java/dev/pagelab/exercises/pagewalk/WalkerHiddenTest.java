package dev.pagelab.exercises.pagewalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.api.Graded;
import dev.pagelab.grader.api.Visibility;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;

/**
 * Hidden tests of the pagewalk exercise: the walker against the simulator's reference walk on
 * seeded random tables and on exhaustive small cases. Every test compares the results; only the
 * tests of task 6 compare the Accessed and Dirty bits left in memory, so a walker right on
 * everything else keeps every other point. Every failure message starts with the seed or the case
 * that fails.
 */
@DisplayNameGeneration(GradedTitles.class)
class WalkerHiddenTest {
  private static final String EXERCISE = "pagewalk";
  private static final int SEEDS = 40;
  private static final int MAPPINGS = 48;
  private static final int PROBES = 150;
  private static final long VA = 0x0000_7f5a_efff_6123L;
  private static final long FRAME = 0x0000_1234_5678_9000L;
  private static final long TABLE_FLAGS = Pte.PTE_P | Pte.PTE_RW | Pte.PTE_US;

  private final Walker walker = new Walker();

  /** Every access: read, write and fetch, from user and supervisor mode. */
  private static List<Access> accesses() {
    List<Access> all = new ArrayList<>();
    for (AccessType type : AccessType.values()) {
      all.add(new Access(type, true));
      all.add(new Access(type, false));
    }
    return all;
  }

  /**
   * Walks {@link #PROBES} random addresses over the tables of each of {@code seeds} seeds and
   * compares the results; returns the walks.
   */
  private long randomTables(PagingMode mode, long firstSeed, int seeds) {
    long walks = 0;
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      RandomTables t = RandomTables.generate(seed, mode, walker, MAPPINGS);
      for (int probe = 0; probe < PROBES; probe++) {
        long va = t.probeAddress();
        Access access = t.probeAccess();
        long s = seed;
        int p = probe;
        t.twin()
            .check(va, access, () -> "random tables, seed " + s + " (" + mode + "), probe " + p);
      }
      walks += t.twin().walks();
    }
    return walks;
  }

  /**
   * As {@link #randomTables}, but compares the Accessed and Dirty bits after every walk whose
   * result is right; returns how many walks were judged.
   */
  private long randomAccessedAndDirty(PagingMode mode, long firstSeed, int seeds) {
    long judged = 0;
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      RandomTables t = RandomTables.generate(seed, mode, walker, MAPPINGS);
      for (int probe = 0; probe < PROBES; probe++) {
        long va = t.probeAddress();
        Access access = t.probeAccess();
        long s = seed;
        int p = probe;
        String where = "random tables, seed " + s + " (" + mode + "), probe " + p;
        judged += t.twin().accessedAndDirtyMatch(va, access, () -> where) ? 1 : 0;
      }
    }
    return judged;
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 4,
      task = 0,
      title = "Same results as the reference on random 4-level tables (6000 walks)",
      titleKo = "무작위 4레벨 테이블에서 기준 워커와 같은 결과 (워크 6000번)",
      visibility = Visibility.HIDDEN)
  void matchesTheReferenceOnRandomFourLevelTables() {
    assertEquals(SEEDS * PROBES, randomTables(PagingMode.FOUR_LEVEL, 1_000, SEEDS));
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 4,
      task = 0,
      title = "Same results as the reference on random 5-level tables (6000 walks)",
      titleKo = "무작위 5레벨 테이블에서 기준 워커와 같은 결과 (워크 6000번)",
      visibility = Visibility.HIDDEN)
  void matchesTheReferenceOnRandomFiveLevelTables() {
    assertEquals(SEEDS * PROBES, randomTables(PagingMode.FIVE_LEVEL, 5_000, SEEDS));
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 6,
      title = "Same A and D bits as the reference after every walk on random tables, both modes",
      titleKo = "무작위 테이블의 매 워크 뒤 기준 워커와 같은 A·D 비트 (두 모드)",
      visibility = Visibility.HIDDEN)
  void accessedAndDirtyMatchTheReferenceOnRandomTables() {
    int seeds = SEEDS / 4;
    long judged =
        randomAccessedAndDirty(PagingMode.FOUR_LEVEL, 9_000, seeds)
            + randomAccessedAndDirty(PagingMode.FIVE_LEVEL, 9_500, seeds);
    long walks = 2L * seeds * PROBES;
    assertTrue(
        2 * judged >= walks,
        "the A and D bits are judged on the walks whose result is the reference's, but only "
            + judged
            + " of "
            + walks
            + " walks were: make the walk right first (the other tests say where)");
  }

  /** A single path to {@code size} for VA, in fresh twin tables; returns the twin. */
  private Differential path(PagingMode mode, PageSize size, long leafFlags) {
    Differential twin = new Differential(walker, mode);
    long table = twin.root();
    for (int level = mode.levels(); level > size.level(); level--) {
      long next = twin.newTable();
      twin.poke(table + X86Paging.entryOffset(VA, level), next | TABLE_FLAGS);
      table = next;
    }
    long ps = size == PageSize.SIZE_4K ? 0 : Pte.PTE_PS;
    long frame = FRAME & ~size.offsetMask();
    twin.poke(table + X86Paging.entryOffset(VA, size.level()), frame | leafFlags | ps);
    return twin;
  }

  /** The address of the entry of VA at {@code level} in a {@link #path}: one table per level. */
  private static long entryAddress(PagingMode mode, int level) {
    long table = Differential.TABLES_START + 0x1000L * (mode.levels() - level);
    return table + X86Paging.entryOffset(VA, level);
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 3,
      title = "Every RW/US/NX combination on every level, every page size, every access",
      titleKo = "모든 레벨의 RW·US·NX 모든 조합, 모든 페이지 크기, 모든 접근",
      visibility = Visibility.HIDDEN)
  void everyPermissionCombination() {
    for (PagingMode mode : PagingMode.values()) {
      for (PageSize size : PageSize.values()) {
        Differential twin = path(mode, size, TABLE_FLAGS);
        int levels = mode.levels() - size.level() + 1;
        for (int combo = 0; combo < 1 << (3 * levels); combo++) {
          String rights = setRights(twin, mode, size.level(), combo);
          for (Access access : accesses()) {
            twin.check(
                VA,
                access,
                () -> "permission combination " + rights + " (" + mode + ", " + size + ")");
          }
        }
      }
    }
  }

  /** Gives each entry of the path RW, US and NX from 3 bits of {@code combo}, A and D cleared. */
  private static String setRights(Differential twin, PagingMode mode, int leafLevel, int combo) {
    StringBuilder rights = new StringBuilder();
    for (int level = mode.levels(); level >= leafLevel; level--) {
      int bits = combo >> (3 * (level - leafLevel));
      long address = entryAddress(mode, level);
      long entry = twin.peek(address) & ~(Pte.PTE_RW | Pte.PTE_US | Pte.PTE_NX);
      entry &= ~(Pte.PTE_A | Pte.PTE_D);
      entry |= (bits & 1) != 0 ? Pte.PTE_RW : 0;
      entry |= (bits & 2) != 0 ? Pte.PTE_US : 0;
      entry |= (bits & 4) != 0 ? Pte.PTE_NX : 0;
      twin.poke(address, entry);
      rights.append(Pte.tableName(level)).append('[').append(Pte.describeFlags(entry)).append("] ");
    }
    return rights.toString().trim();
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 2,
      title = "Every reserved bit at every level, both modes, and PS where it is reserved",
      titleKo = "두 모드 모든 레벨의 모든 예약 비트, 그리고 예약된 자리의 PS",
      visibility = Visibility.HIDDEN)
  void everyReservedBit() {
    for (PagingMode mode : PagingMode.values()) {
      for (PageSize size : PageSize.values()) {
        for (int level = mode.levels(); level >= size.level(); level--) {
          for (int bit = 7; bit <= 62; bit++) {
            if (bit == 8 || (bit > 12 && bit < 46 && level != size.level())) {
              continue; // G, and the address of a table: not reserved, covered elsewhere
            }
            Differential twin = path(mode, size, TABLE_FLAGS);
            long address = entryAddress(mode, level);
            twin.poke(address, twin.peek(address) | 1L << bit);
            int b = bit;
            int l = level;
            for (Access access : accesses()) {
              twin.check(
                  VA, access, () -> "bit " + b + " set at level " + l + " (" + mode + ", " + size);
            }
          }
        }
      }
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 5,
      title = "Canonical-address boundaries of 48-bit and 57-bit addresses",
      titleKo = "48비트와 57비트 주소의 canonical 경계",
      visibility = Visibility.HIDDEN)
  void canonicalBoundaries() {
    long[] addresses = {
      0x0000_7FFF_FFFF_F000L, 0x0000_8000_0000_0000L, 0xFFFF_7FFF_FFFF_F000L,
      0xFFFF_8000_0000_0000L, 0x00FF_FFFF_FFFF_F000L, 0x0100_0000_0000_0000L,
      0xFEFF_FFFF_FFFF_F000L, 0xFF00_0000_0000_0000L, 0x8000_0000_0000_0000L,
      0x7FFF_FFFF_FFFF_F000L, 0xFFFF_FFFF_FFFF_F000L, 0L
    };
    for (PagingMode mode : PagingMode.values()) {
      Differential twin = new Differential(walker, mode);
      for (long va : addresses) {
        mapEverywhere(twin, va);
        for (Access access : accesses()) {
          twin.check(va, access, () -> String.format("canonical boundary 0x%x (%s)", va, mode));
        }
      }
    }
  }

  /** Maps {@code va} with a 4 KiB page wherever its tables are missing, in both copies. */
  private static void mapEverywhere(Differential twin, long va) {
    if (!X86Paging.isCanonical(va, twin.mode())) {
      return;
    }
    long table = twin.root();
    for (int level = twin.mode().levels(); level > 1; level--) {
      long address = table + X86Paging.entryOffset(va, level);
      if (twin.peek(address) == 0) {
        twin.poke(address, twin.newTable() | TABLE_FLAGS);
      }
      table = X86Paging.pteToPhys(twin.peek(address));
    }
    twin.poke(table + X86Paging.entryOffset(va, 1), FRAME | TABLE_FLAGS);
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 1,
      title = "Ignored bits (11..9, 62..52) of tables and leaves are not part of any address",
      titleKo = "테이블과 리프 엔트리의 무시 비트(11..9, 62..52)는 주소에 들어가지 않음",
      visibility = Visibility.HIDDEN)
  void ignoredBitsAreMaskedOff() {
    long ignored = 0x0E00L | 0x7FF0_0000_0000_0000L;
    for (PagingMode mode : PagingMode.values()) {
      for (PageSize size : PageSize.values()) {
        Differential twin = path(mode, size, TABLE_FLAGS | ignored);
        for (int level = mode.levels(); level > size.level(); level--) {
          long address = entryAddress(mode, level);
          twin.poke(address, twin.peek(address) | ignored);
        }
        for (Access access : accesses()) {
          WalkResult r =
              twin.check(VA, access, () -> "ignored bits set everywhere (" + mode + ", " + size);
          assertTrue(r instanceof Translation, "the reference translates " + mode + " " + size);
        }
      }
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 6,
      title = "Entries are written back only when A or D actually changes",
      titleKo = "A나 D가 실제로 바뀔 때만 엔트리를 다시 씀",
      visibility = Visibility.HIDDEN)
  void writesBackOnlyChangedEntries() {
    for (PagingMode mode : PagingMode.values()) {
      PageTables t = new PageTables(mode);
      t.map(VA, PageSize.SIZE_4K, FRAME, TABLE_FLAGS);
      int[] expectedTotal = {mode.levels(), mode.levels(), mode.levels() + 1, mode.levels() + 1};
      Access[] sequence = {
        Access.USER_READ, Access.USER_READ, Access.USER_WRITE, Access.USER_WRITE
      };
      String[] why = {
        "the first read sets A in every entry",
        "a second read changes nothing, so it writes nothing",
        "the first write sets D in the leaf only",
        "a second write changes nothing"
      };
      for (int i = 0; i < sequence.length; i++) {
        WalkCheck.walk(walker, t, VA, sequence[i]);
        assertEquals(
            expectedTotal[i],
            t.memory().writes(),
            mode + ", after walk " + (i + 1) + " of read, read, write, write: " + why[i]);
      }
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 1,
      title = "Every index 0 and every index 511, in both modes",
      titleKo = "두 모드에서 모든 인덱스가 0일 때와 511일 때",
      visibility = Visibility.HIDDEN)
  void extremeIndices() {
    long[] addresses = {0L, 0xFFFF_FFFF_FFFF_FFF8L, 0x0000_7FFF_FFFF_FFF8L, 0x00FF_FFFF_FFFF_FFF8L};
    for (PagingMode mode : PagingMode.values()) {
      Differential twin = new Differential(walker, mode);
      for (long va : addresses) {
        mapEverywhere(twin, va);
        for (Access access : accesses()) {
          twin.check(va, access, () -> String.format("extreme indices 0x%x (%s)", va, mode));
        }
      }
    }
  }
}
