package dev.pagelab.bench;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MachineConfig;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * THP faults: writing one byte to each 2 MiB of a fresh {@code MADV_HUGEPAGE} mapping of 64 GiB on
 * a 96 GiB machine, 32,768 faults that each map a THP through one PMD leaf and deposit a PTE table.
 * Goals: the whole run in 100 ms or less, so one THP fault (2 MiB mapped) in about 3 us at most;
 * the goal for one fault is 1 us. Divide the run time by 32,768 for the cost of one fault.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ThpBenchmark {
  private static final long GIB = 1L << 30;
  private static final long M2 = 2L << 20;
  private static final long TOUCHED = 64 * GIB;

  private Machine machine;
  private Process process;
  private long base;

  /** A fresh 96 GiB machine and an untouched, madvised 64 GiB mapping before every run. */
  @Setup(Level.Invocation)
  public void setUp() throws Exception {
    machine = new Machine(MachineConfig.DEFAULT.withRam(96 * GIB));
    process = machine.spawn("touch", "/usr/bin/touch");
    base = machine.mmap(process, 0, TOUCHED, Prot.RW, false, false, null, 0);
    machine.madvise(process, base, TOUCHED, Madvice.HUGEPAGE);
  }

  /** Touch one byte per 2 MiB of 64 GiB: 32,768 THP faults. */
  @Benchmark
  public long touch64GiBWithThp() {
    return touchAll();
  }

  private long touchAll() {
    for (long off = 0; off < TOUCHED; off += M2) {
      machine.access(process, base + off, AccessType.WRITE);
    }
    return process.minFlt();
  }

  /**
   * The same 32,768 THP faults on RAM the simulator has already touched once (its per-frame
   * sections exist): the cost of the fault itself. Divide by 32,768 for one fault.
   */
  @State(Scope.Thread)
  public static class Refault {
    ThpBenchmark run = new ThpBenchmark();

    /** Touch everything once, then drop it with MADV_DONTNEED. */
    @Setup(Level.Invocation)
    public void setUp() throws Exception {
      run.setUp();
      run.touchAll();
      run.machine.madvise(run.process, run.base, TOUCHED, Madvice.DONTNEED);
    }
  }

  /** 32,768 THP faults in RAM that was touched before. */
  @Benchmark
  public long refault64GiBWithThp(Refault r) {
    return r.run.touchAll();
  }
}
