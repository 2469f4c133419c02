package dev.pagelab.sim.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.paging.WalkObserver.Decision;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-built tables for every rule of the walk, in both paging modes. */
class ReferenceWalkerTest {
  private static final long VA = 0x0000_7f5a_efff_6123L;
  private static final long FRAME = 0x0000_1234_5678_9000L;
  private static final long USER_RW = Pte.PTE_P | Pte.PTE_RW | Pte.PTE_US;
  private static final Access SUPERVISOR_READ = new Access(AccessType.READ, false);
  private static final Access SUPERVISOR_WRITE = new Access(AccessType.WRITE, false);
  private static final Access SUPERVISOR_EXECUTE = new Access(AccessType.EXECUTE, false);

  private final ReferenceWalker walker = new ReferenceWalker();

  private WalkResult walk(TableBuilder t, long va, Access access) {
    return walker.walk(t.memory(), t.root(), va, access, t.mode());
  }

  private static TableBuilder tables(PagingMode mode) {
    return new TableBuilder(new SparseMemory(), mode);
  }

  static Stream<Access> accesses() {
    List<Access> all = new ArrayList<>();
    for (AccessType type : AccessType.values()) {
      all.add(new Access(type, true));
      all.add(new Access(type, false));
    }
    return all.stream();
  }

