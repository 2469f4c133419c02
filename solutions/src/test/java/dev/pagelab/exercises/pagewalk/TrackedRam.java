package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A sparse 46-bit RAM for the differential tests. It remembers which entries the current walk wrote
 * and what they held before, so that two RAMs can be compared after each walk without a full copy
 * and a failing walk can be shown as the tables were before it.
 */
final class TrackedRam implements PhysicalMemoryView {
  private static final long LIMIT = 1L << Pte.PHYS_ADDR_BITS;
  private final Map<Long, long[]> frames = new HashMap<>();
  private final Map<Long, Long> before = new LinkedHashMap<>();
  private long writes;

  @Override
  public long readLong(long physicalAddress) {
    check("readLong", physicalAddress);
    long[] frame = frames.get(physicalAddress >>> 12);
    return frame == null ? 0 : frame[slot(physicalAddress)];
  }

  @Override
  public void writeLong(long physicalAddress, long value) {
    check("writeLong", physicalAddress);
    before.putIfAbsent(physicalAddress, readLong(physicalAddress));
    writes++;
    store(physicalAddress, value);
  }

  /** Test setup: stores a value without recording it as a walker write. */
  void poke(long physicalAddress, long value) {
    check("poke", physicalAddress);
    store(physicalAddress, value);
  }

  /** Forgets the writes of the previous walk. */
  void startWalk() {
    before.clear();
  }

  /** The addresses the current walk wrote. */
  Set<Long> written() {
    return before.keySet();
  }

  /** The value at an address before the current walk. */
  long valueBefore(long physicalAddress) {
    Long old = before.get(physicalAddress);
    return old != null ? old : readLong(physicalAddress);
  }

  /** Calls of {@link #writeLong} since creation. */
  long writes() {
    return writes;
  }

  private void store(long physicalAddress, long value) {
    frames.computeIfAbsent(physicalAddress >>> 12, f -> new long[512])[slot(physicalAddress)] =
        value;
  }

  private static int slot(long physicalAddress) {
    return (int) ((physicalAddress & 0xFFF) >>> 3);
  }

  private static void check(String method, long physicalAddress) {
    if ((physicalAddress & 7) != 0 || physicalAddress < 0 || physicalAddress >= LIMIT) {
      throw new IllegalArgumentException(
          String.format(
              "TrackedRam.%s: physical address 0x%x is not 8-byte aligned inside the 46-bit RAM",
              method, physicalAddress));
    }
  }
}
