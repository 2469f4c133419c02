package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The buddy allocator splits and merges blocks as {@code mm/page_alloc.c} does. */
class BuddyAllocatorTest {

  @Test
  void aZoneStartsAsTheLargestAlignedBlocks() {
    BuddyAllocator zone = new BuddyAllocator(1, 4096);
    long[] expected = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3};
    assertArrayEquals(expected, zone.freeBlocksPerOrder(), "1 + 2 + 4 + ... + 512 + 3 x 1024");
    assertEquals(4095, zone.freePages());
  }

  @Test
  void allocatingOnePageSplitsALargerBlockIntoBuddies() {
    BuddyAllocator zone = new BuddyAllocator(0, 1024);
    long pfn = zone.allocate(0);
    assertEquals(0, pfn);
    long[] expected = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    assertArrayEquals(
        expected, zone.freeBlocksPerOrder(), "expand() puts back one block per order");
    assertEquals(1, zone.allocate(0), "the buddy goes next");
  }

  @Test
  void freeingMergesBuddiesBackIntoTheOriginalBlock() {
    BuddyAllocator zone = new BuddyAllocator(0, 1024);
    long a = zone.allocate(0);
    long b = zone.allocate(3);
    zone.free(a, 0);
    zone.free(b, 3);
    long[] expected = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assertArrayEquals(expected, zone.freeBlocksPerOrder());
  }

  @Test
  void aFullZoneSaysSoAndADoubleFreeFailsLoudly() {
    BuddyAllocator zone = new BuddyAllocator(0, 2);
    long a = zone.allocate(0);
    zone.allocate(0);
    assertEquals(-1, zone.allocate(0));
    zone.free(a, 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> zone.free(a, 0));
    assertTrue(e.getMessage().startsWith("BuddyAllocator.free"), e.getMessage());
  }

  @Property(tries = 200)
  void anyAllocateAndFreeSequenceEndsWhereItStarted(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int steps) {
    BuddyAllocator zone = new BuddyAllocator(1, 20_000);
    long[] initial = zone.freeBlocksPerOrder();
    Random random = new Random(seed);
    List<long[]> held = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      if (held.isEmpty() || random.nextInt(3) > 0) {
        int order = random.nextInt(BuddyAllocator.MAX_ORDER + 1);
        long pfn = zone.allocate(order);
        if (pfn >= 0) {
          assertEquals(0, pfn % (1L << order), "a block is aligned to its size");
          held.add(new long[] {pfn, order});
        }
      } else {
        long[] block = held.remove(random.nextInt(held.size()));
        zone.free(block[0], (int) block[1]);
      }
      long heldPages = held.stream().mapToLong(b -> 1L << b[1]).sum();
      assertEquals(19_999 - heldPages, zone.freePages());
    }
    for (long[] block : held) {
      zone.free(block[0], (int) block[1]);
    }
    assertArrayEquals(initial, zone.freeBlocksPerOrder(), "every buddy merged back");
  }
}
