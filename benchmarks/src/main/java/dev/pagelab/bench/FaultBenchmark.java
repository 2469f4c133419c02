package dev.pagelab.bench;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MachineConfig;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * First-touch anonymous faults: writing one byte to each of the 262,144 pages of a fresh 1 GiB
 * mapping. Goal: 60 ms or less (5 M faults/s) on a 16 GiB machine. On a 64 GiB machine the same run
 * must fit in a 64 MiB heap (the fork runs with {@code -Xmx64m}): cost follows what is touched.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
public class FaultBenchmark {
  private static final long GIB = 1L << 30;

  /** RAM of the simulated machine, in GiB. */
  @Param({"16", "64"})
  public int ramGib;

  private Machine machine;
  private Process process;
  private long base;

  /** A fresh machine and an untouched 1 GiB mapping before every run. */
  @Setup(Level.Invocation)
  public void setUp() throws Exception {
    machine = new Machine(MachineConfig.DEFAULT.withRam(ramGib * GIB));
    process = machine.spawn("touch", "/usr/bin/touch");
    base = machine.mmap(process, 0, GIB, Prot.RW, false, false, null, 0);
  }

  /** Touch every page of 1 GiB once; each touch is a minor fault. */
  @Benchmark
  public long touch1GiB() {
    for (long off = 0; off < GIB; off += 4096) {
      machine.access(process, base + off, AccessType.WRITE);
    }
    return process.minFlt();
  }
}
