package dev.pagelab.sim.kernel;

/**
 * Kernel memory in use on an idle machine, allocated at boot so that {@code free} and {@code
 * /proc/meminfo} start where a real idle Linux starts. The values are those of the idle 6.18
 * machine in {@code shared/truth/free/01.meminfo}, in kB.
 *
 * @param slabReclaimableKb SReclaimable
 * @param slabUnreclaimableKb SUnreclaim
 * @param kernelStackKb KernelStack before any simulated process exists
 * @param percpuKb Percpu
 * @param vmallocUsedKb VmallocUsed
 */
public record KernelBaseline(
    long slabReclaimableKb,
    long slabUnreclaimableKb,
    long kernelStackKb,
    long percpuKb,
    long vmallocUsedKb) {

  /** The idle machine of {@code truth/free/01.meminfo}. */
  public static final KernelBaseline IDLE_6_18 = new KernelBaseline(4372, 21140, 1536, 976, 14380);

  /** All of it, in pages. */
  public long pages() {
    return (slabReclaimableKb + slabUnreclaimableKb + kernelStackKb + percpuKb + vmallocUsedKb) / 4;
  }
}
