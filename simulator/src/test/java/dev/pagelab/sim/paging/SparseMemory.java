package dev.pagelab.sim.paging;

import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import java.util.HashMap;
import java.util.Map;

/** A test-only physical memory: only the 4 KiB frames ever written exist; it counts writes. */
final class SparseMemory implements PhysicalMemoryView {
  private static final int FRAME_SHIFT = 12;
  private static final long LIMIT = 1L << Pte.PHYS_ADDR_BITS;

  private final Map<Long, long[]> frames = new HashMap<>();
  private long writes;

  @Override
  public long readLong(long physicalAddress) {
    check(physicalAddress);
    long[] frame = frames.get(physicalAddress >>> FRAME_SHIFT);
    return frame == null ? 0 : frame[slot(physicalAddress)];
  }

  @Override
  public void writeLong(long physicalAddress, long value) {
    check(physicalAddress);
    writes++;
    frames
            .computeIfAbsent(physicalAddress >>> FRAME_SHIFT, f -> new long[Pte.ENTRIES_PER_TABLE])[
            slot(physicalAddress)] =
        value;
  }

  /** Stores a value without counting it as a write (test setup). */
  void poke(long physicalAddress, long value) {
    writeLong(physicalAddress, value);
    writes--;
  }

  /** Writes done through {@link #writeLong} since creation, setup pokes excluded. */
  long writes() {
    return writes;
  }

  /** A deep copy of the contents, for before/after comparisons. */
  Map<Long, long[]> snapshot() {
    Map<Long, long[]> copy = new HashMap<>();
    frames.forEach((frame, values) -> copy.put(frame, values.clone()));
    return copy;
  }

  /** True if the contents equal {@code snapshot}. */
  boolean sameAs(Map<Long, long[]> snapshot) {
    if (!snapshot.keySet().equals(frames.keySet())) {
      return false;
    }
    return frames.entrySet().stream()
        .allMatch(e -> java.util.Arrays.equals(e.getValue(), snapshot.get(e.getKey())));
  }

  private static int slot(long physicalAddress) {
    return (int) ((physicalAddress & 0xFFF) >>> 3);
  }

  private static void check(long physicalAddress) {
    if ((physicalAddress & 7) != 0 || physicalAddress < 0 || physicalAddress >= LIMIT) {
      throw new IllegalArgumentException(
          String.format("SparseMemory: bad physical address 0x%x", physicalAddress));
    }
  }
}
