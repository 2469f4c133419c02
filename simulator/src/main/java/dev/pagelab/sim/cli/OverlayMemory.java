package dev.pagelab.sim.cli;

import dev.pagelab.sim.spi.PhysicalMemoryView;
import java.util.Map;
import java.util.TreeMap;

/**
 * A view of memory whose writes go to a side table, so a walk can be tried without changing RAM.
 */
final class OverlayMemory implements PhysicalMemoryView {
  private final PhysicalMemoryView base;
  private final TreeMap<Long, Long> writes = new TreeMap<>();

  OverlayMemory(PhysicalMemoryView base) {
    this.base = base;
  }

  @Override
  public long readLong(long physicalAddress) {
    Long v = writes.get(physicalAddress);
    return v != null ? v : base.readLong(physicalAddress);
  }

  @Override
  public void writeLong(long physicalAddress, long value) {
    base.readLong(physicalAddress);
    writes.put(physicalAddress, value);
  }

  /** Every entry written, by physical address, with its final value. */
  Map<Long, Long> writes() {
    return writes;
  }
}
