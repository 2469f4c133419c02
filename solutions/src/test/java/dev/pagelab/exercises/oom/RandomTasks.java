package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random inputs for the differential tests: machine sizes from one page to 2^50 pages, task
 * tables in process order with frequent ties, every flag, adj at and around its extremes, and
 * memory cgroup trees whose names share prefixes. The same seed always gives the same inputs.
 */
final class RandomTasks {
  /** The adj values the kernel treats specially, and their neighbours. */
  private static final int[] ADJ = {-1000, -999, -500, -1, 0, 0, 0, 1, 100, 500, 999, 1000};

  /** Sizes that make ties likely. */
  private static final long[] SMALL = {0, 1, 2, 100, 999, 1000, 4096};

  /** Cgroup paths: a tree and its prefix traps. */
  static final List<String> MEMCGS =
      List.of("/", "/job", "/job/a", "/job/a/b", "/job2", "/jobs", "/jobs/x", "/jo", "/other");

  private final Random random;

  RandomTasks(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  /** A size in pages: tiny, a page count near 1000, a real machine, or up to 2^50 pages. */
  long machinePages() {
    return switch (random.nextInt(6)) {
      case 0 -> 1 + random.nextInt(2000);
      case 1 -> 999 + random.nextInt(3);
      case 2 -> 100_000 + random.nextInt(10_000_000);
      case 3 -> 6_171_023;
      case 4 -> 1L + nextLong(1L << 40);
      default -> (1L << 49) + nextLong(1L << 49);
    };
  }

  /** Swap pages: none in a third of the machines. */
  long swapPages(long ram) {
    return random.nextInt(3) == 0 ? 0 : nextLong(Math.max(1, ram));
  }

  long nextLong(long bound) {
    return bound <= 1 ? 0 : random.nextLong(bound);
  }

  /** An adj: an extreme or a neighbour of one, or any value. */
  int adj() {
    return random.nextInt(3) == 0 ? random.nextInt(2001) - 1000 : ADJ[random.nextInt(ADJ.length)];
  }

  /** Pages of one kind of memory, at most {@code scale}: often a small, tie-prone size. */
  long pages(long scale) {
    return random.nextInt(3) == 0 ? SMALL[random.nextInt(SMALL.length)] : nextLong(scale + 1);
  }

  /**
   * One user task or, now and then, a kernel thread, a task without an mm, a task with adj -1000,
   * MMF_OOM_SKIP or in vfork, or an earlier victim (with or without MMF_OOM_SKIP).
   *
   * @param scale the largest count of one kind of memory, in pages
   * @param memcg its cgroup
   */
  OomTask task(int pid, long scale, String memcg) {
    int kind = random.nextInt(24);
    if (kind == 0) {
      return new OomTask(
          pid, "kworker", 0, 0, 0, 0, 0, 0, true, false, false, false, false, false, memcg);
    }
    boolean hasMm = kind != 1;
    long anon = hasMm ? pages(scale) : 0;
    long file = hasMm ? pages(scale / 4) : 0;
    long shmem = hasMm && random.nextBoolean() ? pages(scale / 8) : 0;
    long swap = hasMm && random.nextBoolean() ? pages(scale / 2) : 0;
    long tables = hasMm ? 4096 * pages(Math.max(1, scale / 512)) : 0;
    int adj = kind == 2 ? -1000 : adj();
    boolean victim = kind == 5 || kind == 6;
    boolean skip = kind == 3 || kind == 6;
    return new OomTask(
        pid, "t" + pid, anon, file, shmem, swap, tables, adj, false, false, hasMm, skip, kind == 4,
        victim, memcg);
  }

  /**
   * A process table in fork order: init first, then {@code n} tasks, a fifth of them copies of an
   * earlier task's memory and adj under a new pid (ties).
   *
   * @param n tasks after init
   * @param scale the largest count of one kind of memory, in pages
   * @param memcgs the cgroups to put tasks in
   */
  List<OomTask> table(int n, long scale, List<String> memcgs) {
    List<OomTask> tasks = new ArrayList<>();
    tasks.add(
        new OomTask(
            1,
            "init",
            pages(scale),
            0,
            0,
            0,
            4096,
            0,
            false,
            true,
            true,
            false,
            false,
            false,
            "/"));
    for (int i = 0; i < n; i++) {
      int pid = 100 + i;
      String memcg = memcgs.get(random.nextInt(memcgs.size()));
      if (i > 0 && random.nextInt(5) == 0) {
        OomTask twin = tasks.get(1 + random.nextInt(i));
        tasks.add(
            new OomTask(
                pid,
                "t" + pid,
                twin.rssAnon(),
                twin.rssFile(),
                twin.rssShmem(),
                twin.swapents(),
                twin.pgtablesBytes(),
                twin.oomScoreAdj(),
                twin.kthread(),
                false,
                twin.hasMm(),
                twin.oomSkip(),
                twin.inVfork(),
                twin.oomVictim(),
                memcg));
      } else {
        tasks.add(task(pid, scale, memcg));
      }
    }
    return tasks;
  }
}
