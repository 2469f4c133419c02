package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CompactionTest {

  /** A migrator that moves the frame's contents and remembers where each page went. */
  private static final class Recorder implements Compaction.Migrator {
    final PhysicalMemory memory;
    final Map<Long, Long> moves = new HashMap<>();

    Recorder(PhysicalMemory memory) {
      this.memory = memory;
    }

    @Override
    public boolean isolatable(long pfn) {
      return true;
    }

    @Override
    public void migrate(long src, long dst) {
      memory.moveFrameState(src, dst);
      moves.put(src, dst);
    }
  }

  /** A zone of {@code frames} with every frame allocated to anonymous memory but {@code free}. */
  private static PhysicalMemory zoneWithFree(long frames, Set<Long> keep) {
    PhysicalMemory memory = new PhysicalMemory(List.of(new ZoneRange("Normal", 0, frames)));
    for (long i = 0; i < frames; i++) {
      memory.allocate(FrameOwner.ANON, true);
    }
    for (long pfn = 0; pfn < frames; pfn++) {
      if (!keep.contains(pfn)) {
        memory.free(pfn);
      }
    }
    return memory;
  }

  @Test
  void handComputedRunMovesTheFirstBlockIntoTheLast() {
    // Four pageblocks. Kept: frames 0..9, the last frames of pageblocks 1 and 2, and frame 2000.
    Set<Long> keep = new TreeSet<>();
    for (long pfn = 0; pfn < 10; pfn++) {
      keep.add(pfn);
    }
    keep.addAll(List.of(1023L, 1535L, 2000L));
    PhysicalMemory memory = zoneWithFree(2048, keep);
    for (long pfn = 0; pfn < 10; pfn++) {
      memory.table(pfn)[0] = 100 + pfn;
    }
    assertFalse(memory.zone(0).hasFreeBlock(9));
    Compaction c = new Compaction(memory);
    Recorder r = new Recorder(memory);

    assertEquals(Compaction.Result.SUCCESS, c.compactZone(0, 9, false, r));

    // The migrate scanner counts every frame of pageblock 0 (10 pages, 502 free frames); the
    // free scanner takes the order-8 block at 1536 whole (256 frames) and stops: enough.
    assertEquals(512, c.migrateScanned());
    assertEquals(256, c.freeScanned());
    assertEquals(10 + 256, c.isolated());
    assertEquals(10, c.migrated());
    for (long pfn = 0; pfn < 10; pfn++) {
      long dst = r.moves.get(pfn);
      assertTrue(dst >= 1536 && dst < 1792, "page " + pfn + " went to " + dst);
      assertEquals(100 + pfn, memory.readLong(dst << 12));
      assertEquals(FrameOwner.ANON, memory.owner(dst));
    }
    assertEquals(9, memory.zone(0).freeOrderAt(0));
    assertEquals(13, memory.pages(FrameOwner.ANON));
    memory.checkInvariants();
  }

  @Test
  void pinnedPagesStayAndKeepTheirBlockBusy() {
    // Every other frame kept: no free block above order 0 anywhere.
    Set<Long> keep = new TreeSet<>();
    for (long pfn = 0; pfn < 4096; pfn += 2) {
      keep.add(pfn);
    }
    PhysicalMemory memory = zoneWithFree(4096, keep);
    for (long block = 0; block < 4096; block += 512) {
      memory.pin(block + 256);
    }
    Compaction c = new Compaction(memory);
    Recorder r = new Recorder(memory);

    assertEquals(Compaction.Result.COMPLETE, c.compactZone(0, 9, false, r));

    assertFalse(memory.zone(0).hasFreeBlock(9));
    for (long block = 0; block < 4096; block += 512) {
      assertEquals(FrameOwner.ANON, memory.owner(block + 256));
      assertFalse(r.moves.containsKey(block + 256));
    }
    assertTrue(memory.zone(0).hasFreeBlock(8), "compaction freed the halves without pins");
    memory.checkInvariants();

    // Unpinned, the same memory compacts to order 9.
    for (long block = 0; block < 4096; block += 512) {
      assertTrue(memory.unpin(block + 256));
    }
    assertEquals(Compaction.Result.SUCCESS, c.compactZone(0, 9, false, r));
    assertTrue(memory.zone(0).hasFreeBlock(9));
    assertEquals(2048, memory.pages(FrameOwner.ANON));
    memory.checkInvariants();
  }

  @Test
  void tooLittleFreeMemoryIsSkippedAndAFreeOrderIsSuccessAtOnce() {
    Set<Long> keep = new TreeSet<>();
    for (long pfn = 0; pfn < 2048; pfn++) {
      keep.add(pfn);
    }
    keep.remove(7L);
    PhysicalMemory memory = zoneWithFree(2048, keep);
    Compaction c = new Compaction(memory);
    assertEquals(Compaction.Result.SKIPPED, c.compactZone(0, 9, false, new Recorder(memory)));
    PhysicalMemory empty = new PhysicalMemory(List.of(new ZoneRange("Normal", 0, 2048)));
    Compaction onEmpty = new Compaction(empty);
    assertEquals(Compaction.Result.SUCCESS, onEmpty.compactZone(0, 9, false, new Recorder(empty)));
    assertEquals(0, onEmpty.migrateScanned() + c.migrateScanned());
  }
}
