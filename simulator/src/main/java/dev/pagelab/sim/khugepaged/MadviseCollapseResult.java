package dev.pagelab.sim.khugepaged;

import java.util.List;

/**
 * What {@code madvise(MADV_COLLAPSE)} did to one VMA ({@code madvise_collapse} in mm/khugepaged.c).
 *
 * @param errno 0 when every aligned 2 MiB range of the request is now huge, else the errno of
 *     {@code madvise_collapse_errno} for the last failure
 * @param thps ranges now mapped huge (collapsed now or already)
 * @param ranges aligned 2 MiB ranges in the request
 * @param lastFail the last failure, SCAN_FAIL if none
 * @param events the log
 * @param vmEvents the vmstat deltas to add
 */
public record MadviseCollapseResult(
    String errno,
    int thps,
    int ranges,
    ScanResult lastFail,
    List<KhugepagedEvent> events,
    VmEvents vmEvents) {
  /** A result with an immutable log. */
  public MadviseCollapseResult {
    events = List.copyOf(events);
  }

  /**
   * {@code madvise_collapse_errno}: ENOMEM for a failed allocation, EBUSY for a failed cgroup
   * charge or too many empty PTEs, EAGAIN for transient page states, EINVAL otherwise.
   *
   * @param r the last failure
   * @return the errno name
   */
  public static String errnoOf(ScanResult r) {
    return switch (r) {
      case SCAN_ALLOC_HUGE_PAGE_FAIL -> "ENOMEM";
      case SCAN_CGROUP_CHARGE_FAIL, SCAN_EXCEED_NONE_PTE -> "EBUSY";
      case SCAN_PAGE_COUNT, SCAN_PAGE_LOCK, SCAN_PAGE_LRU, SCAN_DEL_PAGE_LRU, SCAN_PAGE_FILLED ->
          "EAGAIN";
      default -> "EINVAL";
    };
  }

  /**
   * Whether the call returned 0.
   *
   * @return true on success
   */
  public boolean succeeded() {
    return errno.equals("0");
  }
}
