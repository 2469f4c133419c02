package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import dev.pagelab.sim.vm.Vma;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of spawn, mmap, munmap, mprotect, brk, fork, touch and exit keep every invariant
 * after every step, and give every anonymous frame and page table back once all processes exit.
 */
class MachinePropertiesTest {
  private static final Prot[] PROTS = {
    Prot.NONE, Prot.R, Prot.RW, Prot.RX, new Prot(true, true, true)
  };

  @Property(tries = 60)
  void randomWorkloadsKeepEveryInvariant(
      @ForAll long seed,
      @ForAll @IntRange(min = 20, max = 160) int steps,
      @ForAll boolean fiveLevel)
      throws SyscallException {
    MachineConfig config =
        MachineConfig.DEFAULT
            .withRam(512L << 20)
            .withPagingMode(fiveLevel ? PagingMode.FIVE_LEVEL : PagingMode.FOUR_LEVEL);
    Machine machine = new Machine(config);
    long initialAnon = machine.memory().pages(FrameOwner.ANON);
    long initialTables = machine.memory().pages(FrameOwner.PAGE_TABLE);
    Random random = new Random(seed);
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      step(machine, procs, random);
      procs.removeIf(p -> !p.alive());
      machine.checkInvariants();
    }
    for (Process p : procs) {
      machine.exit(p, 0);
    }
    machine.checkInvariants();
    assertEquals(initialAnon, machine.memory().pages(FrameOwner.ANON), "anonymous frames leaked");
    assertEquals(initialTables, machine.memory().pages(FrameOwner.PAGE_TABLE), "tables leaked");
  }

  private static void step(Machine m, List<Process> procs, Random r) throws SyscallException {
    if (procs.isEmpty() || r.nextInt(12) == 0) {
      procs.add(m.spawn("p" + procs.size(), "/usr/bin/p"));
      return;
    }
    Process p = procs.get(r.nextInt(procs.size()));
    List<Vma> vmas = new ArrayList<>(p.mm().vmas());
    Vma v = vmas.get(r.nextInt(vmas.size()));
    long pages = v.pages();
    long from = v.start() + (r.nextLong(pages) << 12);
    long len = (1 + r.nextLong(Math.min(pages, 64))) << 12;
    try {
      switch (r.nextInt(10)) {
        case 0, 1 ->
            m.mmap(p, 0, (1 + r.nextInt(600)) << 12, prot(r), r.nextInt(4) == 0, false, null, 0);
        case 2 -> m.munmap(p, from, len);
        case 3 -> m.mprotect(p, from, Math.min(len, v.end() - from), prot(r));
        case 4 -> m.brk(p, p.mm().brk() + (r.nextInt(64) - 16) * 4096L);
        case 5 -> procs.add(m.fork(p));
        case 6 -> {
          if (r.nextInt(4) == 0) {
            m.exit(p, 0);
          }
        }
        default -> touch(m, p, v, r);
      }
    } catch (SyscallException expected) {
      // Refusals are part of the workload; the invariants must hold either way.
    }
  }

  private static void touch(Machine m, Process p, Vma v, Random r) {
    AccessType type = AccessType.values()[r.nextInt(3)];
    for (int i = 0; i < 32 && p.alive(); i++) {
      m.access(p, v.start() + (r.nextLong(v.pages()) << 12), type);
    }
  }

  private static Prot prot(Random r) {
    return PROTS[r.nextInt(PROTS.length)];
  }
}
