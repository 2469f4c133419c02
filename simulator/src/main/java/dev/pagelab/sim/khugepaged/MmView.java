package dev.pagelab.sim.khugepaged;

import java.util.List;

/**
 * One address space as khugepaged walks it.
 *
 * @param vmas the VMAs in address order
 * @param thpDisable the process's {@code PR_SET_THP_DISABLE} state
 */
public record MmView(List<VmaRange> vmas, ThpDisable thpDisable) {
  /**
   * VMAs in increasing, non-overlapping order.
   *
   * @throws IllegalArgumentException if they overlap or are out of order
   */
  public MmView {
    vmas = List.copyOf(vmas);
    for (int i = 1; i < vmas.size(); i++) {
      if (vmas.get(i).start() < vmas.get(i - 1).end()) {
        throw new IllegalArgumentException("MmView: VMAs out of order at " + vmas.get(i));
      }
    }
  }
}
