package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.oom.Task;
import dev.pagelab.sim.phys.BuddyAllocator;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.phys.ZoneRange;
import dev.pagelab.sim.proc.BuddyinfoFormat;
import dev.pagelab.sim.proc.MapsLine;
import dev.pagelab.sim.proc.MeminfoFormat;
import dev.pagelab.sim.proc.MeminfoFormat.Field;
import dev.pagelab.sim.proc.PidStat;
import dev.pagelab.sim.proc.PidStatus;
import dev.pagelab.sim.proc.ProcPidFormat;
import dev.pagelab.sim.proc.RunState;
import dev.pagelab.sim.proc.VmstatFormat;
import dev.pagelab.sim.reclaim.Vmscan;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.tools.PsRow;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.Hstate;
import dev.pagelab.sim.vm.RssStat;
import dev.pagelab.sim.vm.Thp;
import dev.pagelab.sim.vm.Vma;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /proc} files of a machine: the values derived from its state as the kernel derives
 * them ({@code fs/proc/meminfo.c}, {@code mm/vmstat.c}, {@code fs/proc/array.c}, {@code
 * fs/proc/task_mmu.c}, {@code fs/proc/base.c}), printed by the formatters of {@code
 * dev.pagelab.sim.proc}.
 */
public final class ProcFs {
  private static final long USER_HZ = 100;

  private ProcFs() {}

  // ---------------------------------------------------------------- /proc/meminfo

  /** {@code /proc/meminfo} as the kernel prints it. */
  public static String meminfo(Machine m) {
    return MeminfoFormat.format(meminfoValues(m));
  }

  /** The meminfo fields by name (kB, or pages for the HugePages_ counts), in the kernel's order. */
  public static Map<String, Long> meminfoFields(Machine m) {
    Map<String, Long> fields = new LinkedHashMap<>();
    MeminfoFormat.Meminfo values = meminfoValues(m);
    for (Field f : Field.values()) {
      fields.put(f.label(), values.get(f));
    }
    return fields;
  }

  /** MemTotal in kB. */
  public static long memTotalKb(Machine m) {
    return m.memory().managedPages() * 4;
  }

