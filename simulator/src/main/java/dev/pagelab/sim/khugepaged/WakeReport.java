package dev.pagelab.sim.khugepaged;

import java.util.List;

/**
 * What the khugepaged wakes up to a point in time did.
 *
 * @param passes how many times {@code khugepaged_do_scan} ran (a pass resumed after an allocation
 *     sleep counts again)
 * @param events the log, in time order
 * @param vmEvents the vmstat deltas to add
 */
public record WakeReport(int passes, List<KhugepagedEvent> events, VmEvents vmEvents) {
  /** A report with an immutable log. */
  public WakeReport {
    events = List.copyOf(events);
  }
}
