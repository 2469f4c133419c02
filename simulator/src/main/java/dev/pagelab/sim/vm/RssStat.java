package dev.pagelab.sim.vm;

/**
 * The per-CPU part of {@code mm->rss_stat}: since Linux 6.2 each of an address space's four page
 * counters is a {@code percpu_counter}. An update adds to the running CPU's delta, and only when
 * that delta would reach {@link Cpus#batch()} in size is it folded into the global count ({@code
 * percpu_counter_add_batch}). Readers that take the global count alone ({@code get_mm_counter},
 * {@code percpu_counter_read_positive}: {@code oom_badness}, {@code /proc/PID/stat}'s rss, the OOM
 * report) see the exact count less the deltas still held per CPU; {@code /proc/PID/status} sums
 * them ({@code get_mm_counter_sum}) and is exact.
 *
 * <p>The address space keeps the exact counts; this class keeps the per-CPU deltas, so the global
 * count is the exact count less {@link #pending}.
 */
public final class RssStat {
  /** {@code MM_FILEPAGES}. */
  public static final int MM_FILEPAGES = 0;

  /** {@code MM_ANONPAGES}. */
  public static final int MM_ANONPAGES = 1;

  /** {@code MM_SWAPENTS}. */
  public static final int MM_SWAPENTS = 2;

  /** {@code MM_SHMEMPAGES}. */
  public static final int MM_SHMEMPAGES = 3;

  /** {@code NR_MM_COUNTERS}. */
  public static final int NR_MM_COUNTERS = 4;

  private final Cpus cpus;
  private final long[] delta; // [member * online + cpu]

  /**
   * Counters with every per-CPU delta zero ({@code percpu_counter_init_many} at {@code mm_init}).
   *
   * @param cpus the machine's CPUs
   */
  public RssStat(Cpus cpus) {
    this.cpus = cpus;
    this.delta = new long[NR_MM_COUNTERS * cpus.online()];
  }

  /**
   * {@code add_mm_counter} on the running CPU: {@code percpu_counter_add_batch} with {@code
   * percpu_counter_batch}.
   *
   * @param member one of the {@code MM_*} counters
   * @param amount pages added (negative to subtract)
   */
  public void add(int member, long amount) {
    int at = member * cpus.online() + cpus.running();
    long count = delta[at] + amount;
    delta[at] = Math.abs(count) >= cpus.batch() ? 0 : count;
  }

  /**
   * The part of a counter's exact value not yet in its global count: the sum of the per-CPU deltas.
   */
  public long pending(int member) {
    long sum = 0;
    for (int cpu = 0, at = member * cpus.online(); cpu < cpus.online(); cpu++, at++) {
      sum += delta[at];
    }
    return sum;
  }

  /**
   * {@code get_mm_counter}: the global count, never below zero ({@code
   * percpu_counter_read_positive}).
   *
   * @param member one of the {@code MM_*} counters
   * @param exact the counter's exact value
   */
  public long read(int member, long exact) {
    return Math.max(0, exact - pending(member));
  }

  /**
   * The largest difference {@link #pending} can reach for one counter: every CPU just short of a
   * fold.
   */
  public long maxPending() {
    return (long) cpus.online() * (cpus.batch() - 1);
  }
}