  /** Every meminfo value, derived as {@code meminfo_proc_show} derives it. */
  public static MeminfoFormat.Meminfo meminfoValues(Machine m) {
    PhysicalMemory mem = m.memory();
    KernelBaseline base = m.baseline();
    PageCache cache = m.pageCache();
    long file = cache.filePages();
    long shmem = cache.shmemPages();
    long activeFile = cache.activeFilePages();
    long inactiveFile = cache.inactiveFilePages();
    long anon = mem.pages(FrameOwner.ANON);
    long swapPages = swapPages(m);
    long sreclaimable = m.slabReclaimablePages();
    EnumMap<Field, Long> v = new EnumMap<>(Field.class);
    for (Field f : Field.values()) {
      v.put(f, 0L);
    }
    v.put(Field.MEM_TOTAL, kb(mem.managedPages()));
    v.put(Field.MEM_FREE, kb(mem.freePages()));
    v.put(Field.MEM_AVAILABLE, kb(m.memAvailablePages()));
    v.put(Field.BUFFERS, kb(cache.bufferPages()));
    v.put(Field.CACHED, kb(file + shmem));
    long activeAnon = m.anonLru().activePages();
    long inactiveAnon = m.anonLru().inactivePages() + shmem;
    v.put(Field.ACTIVE, kb(activeAnon + activeFile));
    v.put(Field.INACTIVE, kb(inactiveAnon + inactiveFile));
    v.put(Field.ACTIVE_ANON, kb(activeAnon));
    v.put(Field.INACTIVE_ANON, kb(inactiveAnon));
    v.put(Field.ACTIVE_FILE, kb(activeFile));
    v.put(Field.INACTIVE_FILE, kb(inactiveFile));
    v.put(Field.DIRTY, kb(cache.dirtyPages()));
    v.put(Field.WRITEBACK, kb(cache.writebackPages()));
    v.put(Field.SWAP_TOTAL, kb(swapPages));
    v.put(Field.SWAP_FREE, kb(swapPages - swapUsed(m)));
    v.put(Field.ANON_PAGES, kb(anon - m.swapCacheUnmappedPages() - m.thp().unmappedPages()));
    v.put(Field.ANON_HUGE_PAGES, kb(m.thp().nrAnonThps() * Thp.HPAGE_PMD_NR));
    v.put(Field.FILE_HUGE_PAGES, kb(cache.pmdFolioPages()));
    v.put(Field.FILE_PMD_MAPPED, kb(cache.filePmdMappedPages()));
    v.put(Field.SWAP_CACHED, kb(m.swap() == null ? 0 : m.swap().cachedPages()));
    v.put(Field.MAPPED, kb(m.pageCache().mappedPages()));
    v.put(Field.SHMEM, kb(shmem));
    v.put(Field.K_RECLAIMABLE, kb(sreclaimable));
    v.put(Field.SLAB, kb(sreclaimable) + base.slabUnreclaimableKb());
    v.put(Field.S_RECLAIMABLE, kb(sreclaimable));
    v.put(Field.S_UNRECLAIM, base.slabUnreclaimableKb());
    v.put(Field.KERNEL_STACK, base.kernelStackKb() + kb(m.kernelStackPages()));
    v.put(Field.PAGE_TABLES, kb(mem.pages(FrameOwner.PAGE_TABLE)));
    v.put(Field.COMMIT_LIMIT, kb(m.commitLimitPages()));
    v.put(Field.COMMITTED_AS, kb(m.committedPages()));
    v.put(
        Field.VMALLOC_TOTAL,
        m.config().pagingMode() == PagingMode.FIVE_LEVEL ? 13_743_895_347_199L : 34_359_738_367L);
    v.put(Field.VMALLOC_USED, base.vmallocUsedKb());
    v.put(Field.PERCPU, base.percpuKb());
    Hstate h = m.hugetlbPools().defaultHstate();
    v.put(Field.HUGEPAGES_TOTAL, h.nrHugePages());
    v.put(Field.HUGEPAGES_FREE, h.freeHugePages());
    v.put(Field.HUGEPAGES_RSVD, h.resvHugePages());
    v.put(Field.HUGEPAGES_SURP, h.surplusHugePages());
    v.put(Field.HUGEPAGESIZE, h.pageSize() >> 10);
    v.put(Field.HUGETLB, m.hugetlbPools().hugetlbKb());
    long ramKb = m.config().ramBytes() >>> 10;
    v.put(Field.DIRECT_MAP_4K, 28_672L);
    v.put(Field.DIRECT_MAP_2M, (2L << 20) - 28_672L);
    v.put(Field.DIRECT_MAP_1G, (ramKb + (1L << 20) - 1) / (1L << 20) * (1L << 20));
    return new MeminfoFormat.Meminfo(v);
  }

  private static long swapPages(Machine m) {
    return m.swapPages();
  }

  /** Swap slots in use, in pages. */
  private static long swapUsed(Machine m) {
    return m.swap() == null ? 0 : m.swap().usedPages();
  }

  private static long kb(long pages) {
    return pages * 4;
  }

  // ---------------------------------------------------------------- /proc/vmstat, buddyinfo, swaps

