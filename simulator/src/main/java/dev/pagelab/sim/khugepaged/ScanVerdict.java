package dev.pagelab.sim.khugepaged;

import java.util.Optional;

/**
 * What {@code hpage_collapse_scan_pmd} (mm/khugepaged.c) decided about one 2 MiB range, with the
 * counts its {@code mm_khugepaged_scan_pmd} tracepoint reports (as far as the loop got).
 *
 * @param result {@link ScanResult#SCAN_SUCCEED} when the range should be collapsed
 * @param noneOrZero empty or zero-page PTEs counted
 * @param unmapped swap PTEs counted
 * @param shared PTEs of possibly shared pages counted
 * @param referenced young or referenced pages counted (khugepaged only)
 * @param events the {@code thp_scan_exceed_*} event the decision counted
 * @param plan what the collapse must do; present exactly when the result is SCAN_SUCCEED
 */
public record ScanVerdict(
    ScanResult result,
    int noneOrZero,
    int unmapped,
    int shared,
    int referenced,
    VmEvents events,
    Optional<CollapsePlan> plan) {

  /**
   * A verdict whose plan matches its result.
   *
   * @throws IllegalStateException if a plan comes without success or success without a plan
   */
  public ScanVerdict {
    if (plan.isPresent() != (result == ScanResult.SCAN_SUCCEED)) {
      throw new IllegalStateException("ScanVerdict: result " + result + " with plan " + plan);
    }
  }
}
