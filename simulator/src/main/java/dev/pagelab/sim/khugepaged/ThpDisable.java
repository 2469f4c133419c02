package dev.pagelab.sim.khugepaged;

/**
 * A process's {@code prctl(PR_SET_THP_DISABLE)} state (Linux 6.18: {@code
 * MMF_DISABLE_THP_COMPLETELY} and {@code MMF_DISABLE_THP_EXCEPT_ADVISED}).
 */
public enum ThpDisable {
  /** THP not disabled for the process. */
  NONE,
  /** {@code PR_SET_THP_DISABLE} with flags 0: no THP in any VMA, khugepaged skips the mm. */
  COMPLETELY,
  /**
   * {@code PR_THP_DISABLE_EXCEPT_ADVISED}: THP only where advised ({@code VM_HUGEPAGE}, or a forced
   * {@code MADV_COLLAPSE}).
   */
  EXCEPT_ADVISED
}