  /** The vmstat counters this simulator keeps, by name. */
  public static Map<String, Long> vmstatFields(Machine m) {
    PhysicalMemory mem = m.memory();
    PageCache cache = m.pageCache();
    long anon = mem.pages(FrameOwner.ANON);
    long shmem = cache.shmemPages();
    long activeFile = cache.activeFilePages();
    long inactiveFile = cache.inactiveFilePages();
    Writeback.Limits limits = m.writeback().limits(m);
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("nr_free_pages", mem.freePages());
    c.put("nr_zone_inactive_anon", m.anonLru().inactivePages() + shmem);
    c.put("nr_zone_active_anon", m.anonLru().activePages());
    c.put("nr_zone_inactive_file", inactiveFile);
    c.put("nr_zone_active_file", activeFile);
    long swapCached = m.swap() == null ? 0 : m.swap().cachedPages();
    c.put("nr_inactive_anon", m.anonLru().inactivePages() + shmem);
    c.put("nr_active_anon", m.anonLru().activePages());
    c.put("nr_inactive_file", inactiveFile);
    c.put("nr_active_file", activeFile);
    c.put("nr_slab_reclaimable", m.slabReclaimablePages());
    c.put("nr_anon_pages", anon - m.swapCacheUnmappedPages() - m.thp().unmappedPages());
    c.put("nr_anon_transparent_hugepages", m.thp().nrAnonThps());
    c.put("nr_swapcached", swapCached);
    c.put("nr_mapped", cache.mappedPages());
    c.put("nr_file_pages", cache.filePages() + shmem + cache.bufferPages() + swapCached);
    c.put("nr_dirty", cache.dirtyPages());
    c.put("nr_writeback", cache.writebackPages());
    c.put("nr_shmem", shmem);
    c.put("nr_kernel_stack", m.baseline().kernelStackKb() + kb(m.kernelStackPages()));
    c.put("nr_page_table_pages", mem.pages(FrameOwner.PAGE_TABLE));
    c.put("nr_hugetlb", m.hugetlbPools().inUseBasePages());
    c.put("nr_dirty_threshold", limits.thresholdPages());
    c.put("nr_dirty_background_threshold", limits.backgroundPages());
    long swapIn = m.swap() == null ? 0 : m.swap().pswpin();
    long swapOut = m.swap() == null ? 0 : m.swap().pswpout();
    // submit_bio counts every block read and write, swap I/O included, in pgpgin/pgpgout.
    c.put("pgpgin", kb(cache.pagesReadIn() + swapIn));
    c.put("pgpgout", kb(cache.pagesWrittenOut() + swapOut));
    c.put("pswpin", m.swap() == null ? 0 : m.swap().pswpin());
    c.put("pswpout", m.swap() == null ? 0 : m.swap().pswpout());
    c.put("swpin_zero", m.swap() == null ? 0 : m.swap().swpinZero());
    c.put("swpout_zero", m.swap() == null ? 0 : m.swap().swpoutZero());
    c.put("pgalloc_dma", mem.allocations(0));
    c.put("pgalloc_dma32", mem.zoneRanges().size() > 1 ? mem.allocations(1) : 0L);
    c.put("pgalloc_normal", mem.zoneRanges().size() > 2 ? mem.allocations(2) : 0L);
    c.put("pgfree", mem.frees());
    Vmscan scan = m.vmscan();
    c.put("pgsteal_kswapd", scan.pgstealKswapd());
    c.put("pgsteal_direct", scan.pgstealDirect());
    c.put("pgscan_kswapd", scan.pgscanKswapd());
    c.put("pgscan_direct", scan.pgscanDirect());
    c.put("pgscan_anon", scan.pgscanAnon());
    c.put("pgscan_file", scan.pgscanFile());
    c.put("pgsteal_anon", scan.pgstealAnon());
    c.put("pgsteal_file", scan.pgstealFile());
    c.put("pageoutrun", scan.kswapdWakeups());
    c.put("pgmigrate_success", m.compaction().migrated());
    c.put("compact_migrate_scanned", m.compaction().migrateScanned());
    c.put("compact_free_scanned", m.compaction().freeScanned());
    c.put("compact_isolated", m.compaction().isolated());
    c.put("compact_stall", m.compaction().stall());
    c.put("compact_fail", m.compaction().fail());
    c.put("compact_success", m.compaction().success());
    c.put("pgfault", m.counters().pgfault());
    c.put("pgmajfault", m.counters().pgmajfault());
    c.put("oom_kill", m.counters().oomKill());
    c.putAll(m.thp().vmstat());
    c.put("thp_file_mapped", m.pageCache().thpFileMapped());
    return c;
  }

  /** {@code /proc/vmstat}: the counters above, in the kernel's order. */
  public static String vmstat(Machine m) {
    return VmstatFormat.formatInKernelOrder(vmstatFields(m));
  }

  /** {@code /proc/buddyinfo}: free blocks per order and zone ({@code frag_show_print}). */
  public static String buddyinfo(Machine m) {
    return BuddyinfoFormat.format(buddyinfoZones(m));
  }

  /** The free blocks of each order in each zone, lowest zone first. */
  public static List<BuddyinfoFormat.Zone> buddyinfoZones(Machine m) {
    List<BuddyinfoFormat.Zone> zones = new ArrayList<>();
    List<ZoneRange> ranges = m.memory().zoneRanges();
    for (int i = 0; i < ranges.size(); i++) {
      BuddyAllocator zone = m.memory().zone(i);
      zones.add(new BuddyinfoFormat.Zone(0, ranges.get(i).name(), zone.freeBlocksPerOrder()));
    }
    return zones;
  }

