package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random anonymous and file workloads with forks inside a small memory cgroup, with and without
 * swap: after every step every invariant holds (members and their anonymous charge against a
 * recount), the group stays within {@code memory.max} plus what one fault may bring beyond the page
 * it charged (readahead, page tables), the OOM kills it counts are those of the machine, and a
 * process outside the group is never the victim.
 */
class MemcgPropertiesTest {
  private static final long MIB = 1L << 20;
  private static final String GROUP = "jail";
  private static final String[] FILES = {"/data/a", "/data/b"};

  @Property(tries = 4)
  void aLimitedGroupKeepsEveryInvariant(
      @ForAll long seed, @ForAll @IntRange(min = 8, max = 24) int steps, @ForAll boolean withSwap)
      throws SyscallException {
    Machine m = new Machine(PressureConfig.of(512 * MIB, withSwap ? 64 * MIB : 0));
    long limit = 48 * MIB / 4096;
    m.setMemoryMax(GROUP, limit);
    Process outsider = m.spawn("outsider", "/usr/bin/outsider");
    Random r = new Random(seed);
    List<Process> procs = new ArrayList<>();
    MemCgroup c = m.existingCgroup(GROUP);
    for (int i = 0; i < steps; i++) {
      boolean charged = step(m, procs, r);
      procs.removeIf(p -> !p.alive());
      m.checkInvariants();
      assertTrue(outsider.alive(), "a process outside the group was killed");
      long slack = 64 + c.members().size() * 8L;
      assertTrue(
          !charged || c.usagePages(m.pageCache(), Machine.STACK_PAGES) <= limit + slack,
          "memory.current " + c.usagePages(m.pageCache(), Machine.STACK_PAGES) + " > " + limit);
      assertEquals(m.counters().oomKill(), c.oomKills(), "every OOM kill was the group's");
    }
    for (Process p : procs) {
      m.exit(p, 0);
    }
    m.checkInvariants();
    assertTrue(c.members().isEmpty());
    assertEquals(0, c.anonPages() + c.pageTablePages());
  }

  /**
   * The same workloads plus writes charged to the group, under a random {@code memory.high}, {@code
   * memory.swap.max} and {@code memory.oom.group} and no {@code memory.max}: every invariant holds
   * (each folio charged to the group its set says), the group never meets an OOM killer of its own,
   * its swap never passes {@code memory.swap.max}, and its page cache is exactly the folios charged
   * to it.
   */
  @Property(tries = 4)
  void highSwapMaxAndOomGroupKeepEveryInvariant(
      @ForAll long seed,
      @ForAll @IntRange(min = 8, max = 20) int steps,
      @ForAll @IntRange(min = 8, max = 64) int highMib,
      @ForAll @IntRange(min = 0, max = 16) int swapMaxMib,
      @ForAll boolean oomGroup)
      throws SyscallException {
    Machine m = new Machine(PressureConfig.of(512 * MIB, 64 * MIB));
    m.setMemoryHigh(GROUP, highMib * MIB / 4096);
    m.setMemorySwapMax(GROUP, swapMaxMib * MIB / 4096);
    m.setMemoryOomGroup(GROUP, oomGroup);
    Random r = new Random(seed);
    List<Process> procs = new ArrayList<>();
    MemCgroup c = m.existingCgroup(GROUP);
    for (int i = 0; i < steps; i++) {
      long swappedBefore = m.swap().pswpout();
      if (r.nextInt(4) == 0) {
        m.writeInCgroup(GROUP, FILES[r.nextInt(FILES.length)], 0, (1 + r.nextInt(8)) * MIB);
      } else {
        step(m, procs, r);
      }
      procs.removeIf(p -> !p.alive());
      m.checkInvariants();
      assertEquals(0, c.event("oom") + c.event("max"), "memory.high never OOM-kills");
      // a swap-out charges below swap.max (plus one THP); a fork copies its entries beyond it
      assertTrue(
          m.swap().pswpout() == swappedBefore
              || c.swapPages() < c.swapMaxPages() + dev.pagelab.sim.vm.Thp.HPAGE_PMD_NR,
          "swap " + c.swapPages() + " > swap.max " + c.swapMaxPages());
      long charged = 0;
      for (String f : FILES) {
        if (m.existingFile(f) != null) {
          for (dev.pagelab.sim.cache.Folio folio : m.pageCache().folios(m.existingFile(f))) {
            charged += folio.memcg() == c.id() ? folio.pages() : 0;
          }
        }
      }
      assertTrue(charged <= c.filePages(m.pageCache()), "folios of the data files are charged");
    }
  }

  /**
   * One random step; true if it ended with a fault that a live member charged (after a fork the
   * group may be over its limit until the next charge: see {@link MemCgroup}).
   */
  private static boolean step(Machine m, List<Process> procs, Random r) throws SyscallException {
    try {
      switch (r.nextInt(6)) {
        case 0 -> {
          if (!procs.isEmpty()) {
            Process p = procs.get(r.nextInt(procs.size()));
            long len = (1 + r.nextInt(16)) * MIB;
            String path = FILES[r.nextInt(FILES.length)];
            long at = m.mmap(p, 0, len, Prot.R, false, false, path, 0);
            touch(m, p, at, len, AccessType.READ);
            if (p.alive() && r.nextBoolean()) {
              m.munmap(p, at, len);
            }
          }
        }
        case 1 -> {
          if (!procs.isEmpty()) {
            Process p = procs.get(r.nextInt(procs.size()));
            if (r.nextBoolean() && procs.size() < 4) {
              Process child = m.fork(p);
              procs.add(child);
              touch(m, child, child.mm().brk() - 4096, 4096, AccessType.WRITE);
            } else {
              m.exit(p, 0);
            }
          }
        }
        default -> {
          if (procs.size() < 4) {
            Process p = m.spawn("p" + procs.size(), "/usr/bin/p");
            m.joinCgroup(p, GROUP);
            procs.add(p);
          }
          Process p = procs.get(r.nextInt(procs.size()));
          if (p.alive()) {
            long len = (1 + r.nextInt(40)) * MIB;
            long at = m.mmap(p, 0, len, Prot.RW, false, false, null, 0);
            touch(m, p, at, len, AccessType.WRITE);
            return p.alive();
          }
        }
      }
    } catch (SyscallException expected) {
      // ENOMEM and ENOENT are part of the workload; the invariants must hold either way.
    }
    return false;
  }

  private static void touch(Machine m, Process p, long at, long len, AccessType type) {
    for (long off = 0; off < len && p.alive(); off += 4096) {
      m.access(p, at + off, type);
    }
  }
}
