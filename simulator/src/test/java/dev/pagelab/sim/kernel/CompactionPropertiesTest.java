package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.paging.PageTables.HugeVisitor;
import dev.pagelab.sim.paging.PageTables.LeafVisitor;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.Layout;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import dev.pagelab.sim.vm.Vma;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random workloads (pages touched in shuffled orders, so freed pages are scattered) of anonymous,
 * shared and file mappings, forks, page-outs to swap, pins and unmaps, with compaction
 * (compact_memory and direct compaction) in between: after every compaction no frame is lost or
 * gained, every entry maps a frame with the same contents and the same flags as before, pinned
 * frames did not move, the counters add up, and every machine invariant holds.
 */
class CompactionPropertiesTest {
  private static final long PAGE = 4096;

  @Property(tries = 15)
  void compactionKeepsEveryPageAndEveryInvariant(
      @ForAll long seed, @ForAll @IntRange(min = 10, max = 50) int steps) throws SyscallException {
    Machine m =
        new Machine(
            new MachineConfig(
                256L << 20,
                64L << 20,
                PagingMode.FOUR_LEVEL,
                64,
                128,
                10,
                1,
                50,
                "madvise",
                42,
                2));
    Random r = new Random(seed);
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      if (r.nextInt(5) == 0) {
        compactAndCheck(m, procs, r);
      } else {
        step(m, procs, r);
      }
      procs.removeIf(p -> !p.alive());
      m.checkInvariants();
    }
    compactAndCheck(m, procs, r);
  }

  private static void step(Machine m, List<Process> procs, Random r) throws SyscallException {
    if (procs.isEmpty() || r.nextInt(8) == 0) {
      procs.add(m.spawn("p" + procs.size(), "/usr/bin/p"));
      return;
    }
    Process p = procs.get(r.nextInt(procs.size()));
    List<Vma> vmas = new ArrayList<>(p.mm().vmas());
    Vma v = vmas.get(r.nextInt(vmas.size()));
    long from = v.start() + (r.nextLong(v.pages()) << 12);
    long len = Math.min((1 + r.nextLong(512)) << 12, v.end() - from);
    try {
      switch (r.nextInt(11)) {
        case 0, 1 -> {
          long bytes = (1 + r.nextInt(4096)) * PAGE;
          long at = m.mmap(p, 0, bytes, Prot.RW, r.nextInt(4) == 0, false, null, 0);
          touch(m, p, at, bytes, r);
        }
        case 2 -> {
          m.write("/tmp/f" + r.nextInt(3), 0, (1 + r.nextInt(2048)) * PAGE);
        }
        case 3 -> {
          String path = "/tmp/f" + r.nextInt(3);
          if (m.existingFile(path) != null) {
            long bytes = 1024 * PAGE;
            long at = m.mmap(p, 0, bytes, Prot.RW, r.nextBoolean(), false, path, 0);
            touch(m, p, at, Math.min(bytes, m.existingFile(path).sizeBytes()), r);
          }
        }
        case 4 -> procs.add(m.fork(p));
        case 5 -> m.madvise(p, from, len, r.nextBoolean() ? Madvice.PAGEOUT : Madvice.DONTNEED);
        case 6 -> m.pin(p, from, len, (1 + r.nextInt(64)) * PAGE);
        case 7 -> m.unpin(p, from, len, PAGE);
        case 8 -> m.munmap(p, from, len);
        case 9 -> {
          if (r.nextInt(3) == 0) {
            m.exit(p, 0);
          }
        }
        default -> touch(m, p, v.start(), v.length(), r);
      }
    } catch (SyscallException expected) {
      // Refusals are part of the workload.
    }
  }

  private static void touch(Machine m, Process p, long at, long bytes, Random r) {
    AccessType type = r.nextBoolean() ? AccessType.WRITE : AccessType.READ;
    long stride = (1 + r.nextInt(3)) * PAGE;
    List<Long> order = new ArrayList<>();
    for (long va = at; va < at + bytes; va += stride) {
      order.add(va);
    }
    if (r.nextBoolean()) {
      Collections.shuffle(order, r);
    }
    for (long va : order) {
      if (!p.alive()) {
        return;
      }
      m.access(p, va, type);
    }
  }

  /**
   * A PMD leaf maps a 2 MiB page-cache folio (file mappings are PMD-mapped as on 6.18): its frames
   * are checked with the page cache's below, so the entry itself is left as it is.
   */
  private static final HugeVisitor HUGE_LEAVES_STAY = (va, level, entry) -> entry;

  /** What each entry maps before compaction: the frame's marker (its old number) and flags. */
  private record Entry(long marker, long flags, boolean pinned) {}

  private static void compactAndCheck(Machine m, List<Process> procs, Random r) {
    PhysicalMemory mem = m.memory();
    long taskSize = Layout.taskSizeMax(m.config().pagingMode());
    Map<String, Entry> before = new HashMap<>();
    for (Process p : procs) {
      p.mm()
          .tables()
          .forEachPte(
              0,
              taskSize,
              LeafVisitor.of(
                  (va, pte) -> {
                    long pfn = X86Paging.pteToPfn(pte);
                    if (!AddressSpace.isSwapEntry(pte) && mem.owner(pfn) != FrameOwner.KERNEL) {
                      mem.table(pfn)[0] = pfn + 1;
                      before.put(
                          p.pid() + ":" + va,
                          new Entry(pfn + 1, pte & ~Pte.PTE_ADDR_MASK, mem.pinCount(pfn) > 0));
                    }
                    return pte;
                  },
                  HUGE_LEAVES_STAY));
    }
    Map<Long, Folio> cached = m.pageCache().foliosByFrame();
    for (long pfn : cached.keySet()) {
      mem.table(pfn)[0] = pfn + 1;
    }
    Map<FrameOwner, Long> owners = mem.pagesByOwner();
    long migrated = m.compaction().migrated();
    long isolated = m.compaction().isolated();
    long stalls = m.compaction().stall();

    boolean direct = r.nextBoolean();
    if (direct) {
      m.compactForOrder(9, true);
    } else {
      m.compactMemory();
    }

    assertEquals(owners, mem.pagesByOwner(), "frames lost or gained");
    long moved = m.compaction().migrated() - migrated;
    assertTrue(m.compaction().isolated() - isolated >= 2 * moved, "each move isolates two");
    assertEquals(
        m.compaction().stall(), m.compaction().success() + m.compaction().fail(), "stalls");
    assertTrue(m.compaction().stall() - stalls <= (direct ? 1 : 0));
    for (Process p : procs) {
      p.mm()
          .tables()
          .forEachPte(
              0,
              taskSize,
              LeafVisitor.of(
                  (va, pte) -> {
                    Entry e = before.get(p.pid() + ":" + va);
                    if (e != null) {
                      long pfn = X86Paging.pteToPfn(pte);
                      assertEquals(e.flags(), pte & ~Pte.PTE_ADDR_MASK, "flags at " + va);
                      assertEquals(e.marker(), mem.readLong(pfn << 12), "contents at " + va);
                      if (e.pinned()) {
                        assertEquals(e.marker(), pfn + 1, "a pinned page moved");
                      }
                    }
                    return pte;
                  },
                  HUGE_LEAVES_STAY));
    }
    Map<Long, Folio> after = m.pageCache().foliosByFrame();
    assertEquals(cached.size(), after.size());
    for (long pfn : after.keySet()) {
      assertTrue(cached.containsKey(mem.readLong(pfn << 12) - 1), "cached page lost its data");
    }
    m.checkInvariants();
  }
}