  /** {@code /proc/swaps} ({@code swap_show}): one swap file when swap is configured. */
  public static String swaps(Machine m) {
    StringBuilder sb = new StringBuilder("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
    long pages = swapPages(m);
    if (pages > 0) {
      sb.append(
          String.format(
              "%-40s%s\t%d\t\t%d\t\t%d%n", "/swapfile", "file", kb(pages), kb(swapUsed(m)), -2));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- /proc/<pid>/...

  /** {@code /proc/<pid>/maps}, with the {@code [vsyscall]} line the kernel adds. */
  public static String maps(Process p) {
    List<MapsLine> lines = new ArrayList<>();
    AddressSpace mm = p.mm();
    for (Vma v : mm.vmas()) {
      MappedFile f = v.file();
      String name = f != null ? f.path() : displayName(mm, v);
      // MAP_HUGETLB maps an unlinked file of the kernel's internal hugetlbfs mount.
      name = v.hugetlb() != null ? "/anon_hugepage (deleted)" : name;
      lines.add(
          new MapsLine(
              v.start(),
              v.end(),
              v.prot().read(),
              v.prot().write(),
              v.prot().exec(),
              v.shared(),
              f == null ? 0 : v.pgoff() << 12,
              f == null ? 0 : f.devMajor(),
              f == null ? 0 : f.devMinor(),
              f == null ? 0 : f.inode(),
              name));
    }
    lines.add(
        new MapsLine(
            0xffffffffff600000L,
            0xffffffffff601000L,
            false,
            false,
            true,
            false,
            0,
            0,
            0,
            0,
            "[vsyscall]"));
    return ProcPidFormat.formatMaps(lines);
  }

  /**
   * The name maps shows for an area with no file: {@code [heap]} over the brk range, or its own.
   */
  private static String displayName(AddressSpace mm, Vma v) {
    if (Long.compareUnsigned(v.start(), mm.brk()) <= 0
        && Long.compareUnsigned(v.end(), mm.startBrk()) >= 0
        && !v.growsDown()) {
      return "[heap]";
    }
    return v.name();
  }

  /** {@code /proc/<pid>/status}. */
  public static String status(Machine m, Process p) {
    AddressSpace mm = p.mm();
    PidStatus.Head head =
        new PidStatus.Head(
            p.comm(),
            0022,
            RunState.SLEEPING,
            p.pid(),
            0,
            p.pid(),
            p.ppid(),
            0,
            List.of(0, 0, 0, 0),
            List.of(0, 0, 0, 0),
            64,
            List.of(0),
            List.of(p.pid()),
            List.of(p.pid()),
            List.of(p.pid()),
            List.of(p.pid()),
            false);
    long execKb = kb(mm.execVm());
    long exeKb = Math.min(4, execKb);
    PidStatus.Mem mem =
        new PidStatus.Mem(
            kb(mm.hiwaterVm()),
            kb(mm.totalVm()),
            0,
            0,
            kb(mm.hiwaterRss()),
            kb(mm.rss()),
            kb(mm.rssAnon()),
            kb(mm.rssFile()),
            kb(mm.rssShmem()),
            kb(mm.dataVm()),
            kb(mm.stackVm()),
            exeKb,
            execKb - exeKb,
            mm.tables().pgtablesBytes() / 1024,
            kb(mm.swapents()),
            kb(mm.hugetlbPages()),
            false,
            !mm.thpDisabled(),
            0xffffffffffffffffL);
    return ProcPidFormat.formatStatus(
        new PidStatus(head, Optional.of(mem), PidStatus.Tail.truthMachineDefaults(1, 0)));
  }

  /**
   * {@code /proc/<pid>/smaps_rollup} ({@code show_smaps_rollup} in fs/proc/task_mmu.c): the {@code
   * [rollup]} line over the first and last VMA, then the sums in kB. The simulator prints the lines
   * it keeps exactly: Rss, Anonymous, AnonHugePages and Swap (the proportional and shared/private
   * splits are not computed).
   */
  public static String smapsRollup(Process p) {
    AddressSpace mm = p.mm();
    long first = mm.vmas().isEmpty() ? 0 : mm.vmas().iterator().next().start();
    long last = 0;
    for (Vma v : mm.vmas()) {
      last = v.end();
    }
    StringBuilder sb = new StringBuilder();
    // show_vma_header_prefix, then seq_pad to 25 + 6 * sizeof(void *) - 1 columns and a space.
    String prefix = String.format("%08x-%08x ---p %08x %02x:%02x %d ", first, last, 0, 0, 0, 0);
    sb.append(String.format("%-72s [rollup]%n", prefix));
    smapsLine(sb, "Rss", kb(mm.rss()));
    smapsLine(sb, "Anonymous", kb(mm.rssAnon()));
    smapsLine(sb, "AnonHugePages", kb(mm.anonHugePages()));
    smapsLine(sb, "Swap", kb(mm.swapents()));
    return sb.toString();
  }

  /** {@code SEQ_PUT_DEC}: the name, a colon, padded to 16 columns, the value in 8, " kB". */
  private static void smapsLine(StringBuilder sb, String name, long kb) {
    sb.append(String.format("%-16s%8d kB%n", name + ":", kb));
  }

  /** {@code /proc/<pid>/stat}. */
  public static String stat(Machine m, Process p) {
    AddressSpace mm = p.mm();
    PidStat stat =
        PidStat.userProcess(p.pid(), p.comm(), RunState.SLEEPING, p.ppid())
            .with(PidStat.Field.MINFLT, p.minFlt())
            .with(PidStat.Field.MAJFLT, p.majFlt())
            .with(PidStat.Field.STARTTIME, p.startNanos() / (1_000_000_000L / USER_HZ))
            .with(PidStat.Field.VSIZE, mm.totalVm() << 12)
            .with(
                PidStat.Field.RSS, mm.mmRss()) // do_task_stat: get_mm_rss, per-CPU deltas left out
            .with(PidStat.Field.START_BRK, mm.startBrk());
    return ProcPidFormat.formatStat(stat);
  }

  /** {@code /proc/<pid>/statm}: size resident shared text lib data dt, in pages. */
  public static String statm(Process p) {
    AddressSpace mm = p.mm();
    long text = Math.min(1, mm.execVm());
    return String.format(
        "%d %d %d %d 0 %d 0%n",
        mm.totalVm(), mm.rss(), mm.rssFile() + mm.rssShmem(), text, mm.dataVm() + mm.stackVm());
  }

  /**
   * {@code /proc/<pid>/oom_score}: {@code proc_oom_score} over {@code oom_badness}, with totalpages
   * = RAM + swap, as the machine's OOM policy computes it.
   */
  public static long oomScore(Machine m, Process p) {
    return m.oomPolicy().oomScore(oomTask(p).oomTask(), m.memory().managedPages(), m.swapPages());
  }

  /**
   * A process as the OOM killer sees it: {@code oom_badness}, {@code dump_task} and the kill line
   * read the page counters with {@code get_mm_counter}, so the deltas still held per CPU are left
   * out ({@code AddressSpace.mmCounter}); {@code mm_pgtables_bytes} is exact.
   */
  public static Task oomTask(Process p) {
    AddressSpace mm = p.mm();
    return Task.user(
        p.pid(),
        p.comm(),
        mm.mmCounter(RssStat.MM_ANONPAGES),
        mm.mmCounter(RssStat.MM_FILEPAGES),
        mm.mmCounter(RssStat.MM_SHMEMPAGES),
        mm.mmCounter(RssStat.MM_SWAPENTS),
        mm.tables().pgtablesBytes(),
        mm.totalVm(),
        p.oomScoreAdj());
  }

  /** One row of {@code ps}. */
  public static PsRow psRow(Machine m, Process p) {
    AddressSpace mm = p.mm();
    return PsRow.of(
            p.pid(), p.ppid(), p.comm(), kb(mm.totalVm()), kb(mm.rss()), p.majFlt(), p.minFlt())
        .withArgs(p.exe())
        .withElapsedSeconds((m.nanos() - p.startNanos()) / 1_000_000_000L);
  }
}
