package dev.pagelab.sim.oom;

import java.util.Optional;

/**
 * One call of {@code out_of_memory}: the {@code struct oom_control} of the failed allocation and
 * what the report needs of the machine.
 *
 * @param current the task whose allocation failed
 * @param gfpMask the allocation's flags
 * @param order its order; -1 means the kill was asked for with SysRq-f
 * @param memcg the memory cgroup over its limit, or empty for a global OOM
 * @param totalramPages {@code totalram_pages()}
 * @param totalSwapPages {@code total_swap_pages}
 * @param memInfo the {@code Mem-Info:} summary printed in a global OOM report
 * @param cpuset the allocating task's cpuset path, e.g. {@code "/"}
 * @param memsAllowed its allowed nodes as a list, e.g. {@code "0"}
 * @param sysctls the {@code vm.*} settings
 */
public record OomRequest(
    Task current,
    GfpMask gfpMask,
    int order,
    Optional<Memcg> memcg,
    long totalramPages,
    long totalSwapPages,
    MemInfoSummary memInfo,
    String cpuset,
    String memsAllowed,
    OomSysctls sysctls) {

  /** Checks the sizes. */
  public OomRequest {
    if (totalramPages <= 0 || totalSwapPages < 0) {
      throw new IllegalArgumentException(
          "OomRequest: totalram " + totalramPages + ", swap " + totalSwapPages);
    }
  }

  /**
   * {@code is_sysrq_oom}.
   *
   * @return true for order -1
   */
  public boolean sysrq() {
    return order == -1;
  }
}
