package dev.pagelab.bench;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MachineConfig;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.paging.Mmu;
import dev.pagelab.sim.paging.Tlb;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
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
 * Address translation through the MMU: a TLB hit, and a full 4-level walk on a TLB miss. Goals: a
 * hit at 100 M/s or more, a walk at 20 M/s or more, on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslateBenchmark {
  private static final int HOT_PAGES = 32;
  private static final int COLD_PAGES = 4096;

  private Mmu mmu;
  private Tlb bigTlb;
  private Tlb tinyTlb;
  private long root;
  private long base;
  private int next;

  /** A process with 16 MiB mapped and touched. */
  @Setup
  public void setUp() throws Exception {
    Machine machine = new Machine(MachineConfig.DEFAULT);
    Process p = machine.spawn("bench", "/usr/bin/bench");
    base = machine.mmap(p, 0, (long) COLD_PAGES << 12, Prot.RW, false, false, null, 0);
    for (long off = 0; off < (long) COLD_PAGES << 12; off += 4096) {
      machine.access(p, base + off, AccessType.WRITE);
    }
    mmu = machine.mmu();
    root = p.mm().tables().rootPhys();
    bigTlb = new Tlb(64);
    tinyTlb = new Tlb(4);
  }

  /** A read that hits the TLB (32 hot pages, 64-entry TLB). */
  @Benchmark
  public long tlbHit() {
    next = (next + 1) & (HOT_PAGES - 1);
    return mmu.translate(bigTlb, root, base + ((long) next << 12), Access.USER_READ);
  }

  /** A read that misses a 4-entry TLB and walks all four levels (4096 pages in turn). */
  @Benchmark
  public long walkOnMiss() {
    next = (next + 1) & (COLD_PAGES - 1);
    return mmu.translate(tinyTlb, root, base + ((long) next << 12), Access.USER_READ);
  }
}
