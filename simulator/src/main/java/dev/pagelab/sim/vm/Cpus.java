package dev.pagelab.sim.vm;

/**
 * The machine's CPUs as per-CPU counters see them: how many are online, {@code
 * percpu_counter_batch} ({@code compute_batch_value} in lib/percpu_counter.c: {@code max(32, 2 *
 * num_online_cpus())}), and the CPU the kernel code that runs now is on (the faulting task's, or
 * kswapd's), which decides whose per-CPU delta a counter update goes to.
 */
public final class Cpus {
  private final int online;
  private final int batch;
  private int running;

  /**
   * CPUs 0 to {@code online - 1}, running on CPU 0.
   *
   * @param online online CPUs, 1 to 256
   * @throws IllegalArgumentException naming the bad count
   */
  public Cpus(int online) {
    if (online < 1 || online > 256) {
      throw new IllegalArgumentException("Cpus: " + online + " CPUs: expected 1 to 256");
    }
    this.online = online;
    this.batch = Math.max(32, 2 * online);
  }

  /** {@code num_online_cpus()}. */
  public int online() {
    return online;
  }

  /** {@code percpu_counter_batch}: a CPU's delta folds into the global count at this size. */
  public int batch() {
    return batch;
  }

  /** The CPU the code running now is on ({@code smp_processor_id()}). */
  public int running() {
    return running;
  }

  /**
   * Runs what follows on {@code cpu}.
   *
   * @return the CPU that was running before, to switch back to
   * @throws IllegalArgumentException if the CPU is not online
   */
  public int runOn(int cpu) {
    if (cpu < 0 || cpu >= online) {
      throw new IllegalArgumentException(
          "Cpus.runOn: CPU " + cpu + ": expected 0 to " + (online - 1));
    }
    int before = running;
    running = cpu;
    return before;
  }
}