  /** W, U and I of the error code, derived from the access as the SDM defines them. */
  private static int accessBits(Access a) {
    int code = 0;
    if (a.type() == AccessType.WRITE) {
      code |= Pte.PFEC_W;
    }
    if (a.user()) {
      code |= Pte.PFEC_U;
    }
    if (a.type() == AccessType.EXECUTE) {
      code |= Pte.PFEC_I;
    }
    return code;
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void translates4KiBPageWithOffset(PagingMode mode) {
    TableBuilder t = tables(mode);
    t.map4k(VA, FRAME);
    WalkResult r = walk(t, VA, Access.USER_READ);
    assertEquals(new Translation(FRAME | (VA & 0xFFF), PageSize.SIZE_4K, 1, true, true, true), r);
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void readSetsAccessedOnWholePathAndNoDirty(PagingMode mode) {
    TableBuilder t = tables(mode);
    t.map4k(VA, FRAME);
    walk(t, VA, Access.USER_READ);
    for (int level = mode.levels(); level >= 1; level--) {
      long entry = t.get(VA, level);
      assertTrue((entry & Pte.PTE_A) != 0, "A at level " + level);
      assertEquals(0, entry & Pte.PTE_D, "D at level " + level);
    }
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void writeSetsDirtyOnlyInLeaf(PagingMode mode) {
    TableBuilder t = tables(mode);
    t.map4k(VA, FRAME);
    walk(t, VA, Access.USER_WRITE);
    for (int level = mode.levels(); level >= 1; level--) {
      long entry = t.get(VA, level);
      assertTrue((entry & Pte.PTE_A) != 0, "A at level " + level);
      assertEquals(level == 1, (entry & Pte.PTE_D) != 0, "D at level " + level);
    }
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void writesBackOnlyEntriesThatChange(PagingMode mode) {
    TableBuilder t = tables(mode);
    t.map4k(VA, FRAME);
    SparseMemory m = t.memory();
    walk(t, VA, Access.USER_READ);
    assertEquals(mode.levels(), m.writes(), "first read sets A everywhere");
    walk(t, VA, Access.USER_READ);
    assertEquals(mode.levels(), m.writes(), "second read changes nothing");
    walk(t, VA, Access.USER_WRITE);
    assertEquals(mode.levels() + 1, m.writes(), "first write sets D in the leaf only");
    walk(t, VA, Access.USER_WRITE);
    assertEquals(mode.levels() + 1, m.writes(), "second write changes nothing");
  }

  static Stream<Arguments> everyLevelAndAccess() {
    List<Arguments> cases = new ArrayList<>();
    for (PagingMode mode : PagingMode.values()) {
      for (int level = 1; level <= mode.levels(); level++) {
        for (Access access : accesses().toList()) {
          cases.add(Arguments.of(mode, level, access));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("everyLevelAndAccess")
  void notPresentAtEachLevel(PagingMode mode, int level, Access access) {
    TableBuilder t = tables(mode);
    t.map4k(VA, FRAME);
    // P clear: every other bit is ignored, reserved bits included
    t.set(VA, level, t.get(VA, level) & ~Pte.PTE_P | Pte.PTE_RESERVED_HIGH | Pte.PTE_PS);
    Map<Long, long[]> before = t.memory().snapshot();
    assertEquals(
        new PageFault(accessBits(access), level, FaultReason.NOT_PRESENT), walk(t, VA, access));
    assertTrue(t.memory().sameAs(before), "a faulting walk changes nothing");
  }

  @ParameterizedTest
  @MethodSource("everyLevelAndAccess")
  void reservedHighBitsAtEachLevel(PagingMode mode, int level, Access access) {
    for (int bit = Pte.PHYS_ADDR_BITS; bit <= 51; bit++) {
      TableBuilder t = tables(mode);
      t.map4k(VA, FRAME);
      t.set(VA, level, t.get(VA, level) | 1L << bit);
      Map<Long, long[]> before = t.memory().snapshot();
      int code = Pte.PFEC_P | Pte.PFEC_RSVD | accessBits(access);
      assertEquals(
          new PageFault(code, level, FaultReason.RESERVED_BIT), walk(t, VA, access), "bit " + bit);
      assertTrue(t.memory().sameAs(before), "a faulting walk changes nothing");
    }
  }

  @Test
  void psIsReservedInPml4eAndPml5e() {
    for (PagingMode mode : PagingMode.values()) {
      for (int level = 4; level <= mode.levels(); level++) {
        TableBuilder t = tables(mode);
        t.map4k(VA, FRAME);
        // a 1 GiB aligned address, so that only PS itself can be the reserved bit
        t.set(VA, level, 0x4000_0000L | USER_RW | Pte.PTE_PS);
        assertEquals(
            new PageFault(Pte.PFEC_P | Pte.PFEC_RSVD | Pte.PFEC_U, level, FaultReason.RESERVED_BIT),
            walk(t, VA, Access.USER_READ),
            mode + " level " + level);
      }
    }
  }

  @Test
  void bit7OfAPteIsPatNotPs() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    t.map(VA, PageSize.SIZE_4K, FRAME, USER_RW | Pte.PTE_PS);
    assertEquals(FRAME | 0x123, translation(walk(t, VA, Access.USER_READ)).physicalAddress());
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void reservedAddressBitsOf2MiBLeaf(PagingMode mode) {
    long frame = 0x0000_0012_3440_0000L; // 2 MiB aligned, bits 21.. vary
    for (int bit = 12; bit <= 20; bit++) {
      TableBuilder t = tables(mode);
      t.map(VA, PageSize.SIZE_2M, frame | 1L << bit, USER_RW);
      WalkResult r = walk(t, VA, Access.USER_READ);
      if (bit == 12) { // PAT: allowed, and not part of the address
        assertEquals(frame | (VA & 0x1F_FFFF), translation(r).physicalAddress());
      } else {
        assertEquals(
            new PageFault(Pte.PFEC_P | Pte.PFEC_RSVD | Pte.PFEC_U, 2, FaultReason.RESERVED_BIT),
            r,
            "bit " + bit);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void reservedAddressBitsOf1GiBLeaf(PagingMode mode) {
    long frame = 0x0000_0123_4000_0000L; // 1 GiB aligned
    for (int bit = 12; bit <= 29; bit++) {
      TableBuilder t = tables(mode);
      t.map(VA, PageSize.SIZE_1G, frame | 1L << bit, USER_RW);
      WalkResult r = walk(t, VA, Access.USER_WRITE);
      if (bit == 12) {
        assertEquals(frame | (VA & 0x3FFF_FFFF), translation(r).physicalAddress());
      } else {
        int code = Pte.PFEC_P | Pte.PFEC_RSVD | Pte.PFEC_W | Pte.PFEC_U;
        assertEquals(new PageFault(code, 3, FaultReason.RESERVED_BIT), r, "bit " + bit);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void twoMiBLeafWithOffsetSetsAccessedAndDirtyInThePde(PagingMode mode) {
    long frame = 0x0000_0000_4020_0000L;
    TableBuilder t = tables(mode);
    t.map(VA, PageSize.SIZE_2M, frame, USER_RW);
    WalkResult r = walk(t, VA, Access.USER_WRITE);
    assertEquals(
        new Translation(frame | (VA & 0x1F_FFFF), PageSize.SIZE_2M, 2, true, true, true), r);
    long pde = t.get(VA, 2);
    assertTrue((pde & Pte.PTE_A) != 0 && (pde & Pte.PTE_D) != 0, "A and D in the PDE");
    assertEquals(0, t.get(VA, 3) & Pte.PTE_D, "no D above the leaf");
  }

  @ParameterizedTest
  @EnumSource(PagingMode.class)
  void oneGiBLeafWithOffset(PagingMode mode) {
    long frame = 0x0000_0001_c000_0000L;
    TableBuilder t = tables(mode);
    t.map(VA, PageSize.SIZE_1G, frame, USER_RW | Pte.PTE_NX);
    WalkResult r = walk(t, VA, Access.USER_READ);
    assertEquals(
        new Translation(frame | (VA & 0x3FFF_FFFF), PageSize.SIZE_1G, 3, true, true, false), r);
  }

  /** Every RW/US/NX combination on every level of a 4-level path, for every access. */
  @Test
  void permissionsCombineOverThePath() {
    int levels = 4;
    int combinations = 1 << (3 * levels);
    for (int combo = 0; combo < combinations; combo++) {
      TableBuilder t = tables(PagingMode.FOUR_LEVEL);
      t.map4k(VA, FRAME);
      boolean writable = true;
      boolean user = true;
      boolean executable = true;
      for (int level = 1; level <= levels; level++) {
        int bits = combo >> (3 * (level - 1));
        long entry = t.get(VA, level) & ~(Pte.PTE_RW | Pte.PTE_US);
        entry |= ((bits & 1) != 0 ? Pte.PTE_RW : 0) | ((bits & 2) != 0 ? Pte.PTE_US : 0);
        entry |= (bits & 4) != 0 ? Pte.PTE_NX : 0;
        t.set(VA, level, entry);
        writable &= (bits & 1) != 0;
        user &= (bits & 2) != 0;
        executable &= (bits & 4) == 0;
      }
      for (Access access : accesses().toList()) {
        boolean allowed =
            (!access.user() || user)
                && (access.type() != AccessType.WRITE || writable)
                && (access.type() != AccessType.EXECUTE || executable);
        WalkResult expected =
            allowed
                ? new Translation(FRAME | 0x123, PageSize.SIZE_4K, 1, writable, user, executable)
                : new PageFault(Pte.PFEC_P | accessBits(access), 1, FaultReason.PROTECTION);
        assertEquals(expected, walk(t, VA, access), "combination " + combo + " " + access);
      }
    }
  }

  @Test
  void supervisorWriteToReadOnlyPageFaults() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    t.map(VA, PageSize.SIZE_4K, FRAME, Pte.PTE_P | Pte.PTE_US); // no RW: CR0.WP applies
    assertEquals(
        new PageFault(Pte.PFEC_P | Pte.PFEC_W, 1, FaultReason.PROTECTION),
        walk(t, VA, SUPERVISOR_WRITE));
    assertInstanceOf(Translation.class, walk(t, VA, SUPERVISOR_READ));
  }

  @Test
  void userAccessToSupervisorPageFaultsButSupervisorMayUseUserPages() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    t.map4k(VA, FRAME);
    t.set(VA, 2, t.get(VA, 2) & ~Pte.PTE_US); // the PDE denies user access
    assertEquals(
        new PageFault(Pte.PFEC_P | Pte.PFEC_U, 1, FaultReason.PROTECTION),
        walk(t, VA, Access.USER_READ));
    Translation kernel = translation(walk(t, VA, SUPERVISOR_WRITE));
    assertEquals(false, kernel.user());
    assertEquals(true, kernel.writable());
  }

  @Test
  void instructionFetchNeedsNxClearEverywhere() {
    TableBuilder t = tables(PagingMode.FIVE_LEVEL);
    t.map4k(VA, FRAME);
    assertTrue(translation(walk(t, VA, Access.USER_EXECUTE)).executable());
    t.set(VA, 5, t.get(VA, 5) | Pte.PTE_NX);
    assertEquals(
        new PageFault(Pte.PFEC_P | Pte.PFEC_U | Pte.PFEC_I, 1, FaultReason.PROTECTION),
        walk(t, VA, Access.USER_EXECUTE));
    assertEquals(
        new PageFault(Pte.PFEC_P | Pte.PFEC_I, 1, FaultReason.PROTECTION),
        walk(t, VA, SUPERVISOR_EXECUTE));
    assertEquals(false, translation(walk(t, VA, Access.USER_READ)).executable());
  }

  @Test
  void protectionFaultChangesNothing() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    t.map(VA, PageSize.SIZE_4K, FRAME, Pte.PTE_P | Pte.PTE_US); // read-only, A clear everywhere
    Map<Long, long[]> before = t.memory().snapshot();
    assertInstanceOf(PageFault.class, walk(t, VA, Access.USER_WRITE));
    assertTrue(t.memory().sameAs(before));
    assertEquals(0, t.memory().writes());
  }

  @Test
  void nonCanonicalIn48BitMode() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    long[] bad = {0x0000_8000_0000_0000L, 0xFFFF_7FFF_FFFF_F000L, 0x0100_0000_0000_0000L};
    for (long va : bad) {
      assertEquals(new PageFault(0, 0, FaultReason.NON_CANONICAL), walk(t, va, Access.USER_WRITE));
    }
    long kernel = 0xFFFF_8000_0000_1000L;
    t.map(kernel, PageSize.SIZE_4K, FRAME, Pte.PTE_P | Pte.PTE_RW);
    assertEquals(FRAME, translation(walk(t, kernel, SUPERVISOR_READ)).physicalAddress());
    assertEquals(4, t.memory().writes(), "only the successful walk wrote: A on 4 levels");
  }

  @Test
  void nonCanonicalIn57BitMode() {
    TableBuilder t = tables(PagingMode.FIVE_LEVEL);
    long high = 0x0000_8000_0000_0000L; // canonical with 57 bits, not with 48
    t.map4k(high, FRAME);
    assertEquals(FRAME, translation(walk(t, high, Access.USER_READ)).physicalAddress());
    long[] bad = {0x0100_0000_0000_0000L, 0xFEFF_FFFF_FFFF_F000L, 0x8000_0000_0000_0000L};
    Map<Long, long[]> before = t.memory().snapshot();
    for (long va : bad) {
      assertEquals(new PageFault(0, 0, FaultReason.NON_CANONICAL), walk(t, va, Access.USER_READ));
    }
    assertTrue(t.memory().sameAs(before));
    long kernel = 0xFF00_0000_0000_0000L;
    t.map(kernel, PageSize.SIZE_2M, 0x20_0000, Pte.PTE_P);
    assertEquals(0x20_0000, translation(walk(t, kernel, SUPERVISOR_READ)).physicalAddress());
  }

  @Test
  void observerSeesEveryEntryReadAndEveryUpdate() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    t.map(VA, PageSize.SIZE_2M, 0x4020_0000L, USER_RW);
    List<String> seen = new ArrayList<>();
    WalkObserver observer =
        new WalkObserver() {
          @Override
          public void onEntry(
              int level, long table, int index, long address, long value, Decision decision) {
            assertEquals(table + 8L * index, address);
            assertEquals(X86Paging.index(VA, level), index);
            seen.add(level + ":" + decision);
          }

          @Override
          public void onUpdate(int level, long address, long oldValue, long newValue) {
            assertEquals(t.entryAddress(VA, level, false), address);
            seen.add(level + ":" + Pte.describeFlags(newValue & ~oldValue));
          }
        };
    walker.walk(t.memory(), t.root(), VA, Access.USER_WRITE, PagingMode.FOUR_LEVEL, observer);
    assertEquals(List.of("4:NEXT_TABLE", "3:NEXT_TABLE", "2:LEAF", "4:A", "3:A", "2:A D"), seen);
  }

  @Test
  void rejectsAMisalignedRootWithTheMethodName() {
    TableBuilder t = tables(PagingMode.FOUR_LEVEL);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                walker.walk(t.memory(), t.root() + 8, VA, Access.USER_READ, PagingMode.FOUR_LEVEL));
    assertTrue(e.getMessage().startsWith("ReferenceWalker.walk:"), e.getMessage());
  }

  private static Translation translation(WalkResult r) {
    return assertInstanceOf(Translation.class, r);
  }
}
