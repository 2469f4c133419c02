package dev.pagelab.sim.cli;

import dev.pagelab.sim.paging.WalkComparison.MemoryEvent;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A view of memory whose writes go to a side table, so a walk can be tried without changing RAM,
 * and which records every load and store in order, so the walk can be traced afterwards.
 */
final class OverlayMemory implements PhysicalMemoryView {
  private final PhysicalMemoryView base;
  private final TreeMap<Long, Long> writes = new TreeMap<>();
  private final List<MemoryEvent> events = new ArrayList<>();

  OverlayMemory(PhysicalMemoryView base) {
    this.base = base;
  }

  @Override
  public long readLong(long physicalAddress) {
    long value = current(physicalAddress);
    events.add(new MemoryEvent(false, physicalAddress, value, value));
    return value;
  }

  @Override
  public void writeLong(long physicalAddress, long value) {
    long before = current(physicalAddress);
    writes.put(physicalAddress, value);
    events.add(new MemoryEvent(true, physicalAddress, value, before));
  }

  /** Every entry written, by physical address, with its final value. */
  Map<Long, Long> writes() {
    return writes;
  }

  /** Every load and store, in the order the walker made them. */
  List<MemoryEvent> events() {
    return List.copyOf(events);
  }

  /** The value as the walker sees it: its own write, else RAM (which checks the address). */
  private long current(long physicalAddress) {
    long fromRam = base.readLong(physicalAddress);
    Long written = writes.get(physicalAddress);
    return written != null ? written : fromRam;
  }
}
