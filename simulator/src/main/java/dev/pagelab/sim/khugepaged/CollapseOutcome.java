package dev.pagelab.sim.khugepaged;

/**
 * How a collapse the machine carried out ended.
 *
 * @param result SCAN_SUCCEED or the reason it stopped
 * @param events the {@code thp_scan_exceed_*} events of its isolation step, if any
 */
public record CollapseOutcome(ScanResult result, VmEvents events) {
  /**
   * An outcome without isolation events (success, or failure before the isolation).
   *
   * @param result the result
   * @return the outcome
   */
  public static CollapseOutcome of(ScanResult result) {
    return new CollapseOutcome(result, VmEvents.NONE);
  }

  /**
   * The outcome of a failed isolation.
   *
   * @param iso what {@link CollapsePlan#isolate} returned
   * @return the outcome carrying its result and events
   */
  public static CollapseOutcome of(CollapsePlan.Isolation iso) {
    return new CollapseOutcome(iso.result(), iso.events());
  }

  /**
   * The vmstat events of this outcome: {@code thp_collapse_alloc_failed} when the allocation
   * failed, otherwise {@code thp_collapse_alloc} (counted by {@code alloc_charge_folio} before
   * anything else can fail), plus the isolation's events.
   *
   * @return the deltas
   */
  public VmEvents vmEvents() {
    boolean failed = result == ScanResult.SCAN_ALLOC_HUGE_PAGE_FAIL;
    return new VmEvents(failed ? 0 : 1, failed ? 1 : 0, 0, 0, 0).plus(events);
  }
}
