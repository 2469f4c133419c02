package dev.pagelab.sim.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Properties of the walk over random paths (see {@link RandomPath}). */
class WalkerPropertiesTest {
  private final ReferenceWalker walker = new ReferenceWalker();

  private WalkResult walk(RandomPath p) {
    return walker.walk(p.tables.memory(), p.tables.root(), p.va, p.access, p.tables.mode());
  }

  private static long[] pathBefore(RandomPath p) {
    PagingMode mode = p.tables.mode();
    long[] entries = new long[mode.levels() + 1];
    for (int level = mode.levels(); level >= p.leafLevel; level--) {
      entries[level] = p.entry(level);
    }
    return entries;
  }

  @Property(tries = 2000)
  void aTranslationNeverGrantsWhatAnEntryOnThePathForbids(@ForAll long seed) {
    RandomPath p = RandomPath.of(seed);
    long[] before = pathBefore(p);
    if (!(walk(p) instanceof Translation t)) {
      return;
    }
    for (int level = p.tables.mode().levels(); level >= t.level(); level--) {
      long e = before[level];
      String where = "seed " + seed + " level " + level;
      assertTrue(X86Paging.isPresent(e), where);
      assertEquals(0, e & Pte.PTE_RESERVED_HIGH, where);
      assertTrue(!t.writable() || (e & Pte.PTE_RW) != 0, where);
      assertTrue(!t.user() || (e & Pte.PTE_US) != 0, where);
      assertTrue(!t.executable() || (e & Pte.PTE_NX) == 0, where);
    }
    assertTrue(!p.access.user() || t.user(), "seed " + seed);
    assertTrue(p.access.type() != AccessType.WRITE || t.writable(), "seed " + seed);
    assertTrue(p.access.type() != AccessType.EXECUTE || t.executable(), "seed " + seed);
  }

  @Property(tries = 2000)
  void aSuccessfulWalkSetsAccessedOnThePathAndDirtyOnTheLeafForAWrite(@ForAll long seed) {
    RandomPath p = RandomPath.of(seed);
    long[] before = pathBefore(p);
    if (!(walk(p) instanceof Translation t)) {
      return;
    }
    for (int level = p.tables.mode().levels(); level >= t.level(); level--) {
      long after = p.entry(level);
      boolean newDirty = (after & ~before[level] & Pte.PTE_D) != 0;
      boolean expectDirty = level == t.level() && p.access.type() == AccessType.WRITE;
      assertTrue((after & Pte.PTE_A) != 0, "A, seed " + seed + " level " + level);
      if (expectDirty) {
        assertTrue((after & Pte.PTE_D) != 0, "D on the leaf, seed " + seed);
      } else {
        assertTrue(!newDirty, "no new D, seed " + seed + " level " + level);
      }
      long otherBits = ~(Pte.PTE_A | Pte.PTE_D);
      assertEquals(before[level] & otherBits, after & otherBits, "only A and D change");
    }
  }

  @Property(tries = 2000)
  void aFaultingWalkChangesNothing(@ForAll long seed) {
    RandomPath p = RandomPath.of(seed);
    Map<Long, long[]> before = p.tables.memory().snapshot();
    if (walk(p) instanceof PageFault) {
      assertTrue(p.tables.memory().sameAs(before), "seed " + seed);
      assertEquals(0, p.tables.memory().writes(), "seed " + seed);
    }
  }

  @Property(tries = 1000)
  void walkingTwiceGivesTheSameResult(@ForAll long seed) {
    RandomPath p = RandomPath.of(seed);
    assertEquals(walk(p), walk(p), "seed " + seed);
  }
}
