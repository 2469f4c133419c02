package dev.pagelab.sim.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pagelab.sim.phys.BuddyAllocator;
import dev.pagelab.sim.truth.TruthFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuddyinfoFormatTest {

  @Test
  void printsTheRealFileBackByteForByte() throws ProcFormatException {
    String real = TruthFiles.read("env/buddyinfo_at_start.txt");
    List<BuddyinfoFormat.Zone> zones = BuddyinfoFormat.parse("buddyinfo_at_start.txt", real);
    assertEquals(List.of("DMA", "DMA32", "Normal"), zones.stream().map(z -> z.zone()).toList());
    assertEquals(real, BuddyinfoFormat.format(zones));
  }

  @Test
  void handComputedAllocatorState() {
    // 2048 frames are two order-10 blocks. The first order-0 allocation splits one of them,
    // leaving one free block of each order 0..9; the second takes that order-0 block and an
    // order-2 allocation takes the order-2 block.
    BuddyAllocator zone = new BuddyAllocator(0, 2048);
    zone.allocate(0);
    zone.allocate(0);
    zone.allocate(2);
    // orders: 0 -> 0 blocks, 1 -> 1, 2 -> 0 (taken), 3..9 -> 1, 10 -> 1
    String line =
        "Node 0, zone   Normal      0      1      0      1      1      1      1      1      1      1"
            + "      1 \n";
    assertEquals(
        line,
        BuddyinfoFormat.format(
            List.of(new BuddyinfoFormat.Zone(0, "Normal", zone.freeBlocksPerOrder()))));
    assertEquals(2048 - 1 - 1 - 4, zone.freePages());
  }

  @Test
  void wideCountsPushTheColumnsAsPrintfDoes() {
    long[] counts = new long[11];
    counts[0] = 1234567;
    assertEquals(
        "Node 1, zone      DMA 1234567      0      0      0      0      0      0      0      0"
            + "      0      0 \n",
        BuddyinfoFormat.format(List.of(new BuddyinfoFormat.Zone(1, "DMA", counts))));
  }

  @Test
  void malformedLineNamesTheLine() {
    ProcFormatException e =
        assertThrows(
            ProcFormatException.class,
            () -> BuddyinfoFormat.parse("b", "Node 0, zone DMA 1 2 3\n"));
    assertEquals(
        "b:1: \"Node 0, zone DMA 1 2 3\": expected \"Node N, zone NAME\" and 11 counts",
        e.getMessage());
  }
}
