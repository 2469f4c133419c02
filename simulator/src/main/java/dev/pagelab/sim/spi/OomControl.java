package dev.pagelab.sim.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One call of the OOM killer ({@code struct oom_control} of {@code include/linux/oom.h}, with the
 * machine's sizes and the sysctl it reads): what is out of memory and who asked.
 *
 * @param current the task whose allocation or charge failed ({@code current}); it is usually one of
 *     the tasks scanned as well
 * @param memcg the memory cgroup over its limit for a memcg OOM ({@code oc->memcg}), or empty for a
 *     global OOM (the whole machine)
 * @param totalramPages {@code totalram_pages()}: the machine's RAM, in pages (MemTotal / 4 KiB)
 * @param totalSwapPages {@code total_swap_pages}: the machine's swap space, in pages (SwapTotal / 4
 *     KiB); 0 without swap
 * @param order {@code oc->order}: the order of the failed allocation, or -1 when the kill was asked
 *     for with SysRq-f ({@code is_sysrq_oom})
 * @param oomKillAllocatingTask {@code vm.oom_kill_allocating_task} is 1
 */
public record OomControl(
    OomTask current,
    Optional<OomMemcg> memcg,
    long totalramPages,
    long totalSwapPages,
    int order,
    boolean oomKillAllocatingTask) {

  /** Checks that the task and the memcg are given and the sizes are in range. */
  public OomControl {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(memcg, "memcg (use Optional.empty() for a global OOM)");
    if (totalramPages <= 0 || totalSwapPages < 0) {
      throw new IllegalArgumentException(
          "OomControl: totalram " + totalramPages + " pages, swap " + totalSwapPages + " pages");
    }
    if (order < -1) {
      throw new IllegalArgumentException("OomControl: order " + order + " < -1");
    }
  }
}
