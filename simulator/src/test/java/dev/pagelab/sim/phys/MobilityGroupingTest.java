package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buddy allocator keeps unmovable allocations together, as {@code __rmqueue_fallback} does. */
class MobilityGroupingTest {

  @Test
  void anUnmovableAllocationClaimsTheLargestMovableBlock() {
    BuddyAllocator zone = new BuddyAllocator(0, 4096);
    // No unmovable block yet: the fallback takes the newest order-10 block (3072) and claims both
    // of its pageblocks.
    assertEquals(3072, zone.allocate(0, MigrateType.UNMOVABLE));
    assertEquals(MigrateType.UNMOVABLE, zone.pageblockType(3072));
    assertEquals(MigrateType.UNMOVABLE, zone.pageblockType(3584));
    assertEquals(MigrateType.MOVABLE, zone.pageblockType(2048));
    // A movable page does not go into the claimed block although its order-0 buddy is free there.
    long movable = zone.allocate(0, MigrateType.MOVABLE);
    assertTrue(movable < 3072, "movable page at " + movable);
    List<Long> unmovable = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      long pfn = zone.allocate(0, MigrateType.UNMOVABLE);
      assertTrue(pfn >= 3072, "unmovable page at " + pfn);
      unmovable.add(pfn);
    }
    assertEquals(4096 - 1 - 1 - 1000, zone.freePages());
  }

  @Test
  void aMovableAllocationTakesBackAFreedUnmovableBlockWhenItHasNoOther() {
    BuddyAllocator zone = new BuddyAllocator(0, 1024);
    long pfn = zone.allocate(0, MigrateType.UNMOVABLE);
    assertEquals(MigrateType.UNMOVABLE, zone.pageblockType(0));
    zone.free(pfn, 0);
    assertEquals(1, zone.freeBlocksPerOrder()[10], "merged back whole");
    assertEquals(MigrateType.UNMOVABLE, zone.pageblockType(0), "a free block keeps its type");
    assertEquals(0, zone.allocate(9, MigrateType.MOVABLE));
    assertEquals(MigrateType.MOVABLE, zone.pageblockType(0), "claimed back whole");
    assertEquals(MigrateType.MOVABLE, zone.pageblockType(512));
  }

  @Test
  void aSmallFallbackLeavesAMixedBlock() {
    BuddyAllocator zone = new BuddyAllocator(0, 1024);
    // Fill the zone with movable pages but one order-3 block and one order-0 page.
    List<Long> taken = new ArrayList<>();
    for (int i = 0; i < 1024 - 9; i++) {
      taken.add(zone.allocate(0, MigrateType.MOVABLE));
    }
    assertEquals(9, zone.freePages());
    // An unmovable page takes the largest free block (order 3, below pageblock_order / 2): the
    // pageblock is not claimed.
    long pfn = zone.allocate(0, MigrateType.UNMOVABLE);
    assertEquals(MigrateType.MOVABLE, zone.pageblockType(pfn));
    assertEquals(8, zone.freePages());
  }
}
