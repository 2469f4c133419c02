package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.ForkCopy;
import dev.pagelab.sim.vm.Hstate;
import dev.pagelab.sim.vm.HugetlbPools;
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
 * Random workloads in which the three page sizes meet in the same processes: 4 KiB areas, THP areas
 * (faults under every {@code enabled} and {@code defrag} mode, splits by partial munmap, mprotect
 * and {@code MADV_DONTNEED}, the deferred split), hugetlb areas of 2 MiB and 1 GiB pages (pool
 * resizes, shared and private mappings, touches, partial unmaps), forks of all of them, fills that
 * scatter free memory (so that a THP fault falls back or compacts), and compaction (both {@code
 * compact_memory} and the direct compaction of a THP fault) moving the 4 KiB and THP pages around
 * the hugetlb pool; file mappings whose 2 MiB page-cache folios are mapped by PMD leaves (written
 * to, cut, forked and compacted like the rest). Every machine invariant holds after every step;
 * each fork copied exactly the huge entries its child then maps; once every process exits, no
 * anonymous frame, page table, THP, reservation or surplus page is left, and an emptied pool gives
 * every hugetlb frame back.
 */
class MixedHugePagesPropertiesTest {
  private static final long M2 = 2L << 20;
  private static final String FILE = "/data/f";
  private static final int FILES = 3;
  private static final String[] ENABLED = {"always", "madvise", "never"};
  private static final String[] DEFRAG = {"always", "defer", "defer+madvise", "madvise", "never"};

