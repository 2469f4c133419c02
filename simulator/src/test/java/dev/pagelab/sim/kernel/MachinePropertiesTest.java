package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.vm.Madvice;
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
 * Random sequences of spawn, mmap (anonymous and of files), munmap, mprotect, madvise, brk, fork,
 * touch and exit, mixed with file writes, reads, truncates, deletes, sync, drop_caches and time
 * passing, keep every invariant after every step (no frame lost, no counter off or negative), and
 * give every anonymous frame and page table back once all processes exit; with every file deleted
 * and the caches dropped, the page cache holds nothing but the program images.
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
    for (int i = 0; i < FILES.length; i++) {
      if (machine.existingFile(FILES[i]) != null) {
        machine.unlink(FILES[i]);
      }
    }
    machine.sync();
    machine.sysctl("vm.drop_caches", "3");
    machine.checkInvariants();
    assertEquals(0, machine.pageCache().dirtyPages(), "dirty pages left");
    assertEquals(0, machine.pageCache().bufferPages(), "clean Buffers left after drop_caches");
    assertEquals(initialAnon, machine.memory().pages(FrameOwner.ANON), "anonymous frames leaked");
    assertEquals(initialTables, machine.memory().pages(FrameOwner.PAGE_TABLE), "tables leaked");
  }

  private static final String[] FILES = {"/tmp/a", "/tmp/b", "/data/c", "/dev/shm/d"};

  private static void step(Machine m, List<Process> procs, Random r) throws SyscallException {
    if (r.nextInt(4) == 0) {
      fileStep(m, procs, r);
      return;
    }
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

  /** One file-system step: write, read, truncate, unlink, map, sync, drop_caches or time. */
  private static void fileStep(Machine m, List<Process> procs, Random r) {
    String path = FILES[r.nextInt(FILES.length)];
    long pages = 1 + r.nextInt(1200);
    try {
      switch (r.nextInt(9)) {
        case 0, 1 -> m.write(path, (long) r.nextInt(600) << 12, pages << 12);
        case 2 -> m.read(path);
        case 3 -> m.truncate(path, (long) r.nextInt(800) << 12);
        case 4 -> m.unlink(path);
        case 5 -> m.sync();
        case 6 -> m.sysctl("vm.drop_caches", Integer.toString(1 + r.nextInt(3)));
        case 7 -> m.advance(r.nextInt(40) * 1_000_000_000L);
        default -> {
          if (!procs.isEmpty() && m.existingFile(path) != null) {
            Process p = procs.get(r.nextInt(procs.size()));
            long at = m.mmap(p, 0, pages << 12, Prot.RW, r.nextBoolean(), false, path, 0);
            if (r.nextBoolean()) {
              m.madvise(p, at, pages << 12, r.nextBoolean() ? Madvice.RANDOM : Madvice.SEQUENTIAL);
            }
          }
        }
      }
    } catch (SyscallException expected) {
      // A missing file, a busy truncate or a full cache are refusals; invariants still hold.
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
