package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.spi.AccessType;
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
 * Random file and anonymous workloads (with forks whose children read the pages they share with
 * their parents, and files that two processes map at once, so that reclaim unmaps page-cache folios
 * and swaps shared anonymous pages out through the reverse map) on a small machine under memory
 * pressure, with and without a swap area, overcommit always: after every step every invariant
 * holds, including that the OOM killer never kills while the page cache still holds folios reclaim
 * could free; no frame is lost once every process has exited, and the reclaim counters only grow
 * and never steal more than they scan.
 */
class PressurePropertiesTest {
  private static final String[] FILES = {"/data/a", "/data/b", "/data/c"};

  @Property(tries = 4)
  void pressureKeepsEveryInvariant(
      @ForAll long seed, @ForAll @IntRange(min = 10, max = 30) int steps, @ForAll boolean withSwap)
      throws SyscallException {
    Machine m = new Machine(PressureConfig.of(256L << 20, withSwap ? 64L << 20 : 0));
    long initialAnon = m.memory().pages(FrameOwner.ANON);
    Random r = new Random(seed);
    List<Process> procs = new ArrayList<>();
    long scanned = 0;
    long stolen = 0;
    for (int i = 0; i < steps; i++) {
      step(m, procs, r);
      procs.removeIf(p -> !p.alive());
      m.checkInvariants();
      long scan = m.vmscan().pgscanKswapd() + m.vmscan().pgscanDirect();
      long steal = m.vmscan().pgstealFile();
      assertTrue(scan >= scanned && steal >= stolen, "reclaim counters went down");
      assertTrue(steal <= scan, "stole " + steal + " of " + scan + " scanned");
      scanned = scan;
      stolen = steal;
    }
    for (Process p : procs) {
      m.exit(p, 0);
    }
    m.checkInvariants();
    assertEquals(
        initialAnon,
        m.memory().pages(FrameOwner.ANON) + m.init().mm().swapents(),
        "anonymous frames leaked (init's pages may be out in swap)");
    if (withSwap) {
      assertEquals(m.init().mm().swapents(), m.swap().usedPages(), "swap slots leaked");
    }
  }

  private static void step(Machine m, List<Process> procs, Random r) throws SyscallException {
    String path = FILES[r.nextInt(FILES.length)];
    long mib = 1L << 20;
    try {
      switch (r.nextInt(10)) {
        case 0 -> m.write(path, 0, (1 + r.nextInt(96)) * mib);
        case 1 -> m.read(path);
        case 2 -> m.sync();
        case 3 -> m.advance(r.nextInt(20) * 1_000_000_000L);
        case 4 -> {
          if (!procs.isEmpty() && m.existingFile(path) != null) {
            Process p = procs.get(r.nextInt(procs.size()));
            long len = m.pageCache().size(m.existingFile(path));
            if (len > 0) {
              long at = m.mmap(p, 0, len, Prot.RW, r.nextBoolean(), false, path, 0);
              touch(m, p, at, len, r.nextBoolean() ? AccessType.READ : AccessType.WRITE);
            }
          }
        }
        case 5 -> {
          if (!procs.isEmpty()) {
            Process p = procs.get(r.nextInt(procs.size()));
            if (r.nextBoolean() && procs.size() < 4) {
              Process child = m.fork(p);
              procs.add(child);
              touch(m, child, p.mm().brk() - 4096, 4096, AccessType.READ);
            } else {
              m.exit(p, 0);
            }
          }
        }
        case 8 -> {
          if (!procs.isEmpty() && procs.size() < 4) {
            Process child = m.fork(procs.get(r.nextInt(procs.size())));
            procs.add(child);
            touchAnon(m, child, r);
          }
        }
        case 9 -> {
          if (procs.size() >= 2 && m.existingFile(path) != null) {
            long len = Math.min(m.pageCache().size(m.existingFile(path)), 8 * mib);
            for (Process p : procs.subList(0, 2)) {
              if (len > 0 && p.alive()) {
                long at =
                    m.mmap(p, 0, len, r.nextBoolean() ? Prot.R : Prot.RX, true, false, path, 0);
                touch(m, p, at, len, AccessType.READ);
              }
            }
          }
        }
        default -> {
          if (procs.size() < 4) {
            procs.add(m.spawn("p" + procs.size(), "/usr/bin/p"));
          }
          Process p = procs.get(r.nextInt(procs.size()));
          if (p.alive()) {
            long len = (1 + r.nextInt(160)) * mib;
            long at = m.mmap(p, 0, len, Prot.RW, false, false, null, 0);
            touch(m, p, at, len, AccessType.WRITE);
            adviseAndTouchBack(m, p, at, len, r);
          }
        }
      }
    } catch (SyscallException expected) {
      // ENOMEM and ENOENT are part of the workload; the invariants must hold either way.
    }
  }

  /**
   * Sometimes pages out or cools the first half of a fresh mapping, then reads or writes a part of
   * it back (swap-cache hits, swap-in readahead, write faults that free the slot).
   */
  private static void adviseAndTouchBack(Machine m, Process p, long at, long len, Random r)
      throws SyscallException {
    int pick = r.nextInt(3);
    if (pick == 2 || !p.alive()) {
      return;
    }
    long half = len / 2 & -4096L;
    m.madvise(p, at, half, pick == 0 ? Madvice.PAGEOUT : Madvice.COLD);
    long back = half / 2 & -4096L;
    touch(m, p, at + back, back, r.nextBoolean() ? AccessType.READ : AccessType.WRITE);
  }

  /**
   * A forked child reads up to 64 pages of each private anonymous area it inherited: pages shared
   * with its parent, referenced in both.
   */
  private static void touchAnon(Machine m, Process child, Random r) {
    List<Vma> areas = new ArrayList<>(child.mm().vmas());
    for (Vma v : areas) {
      if (v.anonymous() && !v.shared() && v.anonVma()) {
        long len = Math.min(v.length(), (1 + r.nextInt(64)) * 4096L);
        touch(m, child, v.start(), len, AccessType.READ);
      }
    }
  }

  private static void touch(Machine m, Process p, long at, long len, AccessType type) {
    for (long off = 0; off < len && p.alive(); off += 4096) {
      m.access(p, at + off, type);
    }
  }
}