  @Property(tries = 15)
  void mixedPageSizesKeepEveryInvariant(
      @ForAll long seed, @ForAll @IntRange(min = 20, max = 70) int steps) throws Exception {
    Random r = new Random(seed);
    // A small machine fragments (THP faults then fall back or compact); a big one has 1 GiB pages.
    Machine m = new Machine(MachineConfig.DEFAULT.withRam(r.nextBoolean() ? 512L << 20 : 2L << 30));
    long initialFree = m.memory().freePages();
    java.util.Map<FrameOwner, Long> initialOwners = owners(m);
    m.sysctl("vm.nr_hugepages", Integer.toString(r.nextInt(24)));
    settings(m, r);
    settings(m, r);
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      step(m, procs, r);
      procs.removeIf(p -> !p.alive());
      m.checkInvariants();
    }
    for (Process p : procs) {
      m.exit(p, 0);
    }
    for (int f = 0; f < FILES; f++) {
      if (m.existingFile(FILE + f) != null) {
        m.unlink(FILE + f);
      }
    }
    m.checkInvariants();
    assertEquals(0, m.pageCache().filePmdMappedPages(), "file PMDs left");
    assertEquals(
        m.init().mm().rssAnon() + m.swapCacheUnmappedPages(),
        m.memory().pages(FrameOwner.ANON),
        "anonymous frames leaked");
    assertEquals(
        m.init().mm().tables().tableFrames(),
        m.memory().pages(FrameOwner.PAGE_TABLE),
        "tables leaked");
    assertEquals(0, m.thp().folios().size(), "THP folios left");
    for (Hstate h : m.hugetlbPools().all()) {
      assertEquals(0, h.resvHugePages(), h.name() + " reservations left");
      assertEquals(0, h.surplusHugePages(), h.name() + " surplus pages left");
      assertEquals(h.nrHugePages(), h.freeHugePages(), h.name() + " pages still in use");
    }
    m.sysctl("vm.nr_hugepages", "0");
    m.sysctl("hugepages.1048576kb.nr_hugepages", "0");
    m.checkInvariants();
    assertEquals(0, m.memory().pages(FrameOwner.HUGETLB), "hugetlb frames leaked");
    assertTrue(
        m.memory().freePages() + m.thp().hugeZeroPages() >= initialFree - 64,
        "frames lost: "
            + (initialFree - m.memory().freePages())
            + " "
            + initialOwners
            + " -> "
            + owners(m));
  }

  private static java.util.Map<FrameOwner, Long> owners(Machine m) {
    java.util.Map<FrameOwner, Long> map = new java.util.EnumMap<>(FrameOwner.class);
    for (FrameOwner o : FrameOwner.values()) {
      map.put(o, m.memory().pages(o));
    }
    return map;
  }

  private static void step(Machine m, List<Process> procs, Random r) throws Exception {
    if (procs.isEmpty() || r.nextInt(14) == 0) {
      Process p = m.spawn("x" + procs.size(), "/usr/bin/x");
      procs.add(p);
      mapAnon(m, p, r);
      return;
    }
    Process p = procs.get(r.nextInt(procs.size()));
    List<Vma> vmas = new ArrayList<>();
    List<Vma> big = new ArrayList<>();
    for (Vma v : p.mm().vmas()) {
      if (v.file() == null || v.hugetlb() != null || v.file().path().startsWith(FILE)) {
        vmas.add(v);
        if (v.length() >= M2) {
          big.add(v);
        }
      }
    }
    if (big.isEmpty() || r.nextInt(6) == 0) {
      big = vmas;
    }
    Vma v = big.get(r.nextInt(big.size()));
    try {
      switch (r.nextInt(18)) {
        case 0 -> {
          if (r.nextBoolean()) {
            mapAnon(m, p, r);
          } else {
            mapFile(m, p, r);
          }
        }
        case 1 -> mapHugetlb(m, p, r);
        case 2 -> pool(m, r);
        case 3 -> cut(m, p, v, r);
        case 4 -> fork(m, p, procs);
        case 5 -> settings(m, r);
        case 6 -> {
          if (r.nextBoolean()) {
            m.compactMemory();
          } else {
            m.splitDeferredThps();
          }
        }
        case 7 -> {
          if (r.nextInt(3) == 0) {
            m.exit(p, 0);
          } else {
            fragment(m, p, r);
          }
        }
        default -> touch(m, p, v, r);
      }
    } catch (SyscallException expected) {
      // ENOMEM from a short pool, EINVAL from a cut inside a hugetlb page: part of the workload.
    }
  }

  /** A 4 KiB-sized area or a multiple of 2 MiB (aligned), often madvised for THP. */
  private static void mapAnon(Machine m, Process p, Random r) throws SyscallException {
    long len = r.nextBoolean() ? (1 + r.nextInt(4)) * M2 : (1 + r.nextInt(1200)) << 12;
    long at = m.mmap(p, 0, len, Prot.RW, r.nextInt(8) == 0, false, null, 0);
    if (r.nextBoolean()) {
      m.madvise(p, at, len, Madvice.HUGEPAGE);
    }
  }

  /**
   * A whole file of 2 to 8 MiB, written first by one {@code pwrite} (so its page cache is 2 MiB
   * folios), mapped shared or private, read-only or writable: its faults map those folios by PMD.
   */
  private static void mapFile(Machine m, Process p, Random r) throws SyscallException {
    String path = FILE + r.nextInt(FILES);
    if (m.existingFile(path) == null) {
      m.write(path, 0, (1 + r.nextInt(4)) * M2);
    }
    long len = m.pageCache().size(m.existingFile(path));
    m.mmap(p, 0, len, r.nextBoolean() ? Prot.RW : Prot.R, r.nextBoolean(), false, path, 0);
  }

  /** A hugetlb area, shared or private: 1 to 4 pages of 2 MiB, or rarely one of 1 GiB. */
  private static void mapHugetlb(Machine m, Process p, Random r) throws SyscallException {
    boolean giga = r.nextInt(8) == 0;
    long size = giga ? HugetlbPools.SIZE_1G : HugetlbPools.SIZE_2M;
    long len = giga ? size : (1 + r.nextInt(4)) * size;
    m.mmapHugetlb(p, 0, len, Prot.RW, r.nextBoolean(), false, size);
  }

  private static void pool(Machine m, Random r) {
    switch (r.nextInt(4)) {
      case 0 -> m.sysctl("vm.nr_overcommit_hugepages", Integer.toString(r.nextInt(8)));
      case 1 -> m.sysctl("hugepages.1048576kb.nr_hugepages", Integer.toString(r.nextInt(2)));
      default -> m.sysctl("vm.nr_hugepages", Integer.toString(r.nextInt(32)));
    }
  }

  /** Part of an area: munmap, mprotect or MADV_DONTNEED at a 4 KiB or 2 MiB granularity. */
  private static void cut(Machine m, Process p, Vma v, Random r) throws SyscallException {
    long unit = r.nextBoolean() ? M2 : 4096;
    long from = v.start() + r.nextLong(Math.max(1, v.length() / unit)) * unit;
    long len = Math.min(v.end() - from, (1 + r.nextInt(600)) * 4096L);
    if (len <= 0) {
      return;
    }
    switch (r.nextInt(3)) {
      case 0 -> m.munmap(p, from, len);
      case 1 -> m.mprotect(p, from, len, r.nextBoolean() ? Prot.R : Prot.RW);
      default -> m.madvise(p, from, len, Madvice.DONTNEED);
    }
  }

  /**
   * Forks, and checks what the fork copied against what the child maps: each copied huge PMD is a
   * THP (with a deposited table) or a hugetlb page, each copied PUD a 1 GiB hugetlb page.
   */
  private static void fork(Machine m, Process p, List<Process> procs) throws SyscallException {
    Process child = m.fork(p);
    procs.add(child);
    ForkCopy c = child.mm().forkCopy();
    long thps = child.mm().tables().outsideTables(1);
    assertEquals(child.mm().tables().pgtablesBytes() >> 12, c.tables(), "tables: child's VmPTE");
    assertEquals(
        (c.pmds() - thps) * 512 + c.puds() * 512 * 512,
        child.mm().hugetlbPages(),
        "copied hugetlb leaves are the child's HugetlbPages");
    assertEquals(c.swapPtes(), child.mm().swapents(), "copied swap entries");
  }

  private static void settings(Machine m, Random r) {
    if (r.nextBoolean()) {
      m.sysctl("sys.kernel.mm.transparent_hugepage.enabled", ENABLED[r.nextInt(ENABLED.length)]);
    } else {
      m.sysctl("sys.kernel.mm.transparent_hugepage.defrag", DEFRAG[r.nextInt(DEFRAG.length)]);
    }
  }

  /**
   * Fills most of the free memory with 4 KiB pages written in a shuffled order and frees half of
   * them again, so that free memory is scattered: a THP fault then finds no free order-9 block.
   */
  private static void fragment(Machine m, Process p, Random r) throws SyscallException {
    long pages = m.memory().freePages() - 8192;
    if (pages > 160_000 || pages < 32_768) {
      return; // only on the small machine while it is mostly free: keep the test fast
    }
    long at = m.mmap(p, 0, pages << 12, Prot.RW, false, false, null, 0);
    m.madvise(p, at, pages << 12, Madvice.NOHUGEPAGE);
    int[] order = new int[(int) pages];
    for (int i = 0; i < order.length; i++) {
      int j = r.nextInt(i + 1);
      order[i] = order[j];
      order[j] = i;
    }
    for (int i = 0; i < order.length && p.alive(); i++) {
      m.access(p, at + ((long) order[i] << 12), AccessType.WRITE);
    }
    if (p.alive()) {
      m.madvise(p, at, (pages / 2) << 12, Madvice.DONTNEED);
    }
  }

  /** Reads or writes a few pages of one 2 MiB block of the area (or of a 1 GiB page). */
  private static void touch(Machine m, Process p, Vma v, Random r) {
    AccessType type = r.nextBoolean() ? AccessType.READ : AccessType.WRITE;
    long block = Math.max(v.start(), (v.start() + (r.nextLong(v.pages()) << 12)) & -M2);
    long end = Math.min(v.end(), block + M2);
    for (int i = 0; i < 16 && p.alive(); i++) {
      m.access(p, block + (r.nextLong((end - block) >>> 12) << 12), type);
    }
  }
}
