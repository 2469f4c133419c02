package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Random workloads mixing 4 KiB pages and THPs: faults in 2 MiB-aligned regions under every {@code
 * enabled} mode, huge zero pages, forks, partial and whole munmap, mprotect and {@code
 * MADV_DONTNEED} (PMD splits), {@code MADV_PAGEOUT}/{@code MADV_COLD}, reclaim of big regions, the
 * deferred split and exits, khugepaged passes on the clock (random {@code max_ptes_*} and {@code
 * pages_to_scan}), {@code MADV_COLLAPSE} and hugetlb areas. Every invariant holds after every step
 * (a THP owned once, its 512 frames counted once, entire map counts equal the PMDs, deposited
 * tables equal the huge PMDs), and once every process exits no anonymous frame or page table is
 * left.
 */
class ThpPropertiesTest {
  private static final long M2 = 2L << 20;
  private static final String[] MODES = {"always", "madvise", "never"};

  @Property(tries = 30)
  void thpWorkloadsKeepEveryInvariant(
      @ForAll long seed, @ForAll @IntRange(min = 20, max = 100) int steps) throws Exception {
    Machine machine = new Machine(MachineConfig.DEFAULT.withRam(512L << 20));
    machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "always");
    machine.sysctl(Machine.KHUGEPAGED_SYSFS + "scan_sleep_millisecs", "100");
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
    // Reclaim may have swapped init's pages out: what is left is init's and the swap cache's.
    assertEquals(
        machine.init().mm().rssAnon() + machine.swapCacheUnmappedPages(),
        machine.memory().pages(FrameOwner.ANON),
        "anonymous frames leaked");
    assertEquals(
        machine.init().mm().tables().tableFrames(),
        machine.memory().pages(FrameOwner.PAGE_TABLE),
        "tables leaked");
    assertEquals(0, machine.thp().folios().size(), "THP folios left");
  }

  private static void step(Machine m, List<Process> procs, Random r) throws Exception {
    if (procs.isEmpty() || r.nextInt(15) == 0) {
      Process p = m.spawn("t" + procs.size(), "/usr/bin/t");
      procs.add(p);
      m.mmap(p, 0, (1 + r.nextInt(4)) * M2, Prot.RW, false, false, null, 0);
      return;
    }
    Process p = procs.get(r.nextInt(procs.size()));
    List<Vma> anon = new ArrayList<>();
    List<Vma> big = new ArrayList<>();
    for (Vma v : p.mm().vmas()) {
      if (v.file() == null) {
        anon.add(v);
        if (v.length() >= M2) {
          big.add(v);
        }
      }
    }
    if (big.isEmpty() || r.nextInt(6) == 0) {
      big = anon;
    }
    Vma v = big.get(r.nextInt(big.size()));
    long from = v.start() + (r.nextLong(v.pages()) << 12);
    long len = Math.min(v.end() - from, (1 + r.nextLong(1024)) << 12);
    try {
      switch (r.nextInt(22)) {
        case 0, 1 -> map(m, p, r);
        case 2 -> m.munmap(p, from, len);
        case 3 -> m.mprotect(p, from, len, r.nextBoolean() ? Prot.R : Prot.RW);
        case 4 -> m.madvise(p, from, len, Madvice.DONTNEED);
        case 5 -> m.madvise(p, from, len, r.nextBoolean() ? Madvice.PAGEOUT : Madvice.COLD);
        case 6 -> m.madvise(p, from, len, r.nextBoolean() ? Madvice.HUGEPAGE : Madvice.NOHUGEPAGE);
        case 7 -> procs.add(m.fork(p));
        case 8 -> settings(m, p, r);
        case 9 -> {
          if (r.nextInt(3) == 0) {
            m.exit(p, 0);
          } else {
            m.splitDeferredThps();
          }
        }
        case 10 -> {
          if (r.nextInt(4) == 0) {
            pressure(m, p, r);
          }
        }
        case 16 -> m.madvise(p, from & -4096, len, Madvice.COLLAPSE);
        case 17, 19, 20, 21 -> {
          if (r.nextInt(4) != 0) {
            populateSmall(m, p, v, r);
          }
          khugepaged(m, r);
        }
        case 18 -> hugetlb(m, p, r);
        default -> touch(m, p, v, r);
      }
    } catch (SyscallException expected) {
      // Refusals are part of the workload; the invariants must hold either way.
    }
  }

  /** Sets a khugepaged knob at random and lets simulated time pass, so that passes run. */
  private static void khugepaged(Machine m, Random r) {
    String knob = KNOBS[r.nextInt(KNOBS.length)];
    int value = knob.equals("pages_to_scan") ? 1 + r.nextInt(8192) : r.nextInt(512);
    m.sysctl(Machine.KHUGEPAGED_SYSFS + knob, Integer.toString(value));
    m.advance((1 + r.nextInt(500)) * 1_000_000L);
  }

  /**
   * Writes most pages of one 2 MiB block of the area with 4 KiB faults (THP off meanwhile), then
   * collapses it with MADV_COLLAPSE or leaves it to khugepaged.
   */
  private static void populateSmall(Machine m, Process p, Vma v, Random r) throws SyscallException {
    String mode = m.thp().enabled().sysfsName();
    m.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "never");
    long block = Math.max(v.start(), (v.start() + (r.nextLong(v.pages()) << 12)) & -M2);
    long end = Math.min(v.end(), block + M2);
    for (long va = block; va < end && p.alive(); va += 4096) {
      if (r.nextInt(8) != 0) {
        m.access(p, va, r.nextInt(4) == 0 ? AccessType.READ : AccessType.WRITE);
      }
    }
    m.sysctl("sys.kernel.mm.transparent_hugepage.enabled", mode);
    if (p.alive() && r.nextBoolean()) {
      m.madvise(p, block, end - block, r.nextBoolean() ? Madvice.COLLAPSE : Madvice.HUGEPAGE);
    }
  }

  private static final String[] KNOBS = {
    "max_ptes_none", "max_ptes_swap", "max_ptes_shared", "pages_to_scan"
  };

  /** Grows the 2 MiB hugetlb pool a little and maps and touches a hugetlb area. */
  private static void hugetlb(Machine m, Process p, Random r) throws SyscallException {
    m.sysctl("vm.nr_hugepages", Integer.toString(r.nextInt(4)));
    long at = m.mmapHugetlb(p, 0, M2, Prot.RW, r.nextBoolean(), false, M2);
    m.access(p, at + (r.nextLong(512) << 12), AccessType.WRITE);
  }

  /** An anonymous region: a multiple of 2 MiB (so it is aligned) or any length. */
  private static void map(Machine m, Process p, Random r) throws SyscallException {
    long len = r.nextBoolean() ? (1 + r.nextInt(4)) * M2 : (1 + r.nextInt(1500)) << 12;
    long at = m.mmap(p, 0, len, Prot.RW, false, false, null, 0);
    if (r.nextBoolean()) {
      m.madvise(p, at, len, Madvice.HUGEPAGE);
    }
  }

  /** Switches the THP settings, or the process's PR_SET_THP_DISABLE. */
  private static void settings(Machine m, Process p, Random r) {
    switch (r.nextInt(3)) {
      case 0 -> m.sysctl("sys.kernel.mm.transparent_hugepage.enabled", MODES[r.nextInt(3)]);
      case 1 -> m.sysctl("sys.kernel.mm.transparent_hugepage.use_zero_page", "" + r.nextInt(2));
      default -> m.prctlThpDisable(p, r.nextInt(4) == 0);
    }
  }

  /**
   * Writes a big region so that reclaim runs and meets THPs (swap is on), then unmaps it, so that
   * pressure does not last (without a reverse map, pages shared after fork cannot be swapped and a
   * machine that stays short rescans them on every fault).
   */
  private static void pressure(Machine m, Process p, Random r) throws SyscallException {
    long len = (180 + r.nextInt(60)) * M2;
    long at = m.mmap(p, 0, len, Prot.RW, false, false, null, 0);
    for (long off = 0; off < len && p.alive(); off += r.nextBoolean() ? M2 : 4096) {
      m.access(p, at + off, AccessType.WRITE);
    }
    if (p.alive()) {
      m.munmap(p, at, len);
    }
  }

  /** Reads or writes pages of one 2 MiB block of the area (the first touch may take a THP). */
  private static void touch(Machine m, Process p, Vma v, Random r) {
    AccessType type = r.nextBoolean() ? AccessType.READ : AccessType.WRITE;
    long block = Math.max(v.start(), (v.start() + (r.nextLong(v.pages()) << 12)) & -M2);
    long end = Math.min(v.end(), block + M2);
    for (int i = 0; i < 24 && p.alive(); i++) {
      m.access(p, block + (r.nextLong((end - block) >>> 12) << 12), type);
    }
  }
}
