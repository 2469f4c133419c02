package dev.pagelab.bench;

import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.oom.Task;
import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Choosing an OOM victim ({@code select_bad_process}) among 10,000 processes: 200 kernel threads
 * and 9,800 user processes with random RSS, swap and oom_score_adj. Goal: 5 ms or less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OomBenchmark {
  private static final long TOTALPAGES = 4L << 20; // 16 GiB of RAM, no swap

  private List<OomTask> tasks;
  private OomControl oc;

  /** A fixed random process table (seed 42). */
  @Setup
  public void setUp() {
    Random r = new Random(42);
    tasks = new ArrayList<>(10_000);
    for (int pid = 1; pid <= 10_000; pid++) {
      if (pid > 1 && pid <= 201) {
        tasks.add(Task.kernelThread(pid, "kworker/" + pid).oomTask());
        continue;
      }
      long anon = r.nextInt(1 << 18);
      int adj = r.nextInt(10) == 0 ? -1000 : r.nextInt(2001) - 1000;
      tasks.add(
          Task.user(
                  pid,
                  "p" + pid,
                  anon,
                  r.nextInt(4096),
                  0,
                  r.nextInt(1024),
                  4096 * (anon / 512),
                  anon + 8192,
                  adj)
              .oomTask());
    }
    oc = new OomControl(tasks.get(0), Optional.empty(), TOTALPAGES, 0, 0, false);
  }

  /** One scan of the whole table. */
  @Benchmark
  public OomChoice selectAmong10000() {
    return ReferenceOomPolicy.INSTANCE.chooseVictim(oc, tasks);
  }
}
