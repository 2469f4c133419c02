package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.cache.PageCache;
import dev.pagelab.sim.cache.Readahead;
import dev.pagelab.sim.fault.DemandPaging;
import dev.pagelab.sim.khugepaged.Khugepaged;
import dev.pagelab.sim.khugepaged.KhugepagedEvent;
import dev.pagelab.sim.khugepaged.KhugepagedSettings;
import dev.pagelab.sim.khugepaged.MadviseCollapseResult;
import dev.pagelab.sim.khugepaged.SysfsWriteException;
import dev.pagelab.sim.khugepaged.ThpEnabled;
import dev.pagelab.sim.khugepaged.VmEvents;
import dev.pagelab.sim.khugepaged.WakeReport;
import dev.pagelab.sim.oom.GfpMask;
import dev.pagelab.sim.oom.MemInfoSummary;
import dev.pagelab.sim.oom.Memcg;
import dev.pagelab.sim.oom.OomKiller;
import dev.pagelab.sim.oom.OomOutcome;
import dev.pagelab.sim.oom.OomReport;
import dev.pagelab.sim.oom.OomRequest;
import dev.pagelab.sim.oom.OomSysctls;
import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.oom.Task;
import dev.pagelab.sim.paging.Mmu;
import dev.pagelab.sim.paging.ReferenceWalker;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.BuddyAllocator;
import dev.pagelab.sim.phys.Compaction;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.MemAvailable;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.phys.Watermarks;
import dev.pagelab.sim.phys.ZoneLayout;
import dev.pagelab.sim.phys.ZoneRange;
import dev.pagelab.sim.reclaim.Vmscan;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.FaultHandler;
import dev.pagelab.sim.spi.FaultOutcome;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.AnonLru;
import dev.pagelab.sim.vm.Cpus;
import dev.pagelab.sim.vm.Errno;
import dev.pagelab.sim.vm.Hstate;
import dev.pagelab.sim.vm.HugetlbFault;
import dev.pagelab.sim.vm.HugetlbPools;
import dev.pagelab.sim.vm.Layout;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.Rmap;
import dev.pagelab.sim.vm.SwapDevice;
import dev.pagelab.sim.vm.SyscallException;
import dev.pagelab.sim.vm.Thp;
import dev.pagelab.sim.vm.Vma;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A simulated Linux machine: RAM, the processes, the clock and the kernel log. Build it, spawn
 * processes, map memory and touch it; read what {@code /proc}, {@code free} and {@code ps} would
 * show.
 *
 * <p>The page-table walk and the page-fault handler are pluggable ({@link PageTableWalker}, {@link
 * FaultHandler}), so an exercise can run the whole machine on a student's code.
 */
public final class Machine {
  /** {@code SIGKILL}. */
  public static final int SIGKILL = 9;

  /** {@code SIGSEGV}. */
  public static final int SIGSEGV = 11;

  /** Bus error: a hugetlb fault that found no huge page ({@code VM_FAULT_SIGBUS}). */
  public static final int SIGBUS = 7;

  private static final int THREAD_SIZE_ORDER = 2;

  /** A process's kernel stack in pages ({@code THREAD_SIZE}, 16 KiB). */
  public static final long STACK_PAGES = 1L << THREAD_SIZE_ORDER;

  private static final int MAX_RETRIES = 3;

  /**
   * {@code MAX_RECLAIM_RETRIES} ({@code mm/internal.h}): reclaim rounds an allocation tries before
   * the OOM killer is called.
   */
  private static final int MAX_RECLAIM_RETRIES = 16;

  /**
   * The flags of the allocation a fault makes: a new anonymous folio is {@code
   * GFP_HIGHUSER_MOVABLE|__GFP_ZERO} ({@code vma_alloc_zeroed_movable_folio}), a page-cache folio
   * {@code GFP_HIGHUSER_MOVABLE} ({@code filemap_fault}), a copy-on-write copy {@code
   * GFP_HIGHUSER_MOVABLE}; folios add {@code __GFP_COMP}.
   */
  private static GfpMask faultGfp(AddressSpace mm, long va) {
    Vma v = mm.vmaAt(va);
    boolean present = X86Paging.isPresent(mm.readPte(va));
    if (v != null && v.file() != null && !present) {
      return GFP_USER;
    }
    int zero = v != null && v.file() == null && !present ? GFP_ZERO : 0;
    return new GfpMask(GFP_USER.value() | GfpMask.GFP_COMP_BIT | zero);
  }

  /** The file a fault at {@code va} maps, or null for anonymous memory. */
  private static MappedFile faultingFile(AddressSpace mm, long va) {
    Vma v = mm.vmaAt(va);
    return v == null ? null : v.file();
  }

  /**
   * The simulated CPU time of one resolved page fault, or of putting one page into the cache on a
   * write: about 1 µs, as a first-touch 4 KiB write fault takes on the course machine ({@code
   * truth/faults/anon_faults.tsv}: 256 faults in 0.30 ms).
   */
  private static final long FAULT_CPU_NANOS = 1_000;

  /** {@code __GFP_ZERO}. */
  private static final int GFP_ZERO = 0x100;

  /**
   * {@code THREADINFO_GFP} ({@code kernel/fork.c}) and {@code GFP_PGTABLE_USER} ({@code
   * include/asm-generic/pgalloc.h}): {@code GFP_KERNEL_ACCOUNT | __GFP_ZERO}, the flags of a kernel
   * stack and of a new process's page tables.
   */
  private static final GfpMask GFP_KERNEL_ACCOUNT_ZERO =
      new GfpMask(GfpMask.GFP_KERNEL.value() | 0x400000 | GFP_ZERO);

  /**
   * A buffered write goes into the cache 2 MiB at a time, at 2 MiB boundaries (so the folio sizes
   * are those of one big write), with kswapd's check between the pieces.
   */
  private static final long WRITE_CHUNK = 2L << 20;

  /** A user page fault's allocation: {@code GFP_HIGHUSER_MOVABLE}, order 0. */
  private static final GfpMask GFP_USER = GfpMask.GFP_HIGHUSER_MOVABLE;

  /** {@code vm.user_reserve_kbytes}: 128 MiB. */
  private static final long USER_RESERVE_KBYTES = 128L << 10;

  /** The first pid a scenario's process gets (pid 1 is init). */
  public static final int FIRST_USER_PID = 1000;

  private final MachineConfig config;
  private final Cpus cpus;
  private final PhysicalMemory memory;
  private final Compaction compaction;
  private final PageCache cache;
  private final Vmscan vmscan;
  private final SwapDevice swap;
  private int pageCluster = 3;
  private final AnonLru anonLru = new AnonLru();
  private final Rmap rmap = new Rmap();
  private final Thp thp;
  private final Khugepaged khugepaged;
  private final Collapser collapser = new Collapser(this);

  /**
   * Direct compaction for a THP fault that may stall ({@code __alloc_pages_direct_compact}): true
   * if it made a block of the order free. It runs {@link #compactForOrder} for the order.
   */
  java.util.function.IntPredicate directCompaction = order -> compactForOrder(order, true);

  private final Mmu mmu;
  private final FaultHandler faultHandler;
  private final OomPolicy oomPolicy;
  private final KernelLog log = new KernelLog();
  private final TreeMap<Integer, Process> processes = new TreeMap<>();
  private final Map<Integer, Long> kernelStacks = new HashMap<>();
  private final Map<String, MappedFile> files = new HashMap<>();
  private final Counters counters = new Counters();
  private final long zeroPfn;
  private final ZoneLayout layout;
  private final Watermarks watermarks;
  private final KernelBaseline baseline;
  private final HugetlbPools hugetlb;
  private long nanos;
  private int overcommitMemory;
  private int overcommitRatio;
  private long overcommitKbytes;
  private int nextPid;
  private final Process init;
  private long nextInode = 131_073;
  private final Writeback writeback = new Writeback();
  private long ioWaitNanos;
  private long taskCpuNanos;
  private OomSysctls oomSysctls = OomSysctls.DEFAULT;
  private final Map<String, MemCgroup> cgroups = new LinkedHashMap<>();
  private final Map<Integer, MemCgroup> memcgOf = new HashMap<>();
  private final List<MemCgroup> cgroupsById = new ArrayList<>();
  private int shellMemcg;
  private boolean memcgLowReclaim;
  private boolean memcgLowSkipped;

  /** System-wide event counters of {@code /proc/vmstat}. */
  public static final class Counters {
    private long pgfault;
    private long pgmajfault;
    private long oomKill;

    private long oomKillWhileReclaimable;

    /**
     * OOM kills made while the page cache still held folios reclaim could free; an invariant keeps
     * it 0.
     */
    public long oomKillWhileReclaimable() {
      return oomKillWhileReclaimable;
    }

    /** Processes the OOM killer killed ({@code oom_kill}). */
    public long oomKill() {
      return oomKill;
    }

    /** Every fault the handler resolved ({@code pgfault}). */
    public long pgfault() {
      return pgfault;
    }

    /** Faults that read from disk ({@code pgmajfault}). */
    public long pgmajfault() {
      return pgmajfault;
    }
  }

  /** A machine with the reference walker and fault handler. */
  public Machine(MachineConfig config) {
    this(config, new ReferenceWalker(), new DemandPaging());
  }

  /** A machine that walks page tables and handles faults with the given implementations. */
  public Machine(MachineConfig config, PageTableWalker walker, FaultHandler faultHandler) {
    this(config, walker, faultHandler, ReferenceOomPolicy.INSTANCE);
  }

  /** A machine whose OOM killer also scores and chooses with the given policy. */
  public Machine(
      MachineConfig config,
      PageTableWalker walker,
      FaultHandler faultHandler,
      OomPolicy oomPolicy) {
    this.oomPolicy = java.util.Objects.requireNonNull(oomPolicy, "oomPolicy");
    this.config = config;
    this.cpus = new Cpus(config.cpus());
    this.layout = ZoneLayout.x86_64(config.ramBytes());
    this.watermarks =
        Watermarks.compute(
            layout,
            new Watermarks.Settings(
                config.watermarkScaleFactor(),
                !config.thpEnabled().equals("never"),
                config.minFreeKbytes(),
                Watermarks.DEFAULT_LOWMEM_RESERVE_RATIO));
    this.memory = new PhysicalMemory(zoneRanges(layout));
    this.hugetlb = new HugetlbPools(memory);
    for (int i = 0; i < memory.zoneRanges().size(); i++) {
      ZoneLayout.ZoneType type = ZoneLayout.ZoneType.values()[i];
      memory.setZoneMinFree(i, watermarks.zone(type).min());
    }
    this.compaction = new Compaction(memory);
    this.cache = new PageCache(memory);
    cache.setRmap(rmap);
    cache.setClock(() -> nanos + ioWaitNanos);
    long swapSlots = config.swapBytes() >>> 12;
    this.swap = swapSlots > 1 ? new SwapDevice(swapSlots - 1) : null;
    this.vmscan =
        new Vmscan(
            memory,
            cache,
            watermarks.sumLowWatermarks(),
            watermarks.zones().stream().mapToLong(Watermarks.ZoneWatermarks::high).sum(),
            swap,
            this::reclaimableMms);
    vmscan.setAnonLru(anonLru);
    vmscan.setSwapRoom(this::swapRoom);
    this.thp =
        new Thp(
            memory,
            anonLru,
            Thp.Enabled.valueOf(config.thpEnabled().toUpperCase(java.util.Locale.ROOT)));
    thp.setDirectCompaction(order -> directCompaction.test(order));
    this.khugepaged = new Khugepaged(KhugepagedSettings.DEFAULTS, thpEnabled(thp.enabled()));
    writeback.start(0);
    this.mmu = new Mmu(memory, walker, config.pagingMode());
    this.faultHandler = faultHandler;
    this.overcommitMemory = config.overcommitMemory();
    this.overcommitRatio = config.overcommitRatio();
    this.baseline = KernelBaseline.IDLE_6_18;
    this.zeroPfn = memory.allocate(FrameOwner.KERNEL, true);
    for (long i = 0; i < baseline.pages(); i++) {
      memory.allocate(FrameOwner.KERNEL, true);
    }
    this.nextPid = 1;
    try {
      init = spawn("init", "/sbin/init");
    } catch (SyscallException e) {
      throw new IllegalStateException("Machine: cannot start init: " + e.getMessage(), e);
    }
    this.nextPid = FIRST_USER_PID;
    this.ioWaitNanos = 0;
  }

  /** The managed frames of each populated zone, lowest first, for the buddy allocators. */
  static List<ZoneRange> zoneRanges(ZoneLayout layout) {
    List<ZoneRange> zones = new ArrayList<>();
    for (ZoneLayout.Zone z : layout.zones()) {
      if (z.managedPages() > 0) {
        long end = z.startPfn() + z.spannedPages();
        zones.add(new ZoneRange(z.type().procName(), end - z.managedPages(), end));
      }
    }
    return zones;
  }

  /** MemAvailable in pages: {@code si_mem_available} with this machine's watermarks. */
  public long memAvailablePages() {
    return MemAvailable.pages(
        new MemAvailable.Counters(
            memory.freePages(),
            cache.activeFilePages(),
            cache.inactiveFilePages(),
            slabReclaimablePages()),
        watermarks);
  }

  /** SReclaimable (and KReclaimable) in pages: the boot slab plus the slab of files. */
  public long slabReclaimablePages() {
    return baseline.slabReclaimableKb() / 4 + cache.slabPages();
  }

  /** The writeback settings and the flusher. */
  public Writeback writeback() {
    return writeback;
  }

  /**
   * {@code global_dirtyable_memory} ({@code mm/page-writeback.c}): free pages above the reserves
   * plus the file LRU pages, plus one.
   */
  public long dirtyablePages() {
    long free = memory.freePages();
    free -= Math.min(free, watermarks.totalreservePages());
    return free + cache.activeFilePages() + cache.inactiveFilePages() + 1;
  }

  /** The zone watermarks and reserves computed at boot. */
  public Watermarks watermarks() {
    return watermarks;
  }

  /** The zone layout. */
  public ZoneLayout zoneLayout() {
    return layout;
  }

  // ---------------------------------------------------------------- views

  /** The settings. */
  public MachineConfig config() {
    return config;
  }

  /** Simulated RAM. */
  public PhysicalMemory memory() {
    return memory;
  }

  /** The page cache. */
  public PageCache pageCache() {
    return cache;
  }

  /** Reclaim: kswapd, direct reclaim and their counters. */
  public Vmscan vmscan() {
    return vmscan;
  }

  /** The swap area, or null if the machine has no swap. */
  public SwapDevice swap() {
    return swap;
  }

  /** The kernel log. */
  public KernelLog log() {
    return log;
  }

  /** The kernel memory allocated at boot. */
  public KernelBaseline baseline() {
    return baseline;
  }

  /** System-wide fault counters. */
  public Counters counters() {
    return counters;
  }

  /**
   * What scores processes and chooses the OOM killer's victims ({@code /proc/PID/oom_score} too).
   */
  public OomPolicy oomPolicy() {
    return oomPolicy;
  }

  /** The MMU (walker, TLB statistics). */
  public Mmu mmu() {
    return mmu;
  }

  /** The simulated clock, in nanoseconds since boot. */
  public long nanos() {
    return nanos;
  }

  /**
   * Moves the clock forward; the flusher wakes every {@code dirty_writeback_centisecs} on the way.
   */
  public void advance(long deltaNanos) {
    if (deltaNanos < 0) {
      throw new IllegalArgumentException("Machine.advance: negative time " + deltaNanos);
    }
    long target = nanos + deltaNanos;
    while (writeback.nextWakeNanos() <= target) {
      nanos = writeback.nextWakeNanos();
      writeback.wake(this);
    }
    nanos = target;
    cache.completeIo();
    runKswapd(kswapdNow());
    runKhugepaged();
  }

  /**
   * The simulated time the running task waited since the last call: for the disk (major faults,
   * cache misses, in-flight reads, throttled writes, {@code sync}); the caller moves the clock by
   * it.
   */
  public long takeIoWait() {
    long t = ioWaitNanos + cache.takeWaited();
    ioWaitNanos = 0;
    return t;
  }

  /** The simulated disk: its latency and bandwidth can be changed before the workload runs. */
  public dev.pagelab.sim.cache.Disk disk() {
    return cache.disk();
  }

  /**
   * The running task spent {@code cpuNanos} (kept with its I/O waits until {@link #takeIoWait()});
   * its allocations may have woken kswapd, which runs on the clock up to the task's time.
   */
  private void kswapdTick(long cpuNanos) {
    taskCpuNanos += cpuNanos;
    if (!vmscan.kswapdAwake() && !vmscan.belowLow()) {
      return;
    }
    long now = kswapdNow();
    vmscan.wakeKswapd(now);
    runKswapd(now);
  }

  /**
   * kswapd0 reclaims up to {@code now} on the last CPU, beside a task on CPU 0 (on the only CPU of
   * a one-CPU machine); its page-counter updates go to that CPU's deltas.
   */
  private void runKswapd(long now) {
    int task = cpus.runOn(cpus.online() - 1);
    try {
      vmscan.runKswapd(now);
    } finally {
      cpus.runOn(task);
    }
  }

  /**
   * The time kswapd runs up to: the clock, the task's pending waits, and the CPU time every task
   * has spent in faults and buffered writes. That CPU time does not move the machine's clock (a
   * {@code touch} without a rate takes no time on it), only kswapd's view of it, so that kswapd
   * runs alongside an allocating task as it does on a second CPU.
   */
  private long kswapdNow() {
    return cache.now() + taskCpuNanos;
  }

  /** Charges the disk time of reading {@code pages} pages in one request. */
  private void diskRead(long pages) {
    if (pages > 0) {
      ioWaitNanos += Writeback.DISK_REQUEST_NANOS + pages * Writeback.DISK_PAGE_NANOS;
    }
  }

  /** The running processes, by pid. */
  public Collection<Process> processes() {
    return Collections.unmodifiableCollection(processes.values());
  }

  /** Process 1. */
  public Process init() {
    return init;
  }

  /** The running process with this pid, or null. */
  public Process process(int pid) {
    return processes.get(pid);
  }

  /** Kernel stacks in use, in pages (16 KiB per process). */
  public long kernelStackPages() {
    return (long) kernelStacks.size() << THREAD_SIZE_ORDER;
  }

  // ---------------------------------------------------------------- processes

  /**
   * Starts a program ({@code fork} + {@code execve}): a new process whose address space holds the
   * executable's four ELF segments, an empty heap and a 132 KiB stack with its top page in use.
   *
   * @throws SyscallException ENOMEM if no frame is free for its kernel stack or tables
   */
  public Process spawn(String comm, String exePath) throws SyscallException {
    cpus.runOn(0); // a new process starts on CPU 0 (Process.cpu)
    AddressSpace mm = newAddressSpace();
    long[] stack = {-1};
    allocateForKernel(null, THREAD_SIZE_ORDER, () -> allocateStack(stack));
    long kstack = stack[0];
    if (kstack < 0) {
      mm.destroy();
      throw new SyscallException("fork", dev.pagelab.sim.vm.Errno.ENOMEM, "no kernel stack");
    }
    MappedFile exe = file(exePath, Exec.PROGRAM_BYTES);
    cache.setChargeMemcg(0);
    if (!cache.readWhole(exe)) {
      mm.destroy();
      memory.free(kstack, THREAD_SIZE_ORDER);
      throw new SyscallException(
          "execve", dev.pagelab.sim.vm.Errno.ENOMEM, "cannot read " + exePath);
    }
    long text = Exec.load(mm, exe, this::file);
    Process p = new Process(nextPid++, 1, comm, exePath, nanos, mm);
    kernelStacks.put(p.pid(), kstack);
    processes.put(p.pid(), p);
    long sp = Layout.DEFAULT_MAP_WINDOW - 0x1c50;
    p.setRegisters(text + 0x139, sp);
    access(p, sp, AccessType.WRITE);
    Exec.touchStartup(this, p);
    return p;
  }

  /** {@code fork}: a child with a copy-on-write copy of the parent's address space. */
  public Process fork(Process parent) throws SyscallException {
    enter(parent, "fork");
    long[] stack = {-1};
    AddressSpace[] copy = {null};
    boolean ok =
        allocateForKernel(parent, THREAD_SIZE_ORDER, () -> allocateStack(stack))
            && allocateForKernel(
                parent, 0, () -> (copy[0] = parent.mm().fork(config.tlbEntries())) != null);
    long kstack = stack[0];
    AddressSpace mm = copy[0];
    if (!ok || !parent.alive()) {
      if (kstack >= 0) {
        memory.free(kstack, THREAD_SIZE_ORDER);
      }
      if (mm != null) {
        mm.destroy();
      }
      throw new SyscallException(
          "fork", dev.pagelab.sim.vm.Errno.ENOMEM, "no memory for the child");
    }
    Process child = new Process(nextPid++, parent.pid(), parent.comm(), parent.exe(), nanos, mm);
    child.setRegisters(parent.ip(), parent.sp());
    child.setOomScoreAdj(parent.oomScoreAdj());
    child.setCpu(parent.cpu()); // the affinity mask is inherited
    kernelStacks.put(child.pid(), kstack);
    processes.put(child.pid(), child);
    inheritCgroup(parent, child);
    khugepaged.fork(parent.pid(), child.pid(), nanos / 1_000_000);
    return child;
  }

  /** Tries to allocate a kernel stack into {@code stack[0]}; true if it got one. */
  private boolean allocateStack(long[] stack) {
    stack[0] = memory.allocate(THREAD_SIZE_ORDER, FrameOwner.KERNEL, false);
    return stack[0] >= 0;
  }

  /**
   * {@code __alloc_pages_slowpath} for a kernel allocation that may sleep ({@code GFP_KERNEL},
   * order at most {@code PAGE_ALLOC_COSTLY_ORDER}): after each failed {@code attempt} a round of
   * direct reclaim ({@code __alloc_pages_direct_reclaim}, then {@code __alloc_pages_direct_compact}
   * for order above 0), up to {@code MAX_RECLAIM_RETRIES} rounds ({@code should_reclaim_retry});
   * then {@code __alloc_pages_may_oom} kills a victim and the loop starts again, since such small
   * allocations do not fail while something can be killed.
   *
   * @param requester the allocating task, or null if there is none (then the allocation fails after
   *     reclaim, without an OOM kill)
   * @param order the order of the allocation, for the OOM report
   * @param attempt one try of the allocation; true if it succeeded
   * @return true once {@code attempt} succeeded; false if the requester was killed or is null
   */
  private boolean allocateForKernel(
      Process requester, int order, java.util.function.BooleanSupplier attempt) {
    int rounds = 0;
    while (!attempt.getAsBoolean()) {
      rounds++;
      if (rounds <= MAX_RECLAIM_RETRIES
          && (directReclaim(rounds) > 0 || order > 0 && directCompaction.test(order))) {
        continue;
      }
      if (requester == null || !outOfMemory(requester, GFP_KERNEL_ACCOUNT_ZERO, order, null)) {
        return false;
      }
      rounds = 0;
    }
    return true;
  }

  /** {@code exit}: frees the address space and the kernel stack; the parent reaps at once. */
  public void exit(Process p, int code) {
    enter(p, "exit");
    release(p);
    p.exited(code);
  }

  private void kill(Process p, int signal) {
    release(p);
    p.killed(signal);
  }

  private void release(Process p) {
    khugepaged.exit(p.pid());
    leaveCgroup(p);
    p.mm().destroy();
    memory.free(kernelStacks.remove(p.pid()), THREAD_SIZE_ORDER);
    processes.remove(p.pid());
  }

  private AddressSpace newAddressSpace() throws SyscallException {
    AddressSpace[] made = {null};
    allocateForKernel(
        null,
        0,
        () ->
            (made[0] =
                    AddressSpace.create(
                        memory,
                        cache,
                        zeroPfn,
                        config.pagingMode(),
                        config.tlbEntries(),
                        this::mayCommit))
                != null);
    AddressSpace mm = made[0];
    if (mm == null) {
      throw new SyscallException("fork", dev.pagelab.sim.vm.Errno.ENOMEM, "no page for the PGD");
    }
    mm.setReadAheadPages(writeback.readAheadPages());
    mm.setSwap(swap);
    mm.setAnonLru(anonLru);
    mm.setRmap(rmap);
    mm.setThp(thp);
    mm.setCpus(cpus);
    return mm;
  }

  /** The hugetlbfs pools (2 MiB default, 1 GiB). */
  public HugetlbPools hugetlbPools() {
    return hugetlb;
  }

  /**
   * {@code mmap} with {@code MAP_HUGETLB} in process {@code p} ({@code MAP_HUGE_2MB} or {@code
   * MAP_HUGE_1GB} by {@code pageSize}).
   *
   * @throws SyscallException EINVAL if there is no pool of that size, ENOMEM if the pool cannot
   *     reserve the pages
   */
  public long mmapHugetlb(
      Process p, long hint, long length, Prot prot, boolean shared, boolean fixed, long pageSize)
      throws SyscallException {
    enter(p, "mmap");
    Hstate h = hugetlb.bySize(pageSize);
    if (h == null) {
      throw new SyscallException(
          "mmap", dev.pagelab.sim.vm.Errno.EINVAL, "no hugetlb pool of " + pageSize + " bytes");
    }
    return p.mm().mmapHugetlb(hint, length, prot, shared, fixed, h);
  }

  /** The file at {@code path}, created on first use (2 MiB long). */
  public MappedFile file(String path) {
    return file(path, 2L << 20);
  }

  /**
   * The file at {@code path}, created on first use with the given size: on disk, not in the page
   * cache (as if written, synced and dropped).
   */
  public MappedFile file(String path, long sizeBytes) {
    MappedFile f = files.get(path);
    if (f == null) {
      f = new MappedFile(path, nextInode++, 8, 1, sizeBytes, false);
      files.put(path, f);
      cache.create(f, false);
    }
    return f;
  }

  /** The file at {@code path}, or null if there is none. */
  public MappedFile existingFile(String path) {
    return files.get(path);
  }

  // ---------------------------------------------------------------- file system calls

  /**
   * {@code pwrite} of {@code length} bytes at {@code offset} to the file at {@code path}, created
   * empty if it does not exist ({@code O_CREAT}): the pages go into the page cache, dirty; a writer
   * that pushes Dirty over {@code dirty_ratio} is throttled until writeback brings it back ({@code
   * balance_dirty_pages}).
   *
   * @throws SyscallException ENOMEM if no frame is free for the page cache
   */
  public void write(String path, long offset, long length) throws SyscallException {
    write(path, offset, length, WRITE_CHUNK);
  }

  /**
   * {@code dd bs=IO}: as {@link #write(String, long, long)}, in {@code write(2)} calls of {@code
   * ioBytes} each (a power of two), so no folio is larger than one call ({@code fgf_set_order}):
   * {@code dd bs=1M} leaves 1 MiB folios, never the 2 MiB ones a larger write can make.
   *
   * @throws SyscallException as the plain write
   */
  public void write(String path, long offset, long length, long ioBytes) throws SyscallException {
    if (Long.bitCount(ioBytes) != 1 || ioBytes < 4096) {
      throw new IllegalArgumentException(
          "Machine.write: write(2) size " + ioBytes + ": expected a power of two of 4 KiB or more");
    }
    if (offset < 0 || length <= 0) {
      throw new SyscallException("write", dev.pagelab.sim.vm.Errno.EINVAL, "bad range");
    }
    MappedFile f = files.get(path);
    if (f == null) {
      boolean tmpfs = path.startsWith("/dev/shm/");
      f = new MappedFile(path, nextInode++, tmpfs ? 0 : 8, tmpfs ? 26 : 1, 0, tmpfs);
      files.put(path, f);
      cache.createOnDisk(f, nanos);
    }
    cache.touchInode(f);
    cache.setChargeMemcg(shellMemcg);
    long end = offset + length;
    long chunk = Math.min(WRITE_CHUNK, ioBytes);
    for (long at = offset; at < end; ) {
      long next = Math.min(end, (at + chunk) & -chunk);
      int tries = 0;
      while (cache.write(f, at, next - at, nanos) < 0) {
        if (++tries > MAX_RECLAIM_RETRIES || directReclaim(tries) == 0) {
          throw new SyscallException("write", dev.pagelab.sim.vm.Errno.ENOMEM, "page cache full");
        }
      }
      kswapdTick(((next - at + 4095) >>> 12) * FAULT_CPU_NANOS);
      at = next;
    }
    writeback.balanceDirtyPages(this);
  }

  /**
   * Reads the whole file at {@code path} as {@code cat FILE > /dev/null} does: {@code
   * POSIX_FADV_SEQUENTIAL} (twice {@code read_ahead_kb}), then {@code read(2)} of 128 KiB at a
   * time; misses read from disk through readahead.
   *
   * @return the pages read from disk
   * @throws SyscallException ENOENT if there is no such file, ENOMEM if the cache cannot grow
   */
  public long read(String path) throws SyscallException {
    MappedFile f = requireFile(path, "open");
    cache.touchInode(f);
    cache.setChargeMemcg(shellMemcg);
    Readahead ra = new Readahead(2 * writeback.readAheadPages());
    long readBefore = cache.pagesReadIn();
    for (int tries = 1; cache.read(f, ra, 0, cache.size(f), 128 << 10) < 0; tries++) {
      if (tries > MAX_RECLAIM_RETRIES || directReclaim(tries) == 0) {
        throw new SyscallException("read", dev.pagelab.sim.vm.Errno.ENOMEM, "page cache full");
      }
    }
    long pages = cache.pagesReadIn() - readBefore;
    kswapdTick(0);
    return pages;
  }

  /**
   * {@code truncate} of the file at {@code path} to {@code size} bytes.
   *
   * @throws SyscallException ENOENT if there is no such file; EBUSY if a process maps a page that
   *     would go (the simulator does not unmap pages from running processes)
   */
  public void truncate(String path, long size) throws SyscallException {
    MappedFile f = requireFile(path, "truncate");
    if (size < 0) {
      throw new SyscallException("truncate", dev.pagelab.sim.vm.Errno.EINVAL, "negative size");
    }
    if (!cache.truncate(f, size)) {
      throw new SyscallException(
          "truncate", dev.pagelab.sim.vm.Errno.EBUSY, "a process maps the pages past " + size);
    }
  }

  /**
   * {@code unlink}: the file leaves the directory; its cached pages are freed now, or when the last
   * mapping of it goes.
   *
   * @throws SyscallException ENOENT if there is no such file
   */
  public void unlink(String path) throws SyscallException {
    MappedFile f = requireFile(path, "unlink");
    files.remove(path);
    cache.unlink(f);
  }

  /**
   * {@code sync}: starts writeback of every dirty page and waits until every write has completed
   * ({@code ksys_sync}: {@code wakeup_flusher_threads}, then {@code sync_inodes_sb} waits); the
   * time slept is in {@link #takeIoWait()}. Returns the pages written.
   */
  public long sync() {
    long written = cache.sync();
    cache.waitForWriteback();
    return written;
  }

  private MappedFile requireFile(String path, String call) throws SyscallException {
    MappedFile f = files.get(path);
    if (f == null) {
      throw new SyscallException(call, dev.pagelab.sim.vm.Errno.ENOENT, path);
    }
    return f;
  }

  // ---------------------------------------------------------------- memory system calls

  /**
   * {@code mmap} in process {@code p}.
   *
   * @param filePath a file to map, or null for anonymous memory
   */
  public long mmap(
      Process p,
      long hint,
      long length,
      Prot prot,
      boolean shared,
      boolean fixed,
      String filePath,
      long offset)
      throws SyscallException {
    enter(p, "mmap");
    MappedFile file =
        filePath != null
            ? file(filePath, offset + length)
            : shared ? MappedFile.sharedAnonymous(nextInode++, length) : null;
    return p.mm().mmap(hint, length, prot, shared, fixed, file, offset, "");
  }

  /** {@code munmap} in process {@code p}. */
  public void munmap(Process p, long address, long length) throws SyscallException {
    enter(p, "munmap");
    p.mm().munmap(address, length);
  }

  /** {@code mprotect} in process {@code p}. */
  public void mprotect(Process p, long address, long length, Prot prot) throws SyscallException {
    enter(p, "mprotect");
    p.mm().mprotect(address, length, prot);
  }

  /** {@code madvise} in process {@code p}. */
  public void madvise(Process p, long address, long length, Madvice advice)
      throws SyscallException {
    enter(p, "madvise");
    if (advice == Madvice.COLLAPSE) {
      madviseCollapse(p, address, length);
      return;
    }
    p.mm().madvise(address, length, advice);
    if (advice == Madvice.HUGEPAGE) {
      for (Vma v : p.mm().vmas()) {
        if (Long.compareUnsigned(v.end(), address) > 0
            && Long.compareUnsigned(v.start(), address + length) < 0) {
          khugepagedEnter(p, v);
        }
      }
    }
  }

  /** The sysctls {@link #sysctl} can set. */
  public static final List<String> SYSCTLS =
      List.of(
          "vm.overcommit_memory",
          "vm.overcommit_ratio",
          "vm.overcommit_kbytes",
          "vm.drop_caches",
          "vm.dirty_ratio",
          "vm.dirty_background_ratio",
          "vm.dirty_expire_centisecs",
          "vm.dirty_writeback_centisecs",
          "vm.panic_on_oom",
          "vm.oom_kill_allocating_task",
          "vm.oom_dump_tasks",
          "vm.swappiness",
          "vm.page-cluster",
          "vm.nr_hugepages",
          "vm.nr_overcommit_hugepages",
          "hugepages.2048kb.nr_hugepages",
          "hugepages.2048kb.nr_overcommit_hugepages",
          "hugepages.1048576kb.nr_hugepages",
          "hugepages.1048576kb.nr_overcommit_hugepages",
          "vm.compact_memory",
          "sys.kernel.mm.transparent_hugepage.enabled",
          "sys.kernel.mm.transparent_hugepage.defrag",
          "sys.kernel.mm.transparent_hugepage.use_zero_page",
          "sys.kernel.mm.transparent_hugepage.khugepaged.defrag",
          "sys.kernel.mm.transparent_hugepage.khugepaged.max_ptes_none",
          "sys.kernel.mm.transparent_hugepage.khugepaged.max_ptes_swap",
          "sys.kernel.mm.transparent_hugepage.khugepaged.max_ptes_shared",
          "sys.kernel.mm.transparent_hugepage.khugepaged.pages_to_scan",
          "sys.kernel.mm.transparent_hugepage.khugepaged.scan_sleep_millisecs",
          "sys.kernel.mm.transparent_hugepage.khugepaged.alloc_sleep_millisecs");

  /**
   * Sets a sysctl, as {@code sysctl -w key=value} does.
   *
   * @throws IllegalArgumentException naming the key or value and what was expected
   */
  public void sysctl(String key, String value) {
    if (key.startsWith(KHUGEPAGED_SYSFS)) {
      khugepagedSysfs(key.substring(KHUGEPAGED_SYSFS.length()), value);
      return;
    }
    if (THP_SYSFS.contains(key)) {
      thpSysfs(key, value);
      return;
    }
    int v;
    try {
      v = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + value + ": expected a whole number");
    }
    switch (key) {
      case "vm.overcommit_memory" -> {
        if (v < 0 || v > 2) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0, 1 or 2");
        }
        overcommitMemory = v;
      }
      case "vm.overcommit_ratio" -> {
        if (v < 0) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 or more");
        }
        overcommitRatio = v;
        overcommitKbytes = 0;
      }
      case "vm.overcommit_kbytes" -> {
        if (v < 0) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 or more");
        }
        overcommitKbytes = v;
        overcommitRatio = 0;
      }
      case "vm.drop_caches" -> {
        if (v < 1 || v > 3) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 1, 2 or 3");
        }
        cache.dropCaches(v);
      }
      case "vm.dirty_ratio", "vm.dirty_background_ratio" -> {
        if (v < 0 || v > 100) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 to 100");
        }
        writeback.setRatio(key.equals("vm.dirty_ratio"), v);
      }
      case "vm.dirty_expire_centisecs", "vm.dirty_writeback_centisecs" -> {
        if (v < 0) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 or more");
        }
        writeback.setCentisecs(key.equals("vm.dirty_expire_centisecs"), v, nanos);
      }
      case "vm.page-cluster" -> {
        if (v < 0 || v > 10) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 to 10");
        }
        pageCluster = v;
      }
      case "vm.compact_memory" -> {
        if (v != 1) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 1");
        }
        compactMemory();
      }
      case "vm.swappiness" -> {
        if (v < 0 || v > 200) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 to 200");
        }
        vmscan.setSwappiness(v);
      }
      case "vm.panic_on_oom" -> {
        if (v < 0 || v > 2) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0, 1 or 2");
        }
        oomSysctls =
            new OomSysctls(v, oomSysctls.oomKillAllocatingTask(), oomSysctls.oomDumpTasks());
      }
      case "vm.oom_kill_allocating_task" ->
          oomSysctls = new OomSysctls(oomSysctls.panicOnOom(), v != 0, oomSysctls.oomDumpTasks());
      case "vm.oom_dump_tasks" ->
          oomSysctls =
              new OomSysctls(oomSysctls.panicOnOom(), oomSysctls.oomKillAllocatingTask(), v != 0);
      default -> {
        if (!hugetlbSysctl(key, value, v)) {
          throw new IllegalArgumentException("sysctl " + key + " is not simulated");
        }
      }
    }
  }

  // ---------------------------------------------------------------- compaction and pins

  /** The compaction counters and scanners ({@code compact_*} in {@code /proc/vmstat}). */
  public Compaction compaction() {
    return compaction;
  }

  /** A migrator for one compaction run: it sees every live process's page tables. */
  private PageMigration migrator() {
    List<AddressSpace> spaces = new ArrayList<>();
    for (Process p : processes.values()) {
      spaces.add(p.mm());
    }
    return new PageMigration(
        memory,
        cache,
        swap,
        anonLru,
        spaces,
        zeroPfn,
        Layout.taskSizeMax(config.pagingMode()),
        pfn -> thp.folioOf(pfn) != null || cache.inPmdFolio(pfn));
  }

  /**
   * {@code echo 1 > /proc/sys/vm/compact_memory} ({@code compact_nodes}): compacts every zone,
   * lowest first, in synchronous mode until its scanners meet. Counts no stall.
   */
  public void compactMemory() {
    PageMigration m = migrator();
    for (int zone = 0; zone < memory.zoneRanges().size(); zone++) {
      compaction.compactZone(zone, Compaction.WHOLE_ZONE, false, m);
    }
  }

  /**
   * Compaction for an allocation of {@code 2^order} user pages ({@code try_to_compact_pages}): the
   * zones from the highest down, asynchronous (only movable pageblocks are emptied), until one has
   * a free block of that order above its watermark. This is what a THP fault with {@code defrag}
   * set to stall calls before it allocates the huge page again.
   *
   * @param order the order wanted (9 for a THP)
   * @param direct true for direct compaction by an allocating task: counts {@code compact_stall},
   *     then {@code compact_success} or {@code compact_fail} ({@code __alloc_pages_direct_compact})
   * @return true if a block of that order can now be allocated
   */
  public boolean compactForOrder(int order, boolean direct) {
    if (order < 0 || order > BuddyAllocator.MAX_ORDER) {
      throw new IllegalArgumentException("Machine.compactForOrder: order " + order);
    }
    PageMigration m = migrator();
    boolean tried = false;
    for (int zone = memory.zoneRanges().size() - 1; zone >= 0; zone--) {
      Compaction.Result r = compaction.compactZone(zone, order, true, m);
      tried |= r != Compaction.Result.SKIPPED;
      if (r == Compaction.Result.SUCCESS) {
        break;
      }
    }
    boolean ok = false;
    for (int zone = 0; zone < memory.zoneRanges().size(); zone++) {
      ok |=
          memory.zone(zone).hasFreeBlock(order)
              && memory.zone(zone).freePages() - (1L << order) >= memory.zoneMinFree(zone);
    }
    if (direct && tried) {
      compaction.countDirect(ok);
    }
    return ok;
  }

  /**
   * Pins pages of process {@code p} as a driver does with {@code pin_user_pages(FOLL_WRITE |
   * FOLL_LONGTERM)}: each page at {@code address}, {@code address + stride}, ... below {@code
   * address + length} is faulted in for writing (breaking copy-on-write) and pinned, so compaction
   * cannot move it. The pin ends with {@link #unpin} or when the page is freed.
   *
   * @return the pages pinned (fewer if the process died on the way)
   * @throws SyscallException {@code EFAULT} if an address has no mapping
   */
  public long pin(Process p, long address, long length, long stride) throws SyscallException {
    enter(p, "pin");
    long pinned = 0;
    for (long va = address; va < address + length; va += stride) {
      if (p.mm().vmaAt(va) == null) {
        throw new SyscallException(
            "pin_user_pages", Errno.EFAULT, "no mapping at 0x" + Long.toHexString(va));
      }
      if (!access(p, va, AccessType.WRITE)) {
        return pinned;
      }
      memory.pin(X86Paging.pteToPfn(p.mm().readPte(va)));
      pinned++;
    }
    return pinned;
  }

  /**
   * Drops the pins {@link #pin} took on the pages of {@code p} at {@code address}, {@code address +
   * stride}, ... ({@code unpin_user_pages}).
   *
   * @return the pages unpinned
   */
  public long unpin(Process p, long address, long length, long stride) {
    enter(p, "unpin");
    long unpinned = 0;
    for (long va = address; va < address + length; va += stride) {
      long pte = p.mm().readPte(va);
      if (pte != 0 && !AddressSpace.isSwapEntry(pte) && memory.unpin(X86Paging.pteToPfn(pte))) {
        unpinned++;
      }
    }
    return unpinned;
  }

  /**
   * {@code vm.nr_hugepages} and {@code vm.nr_overcommit_hugepages} (the default 2 MiB pool), and
   * each pool's {@code /sys/kernel/mm/hugepages/hugepages-<size>kB/} files written as {@code
   * hugepages.<size>kb.<file>}; a pool grows only as far as the buddy allocator gives pages ({@code
   * set_max_huge_pages}).
   *
   * @return false if {@code key} is no hugetlb setting
   */
  private boolean hugetlbSysctl(String key, String value, int v) {
    Hstate h = key.startsWith("vm.") ? hugetlb.defaultHstate() : null;
    for (Hstate each : hugetlb.all()) {
      h = key.startsWith("hugepages." + (each.pageSize() >> 10) + "kb.") ? each : h;
    }
    if (h == null || !(key.endsWith(".nr_hugepages") || key.endsWith(".nr_overcommit_hugepages"))) {
      return false;
    }
    if (v < 0) {
      throw new IllegalArgumentException(key + "=" + value + ": expected 0 or more");
    }
    if (key.endsWith(".nr_hugepages")) {
      h.setMaxHugePages(v);
    } else {
      h.setOvercommit(v);
    }
    return true;
  }

  /** What {@code vm.nr_hugepages} (or a pool's {@code nr_hugepages}) reads back. */
  public long nrHugepages(long pageSize) {
    return hugetlb.bySize(pageSize).persistentHugePages();
  }

  /**
   * Frames in the swap cache that no page table maps (counted in Inactive(anon) and SwapCached but
   * not in AnonPages, which is {@code NR_ANON_MAPPED}).
   */
  public long swapCacheUnmappedPages() {
    if (swap == null) {
      return 0;
    }
    long n = 0;
    for (long pfn : swap.cachedFrames().values()) {
      n += memory.mapCount(pfn) == 0 ? 1 : 0;
    }
    return n;
  }

  /** The reverse map: where each page-cache folio and anonymous frame is mapped. */
  public Rmap rmap() {
    return rmap;
  }

  /** The anonymous LRU lists. */
  public AnonLru anonLru() {
    return anonLru;
  }

  /** {@code vm.page-cluster}: swap-in readahead reads {@code 2^pageCluster} pages. */
  public int pageCluster() {
    return pageCluster;
  }

  /** The OOM killer's sysctls in force. */
  public OomSysctls oomSysctls() {
    return oomSysctls;
  }

  /** {@code vm.overcommit_memory} in force. */
  public int overcommitMemory() {
    return overcommitMemory;
  }

  /** {@code vm.overcommit_ratio} in force. */
  public int overcommitRatio() {
    return overcommitRatio;
  }

  /** {@code brk} in process {@code p}: returns the new (or, if refused, unchanged) break. */
  public long brk(Process p, long newBrk) {
    enter(p, "brk");
    return p.mm().brk(newBrk);
  }

  /**
   * {@code __vm_enough_memory} (mm/util.c) for the overcommit mode in force: 1 always commits; 0
   * refuses only a single request larger than RAM plus swap; 2 keeps Committed_AS below
   * CommitLimit, less the user reserve of the requesting process ({@code min(total_vm / 32, 128
   * MiB)}). The simulated processes run as root, so the admin reserve does not apply.
   */
  private boolean mayCommit(long pages, long totalVmPages) {
    return switch (overcommitMemory) {
      case 1 -> true;
      case 2 -> {
        long userReserve = Math.min(totalVmPages / 32, USER_RESERVE_KBYTES / 4);
        yield committedPages() + pages < commitLimitPages() - userReserve;
      }
      default -> pages <= memory.managedPages() + swapPages();
    };
  }

  /**
   * CommitLimit in pages ({@code vm_commit_limit}): {@code overcommit_kbytes}, or {@code
   * overcommit_ratio} percent of RAM, plus swap.
   */
  public long commitLimitPages() {
    long base =
        overcommitKbytes > 0 ? overcommitKbytes / 4 : memory.managedPages() * overcommitRatio / 100;
    return base + swapPages();
  }

  /** Swap pages: the swap area less its header page, as {@code swapon} counts them. */
  public long swapPages() {
    long pages = config.swapBytes() >>> 12;
    return pages == 0 ? 0 : pages - 1;
  }

  /** Committed_AS in pages: what every address space has committed. */
  public long committedPages() {
    long pages = 0;
    for (Process p : processes.values()) {
      pages += p.mm().committedPages();
    }
    return pages;
  }

  // ---------------------------------------------------------------- memory access

  /**
   * One access by process {@code p}: translate through the TLB and the page tables; on a page fault
   * run the fault handler and retry, as the CPU does.
   *
   * @return true if the access completed; false if it killed the process (SIGSEGV, or out of
   *     memory), or if the process's memory cgroup is full and nothing in it can be killed (the
   *     kernel would retry that fault for ever; the process stays alive)
   */
  public boolean access(Process p, long va, AccessType type) {
    return access(p, va, type, type == AccessType.WRITE);
  }

  /**
   * A one-byte store of {@code value} by process {@code p} at {@code va}: a write access (as {@link
   * #access}) that keeps the frame's all-zero state when the value is zero, so that a page that
   * only ever had zeros stored in it is still zero-filled for swap-out ({@code swap_writeout} and
   * the swap zeromap). A plain write access stores non-zero data.
   *
   * @return as {@link #access}
   */
  public boolean store(Process p, long va, byte value) {
    return access(p, va, AccessType.WRITE, value != 0);
  }

  /** {@link #access}; {@code dirties} clears the all-zero state of the frame written. */
  private boolean access(Process p, long va, AccessType type, boolean dirties) {
    enter(p, "access");
    Access access =
        switch (type) {
          case READ -> Access.USER_READ;
          case WRITE -> Access.USER_WRITE;
          case EXECUTE -> Access.USER_EXECUTE;
        };
    AddressSpace mm = p.mm();
    int shortage = 0;
    boolean thpAllowed = false;
    for (int attempt = 0; ; attempt++) {
      long pa = mmu.translate(mm.tlb(), mm.tables().rootPhys(), va, access);
      if (pa >= 0) {
        if (dirties) {
          memory.setZeroFilled(pa >>> 12, false);
        }
        if (attempt > 0 && !memcgOf.isEmpty()) {
          memcgReturnToUser(p);
        }
        if (attempt > 0) {
          splitDeferredWhenLow();
          kswapdTick(FAULT_CPU_NANOS);
          if (thpAllowed) {
            khugepagedEnterAt(p, va); // do_huge_pmd_anonymous_page's khugepaged_enter_vma
          }
        }
        return true;
      }
      WalkResult.PageFault fault = mmu.lastFault();
      if (attempt == MAX_RETRIES) {
        throw new IllegalStateException(
            String.format(
                "Machine.access: the fault handler reported the fault at 0x%x as handled, but the"
                    + " retried access faulted again (%s)",
                va, Pte.describeErrorCode(fault.errorCode())));
      }
      if (fault.reason() == FaultReason.NON_CANONICAL) {
        generalProtection(p);
        return false;
      }
      Vma hv = mm.vmaAt(va);
      if (hv != null && hv.hugetlb() != null) {
        if (!hugetlbFault(p, hv, va, type, fault)) {
          return false;
        }
        continue;
      }
      thpAllowed |= hv != null && thp.allowed(hv.thpAdvice(), mm.thpDisabled());
      FaultOutcome outcome = hv == null ? null : hugePmdFault(p, mm, hv, va, type);
      if (outcome == null && writeToFilePmd(mm, hv, va, type)) {
        attempt--;
        continue;
      }
      long pte = outcome == null ? mm.readPte(va) : 0;
      boolean swapIn = false;
      if (outcome != null) {
        // a THP fault, handled by the kernel around the 4 KiB fault handler
      } else if (swappedOut(mm, va, type, pte)) {
        swapIn = true;
        if (!memcgCharge(p, va, true)) {
          return false;
        }
        outcome = swapIn(mm, va, type == AccessType.WRITE);
      } else {
        if (fault.reason() == FaultReason.NOT_PRESENT && faultAround(mm, va, type, pte)) {
          p.countMinor();
          counters.pgfault++;
          continue;
        }
        if (!memcgCharge(p, va, false)) {
          return false;
        }
        if (fault.reason() == FaultReason.NOT_PRESENT && waitOnLockedFolio(mm, va, type, pte)) {
          attempt--;
          continue;
        }
        boolean fileArea = hv != null && hv.file() != null;
        if (fault.reason() == FaultReason.NOT_PRESENT
            && fileArea
            && filePmdFault(p, mm, va, type)) {
          continue;
        }
        outcome = faultHandler.handle(mm, va, access, fault);
      }
      if (outcome instanceof FaultOutcome.OutOfMemory) {
        counters.pgfault++;
        shortage++;
        boolean retry =
            shortage <= MAX_RECLAIM_RETRIES && directReclaim(shortage) > 0
                || outOfMemory(p, faultGfp(mm, va), faultingFile(mm, va));
        if (!retry) {
          return false;
        }
        attempt--;
        continue;
      }
      shortage = 0;
      if (!account(p, va, fault, outcome)) {
        return false;
      }
      finishFileFault(mm, va, type);
      if (outcome instanceof FaultOutcome.Major && !swapIn) {
        faultAround(mm, va, type, 0); // filemap_fault's retry after the read, counted once
      }
    }
  }

  /**
   * {@code hugetlb_fault}, which the kernel reaches before the generic fault path: a minor fault
   * that maps a whole huge page, SIGSEGV if the area forbids the access, SIGBUS if no huge page can
   * be had. False if the process died.
   */
  private boolean hugetlbFault(
      Process p, Vma v, long va, AccessType type, WalkResult.PageFault fault) {
    if (!v.permits(type)) {
      segfault(p, va, fault.errorCode());
      return false;
    }
    counters.pgfault++;
    HugetlbFault outcome = p.mm().hugetlbFault(va, type == AccessType.WRITE);
    if (outcome == HugetlbFault.COW_FROM_OWNER_SHORT) {
      long pfn = p.mm().hugetlbPageAt(va);
      for (Process q : processes.values()) {
        q.mm().hugetlbUnmapRef(p.mm(), va, pfn);
      }
      outcome = p.mm().hugetlbFault(va, true);
    }
    if (outcome == HugetlbFault.SIGBUS_UNMAPPED) {
      log.log(nanos, "PID " + p.pid() + " killed due to inadequate hugepage pool");
    }
    if (outcome == HugetlbFault.MINOR) {
      p.countMinor();
      return true;
    }
    if (outcome == HugetlbFault.OOM && directReclaim(1) > 0) {
      return true;
    }
    kill(p, outcome == HugetlbFault.OOM ? SIGKILL : SIGBUS);
    return false;
  }

  /**
   * The THP cases of {@code __handle_mm_fault} ({@code create_huge_pmd}, {@code wp_huge_pmd}) for
   * an access the VMA permits; null when the 4 KiB path must handle the fault.
   */
  private FaultOutcome hugePmdFault(Process p, AddressSpace mm, Vma v, long va, AccessType type) {
    // A PMD that is huge already takes the THP path even where THP is no longer allowed.
    boolean mayBeHuge = thp.allowed(v.thpAdvice(), mm.thpDisabled()) || mm.hasHugePmds();
    if (!mayBeHuge || v.file() != null || !v.permits(type)) {
      return null;
    }
    MemCgroup c = memcgOf.isEmpty() ? null : memcgOf.get(p.pid());
    boolean mayCharge =
        c == null
            || c.maxPages() == MemCgroup.MAX
            || c.usagePages(cache, 1L << THREAD_SIZE_ORDER) + Thp.HPAGE_PMD_NR <= c.maxPages();
    return mm.hugeFault(va, type == AccessType.WRITE, mayCharge);
  }

  /**
   * A write the area allows to a read-only PMD-mapped file folio: {@code wp_huge_pmd} splits the
   * PMD and the access is retried on the 4 KiB path.
   */
  private static boolean writeToFilePmd(AddressSpace mm, Vma v, long va, AccessType type) {
    return type == AccessType.WRITE
        && v != null
        && v.file() != null
        && v.permits(type)
        && mm.splitFilePmdForWrite(va);
  }

  /**
   * A page of a cached 2 MiB file folio that fault-around left unmapped: {@code finish_fault} maps
   * the folio with one PMD leaf (a minor fault), and a write through a shared mapping dirties it.
   */
  private boolean filePmdFault(Process p, AddressSpace mm, long va, AccessType type) {
    boolean write = type == AccessType.WRITE;
    Folio f = mm.filePmdFault(va, write);
    if (f == null) {
      return false;
    }
    p.countMinor();
    counters.pgfault++;
    if (write) {
      cache.markDirty(mm.vmaAt(va).file(), f.index(), nanos);
    }
    return true;
  }

  /**
   * True if the page at {@code va} is out in swap and the VMA allows the access (otherwise the
   * fault handler reports the SIGSEGV).
   */
  private static boolean swappedOut(AddressSpace mm, long va, AccessType type, long pte) {
    if (!AddressSpace.isSwapEntry(pte)) {
      return false;
    }
    Vma v = mm.vmaAt(va);
    return v != null && v.permits(type);
  }

  /**
   * {@code do_swap_page}: a page found in the swap cache is mapped at once (a minor fault);
   * otherwise it is read from the swap area with the readahead window around it ({@code
   * swapin_readahead}, {@code vm.page-cluster}), a major fault that waits for one disk request. Out
   * of memory if no frame is free.
   */
  private FaultOutcome swapIn(AddressSpace mm, long va, boolean write) {
    boolean cached = mm.swapCached(va);
    long reads = swap.pswpin();
    if (mm.swapIn(va, write) < 0) {
      return FaultOutcome.OOM;
    }
    if (cached) {
      return FaultOutcome.MINOR;
    }
    // The target first: in Linux the window's other folios are locked under read while the
    // target is allocated, so reclaim for it cannot take them back and read them twice.
    mm.swapReadahead(va, pageCluster);
    // A zeromap page is still a major fault (it missed the swap cache) but reads nothing.
    diskRead(swap.pswpin() - reads);
    return FaultOutcome.MAJOR;
  }

  /**
   * {@code do_read_fault}: before the handler, a read or exec fault on a readable file area maps
   * the cached pages around it; true if that mapped the faulting page.
   *
   * <p>A major file fault runs it once more after the handler: {@code filemap_fault} drops the
   * fault lock to read ({@code maybe_unlock_mmap_for_io}) and returns {@code VM_FAULT_RETRY}, and
   * the retry, counted once (as major, with {@code FAULT_FLAG_TRIED}), maps the window around the
   * page now read. A swap-in is not a file fault and maps nothing more here.
   */
  private boolean faultAround(AddressSpace mm, long va, AccessType type, long pte) {
    if (type == AccessType.WRITE || pte != 0) {
      return false;
    }
    Vma v = mm.vmaAt(va);
    return v != null && v.file() != null && v.permits(type) && mm.faultAround(va);
  }

  /**
   * {@code filemap_fault} finding the page's folio in the cache while its read is still in flight
   * (fault-around skipped it): {@code do_async_mmap_readahead} first, then {@code
   * lock_folio_maybe_drop_mmap} sleeps until the read completes, drops the per-VMA lock and returns
   * {@code VM_FAULT_RETRY} without {@code VM_FAULT_MAJOR}. The retry (fault-around again) is the
   * fault that counts, and it is minor: {@code do_user_addr_fault} sets {@code FAULT_FLAG_TRIED}
   * after a per-VMA-lock retry only if the first attempt was major, and {@code mm_account_fault}
   * counts a fault as major only for {@code VM_FAULT_MAJOR} or {@code FAULT_FLAG_TRIED}.
   *
   * @return true if the task waited and the access should be retried
   */
  private boolean waitOnLockedFolio(AddressSpace mm, long va, AccessType type, long pte) {
    if (type == AccessType.WRITE || pte != 0) {
      return false;
    }
    Vma v = mm.vmaAt(va);
    return v != null && v.file() != null && v.permits(type) && mm.waitOnLockedFolio(va);
  }

  /**
   * After a file fault: the rest of the folio is mapped ({@code finish_fault}), and a write through
   * a shared mapping dirties the page-cache folio ({@code fault_dirty_shared_page}).
   */
  private void finishFileFault(AddressSpace mm, long va, AccessType type) {
    Vma v = mm.vmaAt(va);
    if (v == null || v.file() == null) {
      return;
    }
    Folio f = mm.finishFileFault(va, type == AccessType.WRITE);
    if (f != null && type == AccessType.WRITE && v.shared()) {
      cache.markDirty(v.file(), f.index(), nanos);
    }
  }

  /** Counts a resolved fault, or delivers its signal; false if the process died. */
  private boolean account(Process p, long va, WalkResult.PageFault fault, FaultOutcome outcome) {
    if (outcome instanceof FaultOutcome.Minor) {
      p.countMinor();
      counters.pgfault++;
      return true;
    }
    if (outcome instanceof FaultOutcome.Major) {
      p.countMajor();
      counters.pgfault++;
      counters.pgmajfault++;
      return true;
    }
    if (outcome instanceof FaultOutcome.Segv) {
      segfault(p, va, fault.errorCode());
    } else {
      throw new IllegalStateException("Machine.account: the fault handler returned " + outcome);
    }
    return false;
  }

  /**
   * Direct reclaim for a failed user allocation: {@code try_to_free_pages} of {@code
   * SWAP_CLUSTER_MAX} (32) pages, doubled on each retry of the same fault (the kernel's retries
   * scan at ever lower priority), so that a fault that still fails has tried everything.
   *
   * @param round 1 for the first try
   * @return the pages freed
   */
  private long directReclaim(int round) {
    long target = Vmscan.SWAP_CLUSTER_MAX << Math.min(round - 1, 20);
    memcgLowSkipped = false;
    long got = thp.splitDeferred() + vmscan.direct(target);
    // reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK): nothing freed while writes are in flight
    while (got == 0 && cache.waitForOldestWrite()) {
      got = vmscan.direct(target);
    }
    if (got == 0 && memcgLowSkipped) {
      got = memcgLowRetry(target);
    }
    return got;
  }

  // ---------------------------------------------------------------- transparent huge pages

  /** The THP settings, folios and {@code thp_*} counters. */
  public Thp thp() {
    return thp;
  }

  /** The sysfs files of {@code /sys/kernel/mm/transparent_hugepage/} {@link #sysctl} writes. */
  public static final List<String> THP_SYSFS =
      List.of(
          "sys.kernel.mm.transparent_hugepage.enabled",
          "sys.kernel.mm.transparent_hugepage.defrag",
          "sys.kernel.mm.transparent_hugepage.use_zero_page");

  /** Writes one THP sysfs file ({@code enabled_store}, {@code defrag_store}, use_zero_page). */
  private void thpSysfs(String key, String value) {
    String file = key.substring(key.lastIndexOf('.') + 1);
    switch (file) {
      case "enabled" -> {
        for (Thp.Enabled e : Thp.Enabled.values()) {
          if (e.sysfsName().equals(value)) {
            thp.setEnabled(e);
            khugepaged.setThpEnabled(thpEnabled(e), nanos / 1_000_000);
            return;
          }
        }
        throw new IllegalArgumentException(
            key + "=" + value + ": expected always, madvise or never");
      }
      case "defrag" -> {
        for (Thp.Defrag d : Thp.Defrag.values()) {
          if (d.sysfsName().equals(value)) {
            thp.setDefrag(d);
            return;
          }
        }
        throw new IllegalArgumentException(
            key + "=" + value + ": expected always, defer, defer+madvise, madvise or never");
      }
      default -> {
        if (!value.equals("0") && !value.equals("1")) {
          throw new IllegalArgumentException(key + "=" + value + ": expected 0 or 1");
        }
        thp.setUseZeroPage(value.equals("1"));
      }
    }
  }

  /**
   * {@code prctl(PR_SET_THP_DISABLE, disabled)} in process {@code p}: its later faults take no THP;
   * children inherit it ({@code MMF_DISABLE_THP}).
   */
  public void prctlThpDisable(Process p, boolean disabled) {
    enter(p, "prctl");
    p.mm().setThpDisabled(disabled);
  }

  /**
   * kswapd's {@code shrink_slab} runs the deferred split shrinker: below the low watermarks the
   * partly mapped THPs are split and their unmapped pages freed.
   */
  private void splitDeferredWhenLow() {
    if (thp.deferredSplitQueueLength() > 0 && memory.freePages() < watermarks.sumLowWatermarks()) {
      thp.splitDeferred();
    }
  }

  /** {@code deferred_split_scan}: splits the partly mapped THPs; returns the pages freed. */
  public long splitDeferredThps() {
    return thp.splitDeferred();
  }

  // ---------------------------------------------------------------- khugepaged and MADV_COLLAPSE

  /** The prefix of the khugepaged sysfs files among the sysctl keys. */
  public static final String KHUGEPAGED_SYSFS = "sys.kernel.mm.transparent_hugepage.khugepaged.";

  /** The khugepaged daemon: its knobs, mm slots, cursor and counters. */
  public Khugepaged khugepaged() {
    return khugepaged;
  }

  /** The policy's view of {@code transparent_hugepage/enabled}. */
  static ThpEnabled thpEnabled(Thp.Enabled e) {
    return switch (e) {
      case ALWAYS -> ThpEnabled.ALWAYS;
      case MADVISE -> ThpEnabled.MADVISE;
      case NEVER -> ThpEnabled.NEVER;
    };
  }

  /** {@code echo value > khugepaged/knob}: the store function's checks, as a one-line error. */
  private void khugepagedSysfs(String knob, String value) {
    try {
      khugepaged.setSettings(khugepaged.settings().withKnob(knob, value), nanos / 1_000_000);
    } catch (SysfsWriteException e) {
      String prefix = "khugepaged/" + knob + ": ";
      String why =
          e.getMessage().startsWith(prefix)
              ? e.getMessage().substring(prefix.length())
              : e.getMessage();
      throw new IllegalArgumentException(
          KHUGEPAGED_SYSFS + knob + "=" + value + ": " + why + " (" + e.errno() + ")");
    }
  }

  /**
   * {@code khugepaged_enter_vma} after a fault at {@code va}: the THP fault path ({@code
   * do_huge_pmd_anonymous_page}) registers the mm once the VMA has its anon_vma, whether the huge
   * page could be had or not. The simulator calls it after every resolved fault of an mm not yet
   * registered; the policy keeps only VMAs khugepaged may scan.
   */
  private void khugepagedEnterAt(Process p, long va) {
    if (thp.enabled() == Thp.Enabled.NEVER || khugepaged.registered(p.pid()) || !p.alive()) {
      return;
    }
    Vma v = p.mm().vmaAt(va);
    if (v != null
        && v.file() == null
        && (thp.enabled() == Thp.Enabled.ALWAYS
            || v.thpAdvice() == dev.pagelab.sim.vm.ThpAdvice.HUGEPAGE)) {
      khugepagedEnter(p, v);
    }
  }

  /** {@code khugepaged_enter_vma} for one VMA of {@code p}. */
  private void khugepagedEnter(Process p, Vma v) {
    khugepaged.enterVma(p.pid(), Collapser.range(v), Collapser.disable(p.mm()), nanos / 1_000_000);
  }

  /** Runs the khugepaged passes due by now and logs what they did. */
  private void runKhugepaged() {
    if (khugepaged.nextWakeMillis() <= nanos / 1_000_000) {
      WakeReport r = khugepaged.wake(nanos / 1_000_000, collapser);
      record(r.events(), r.vmEvents());
    }
  }

  /** Logs collapse events in the kernel log and adds their vmstat counts. */
  private void record(List<KhugepagedEvent> events, VmEvents vm) {
    for (KhugepagedEvent e : events) {
      log.log(e.timeMillis() * 1_000_000, e.logLine());
    }
    thp.countCollapseEvents(
        vm.thpCollapseAlloc(),
        vm.thpCollapseAllocFailed(),
        vm.thpScanExceedNonePte(),
        vm.thpScanExceedSwapPte(),
        vm.thpScanExceedSharePte());
  }

  /**
   * {@code madvise(MADV_COLLAPSE)} ({@code madvise_walk_vmas} calling {@code madvise_collapse} for
   * each VMA of the range): synchronous, with the errno of the first VMA that failed, or ENOMEM
   * when the range had a hole.
   *
   * @throws SyscallException EINVAL (unaligned address, or a VMA that may not have THPs), ENOMEM (a
   *     hole, or no huge page), EBUSY or EAGAIN as {@code madvise_collapse_errno} says
   */
  private void madviseCollapse(Process p, long address, long length) throws SyscallException {
    if ((address & 0xFFF) != 0) {
      throw new SyscallException("madvise", Errno.EINVAL, "address not page aligned");
    }
    long end = address + Layout.pageAlign(length);
    if (length == 0) {
      return;
    }
    long cursor = address;
    boolean hole = false;
    for (Vma v : List.copyOf(p.mm().vmas())) {
      if (Long.compareUnsigned(v.end(), cursor) <= 0 || Long.compareUnsigned(v.start(), end) >= 0) {
        continue;
      }
      hole |= Long.compareUnsigned(v.start(), cursor) > 0;
      long from = Math.max(cursor, v.start());
      long to = Math.min(end, v.end());
      MadviseCollapseResult r =
          khugepaged.madviseCollapse(
              p.pid(),
              Collapser.range(v),
              Collapser.disable(p.mm()),
              from,
              to,
              nanos / 1_000_000,
              collapser);
      record(r.events(), r.vmEvents());
      if (!r.succeeded()) {
        throw new SyscallException(
            "madvise",
            Errno.valueOf(r.errno()),
            "MADV_COLLAPSE: "
                + r.thps()
                + " of "
                + r.ranges()
                + " ranges huge, last failure "
                + r.lastFail().traceName());
      }
      cursor = to;
    }
    if (hole || Long.compareUnsigned(cursor, end) < 0) {
      throw new SyscallException("madvise", Errno.ENOMEM, "range not fully mapped");
    }
  }

  /**
   * Whether the process's memory cgroup can take a collapse's huge page ({@code mem_cgroup_charge}
   * in {@code alloc_charge_folio}): 2 MiB more must fit under {@code memory.max}.
   */
  boolean mayChargeCollapse(Process p) {
    MemCgroup c = memcgOf.isEmpty() || p == null ? null : memcgOf.get(p.pid());
    return c == null
        || c.maxPages() == MemCgroup.MAX
        || c.usagePages(cache, 1L << THREAD_SIZE_ORDER) + Thp.HPAGE_PMD_NR <= c.maxPages();
  }

  /** A major fault outside a task's fault path ({@code do_swap_page} for a collapse). */
  void countMajorFault() {
    counters.pgmajfault++;
  }

  /** {@code show_signal_msg}, then SIGSEGV. */
  private void segfault(Process p, long va, int errorCode) {
    log.log(
        nanos,
        String.format(
            "%s[%d]: segfault at %x ip %016x sp %016x error %x%s likely on CPU 0 (core 0, socket 0)",
            p.comm(), p.pid(), va, p.ip(), p.sp(), errorCode, vmaAddr(p, p.ip())));
    kill(p, SIGSEGV);
  }

  /** The #GP of a non-canonical address: {@code traps:} line, then SIGSEGV. */
  private void generalProtection(Process p) {
    log.log(
        nanos,
        String.format(
            "traps: %s[%d] general protection fault ip:%x sp:%x error:0%s",
            p.comm(), p.pid(), p.ip(), p.sp(), vmaAddr(p, p.ip())));
    kill(p, SIGSEGV);
  }

  /**
   * {@code print_vma_addr}: {@code " in file[offset,start+size]"} for an address in a file mapping.
   */
  private static String vmaAddr(Process p, long ip) {
    Vma v = p.mm().vmaAt(ip);
    if (v == null || v.file() == null) {
      return "";
    }
    String name = v.file().path().substring(v.file().path().lastIndexOf('/') + 1);
    long offset = ip - v.start() + (v.pgoff() << 12);
    return String.format(" in %s[%x,%x+%x]", name, offset, v.start(), v.length());
  }

  /**
   * {@code out_of_memory} for an allocation of process {@code p} that reclaim could not satisfy:
   * the OOM killer chooses a victim among every process (in fork order), its report goes to the
   * kernel log, the victim gets SIGKILL and frees its memory, and the reaper's line follows. {@code
   * vm.panic_on_oom} (or nothing left to kill) panics the machine.
   *
   * @return true if {@code p} survived, so its allocation is retried
   * @throws KernelPanic if the kernel panicked
   */
  private boolean outOfMemory(Process p, GfpMask gfp, MappedFile faulting) {
    return outOfMemory(p, gfp, 0, faulting);
  }

  /** {@link #outOfMemory(Process, GfpMask, MappedFile)} for an allocation of {@code order}. */
  private boolean outOfMemory(Process p, GfpMask gfp, int order, MappedFile faulting) {
    List<Task> tasks = new ArrayList<>();
    Task current = null;
    for (Process q : processes.values()) {
      Task t = ProcFs.oomTask(q);
      tasks.add(t);
      current = q == p ? t : current;
    }
    if (current == null) {
      throw new IllegalStateException("Machine.outOfMemory: process " + p.pid() + " not running");
    }
    OomOutcome outcome = invokeOomKiller(current, gfp, order, Optional.empty(), tasks);
    if (outcome instanceof OomOutcome.Killed k) {
      Process victim = processes.get(k.victim().pid());
      counters.oomKill++;
      counters.oomKillWhileReclaimable += cache.reclaimablePagesExcept(faulting) > 0 ? 1 : 0;
      MemCgroup vc = memcgOf.isEmpty() ? null : memcgOf.get(victim.pid());
      if (vc != null) {
        vc.countOomKill();
      }
      List<Task> group = oomGroupMembers(vc, tasks, "Out of memory");
      kill(victim, SIGKILL);
      killOomGroup(vc, group);
      log.log(nanos, OomReport.reaperLine(k.victim(), 0, 0, 0));
      reapOomGroup(group, k.victim());
      return p.alive();
    }
    if (outcome instanceof OomOutcome.Panic panic) {
      throw new KernelPanic(panic.log().get(panic.log().size() - 1));
    }
    throw new IllegalStateException(
        "Machine.outOfMemory: unexpected outcome " + outcome + " for " + gfp.format());
  }

  /** {@code out_of_memory} with this machine's state and sysctls; its report goes to the log. */
  private OomOutcome invokeOomKiller(
      Task current, GfpMask gfp, Optional<Memcg> memcg, List<Task> tasks) {
    return invokeOomKiller(current, gfp, 0, memcg, tasks);
  }

  /** {@code out_of_memory} for an allocation of {@code order}. */
  private OomOutcome invokeOomKiller(
      Task current, GfpMask gfp, int order, Optional<Memcg> memcg, List<Task> tasks) {
    OomRequest request =
        new OomRequest(
            current,
            gfp,
            order,
            memcg,
            memory.managedPages(),
            swapPages(),
            memInfoSummary(),
            "/",
            "0",
            oomSysctls);
    OomOutcome outcome = OomKiller.outOfMemory(oomPolicy, request, tasks);
    for (String line : outcome.log()) {
      log.log(nanos, line);
    }
    return outcome;
  }

  /**
   * The {@code Mem-Info:} summary of {@code __show_mem}: page-cache pages ({@code NR_FILE_PAGES}),
   * swap, present RAM and the pages reserved at boot (present minus managed).
   */
  private MemInfoSummary memInfoSummary() {
    long present = 0;
    for (ZoneLayout.Zone z : layout.zones()) {
      present += z.presentPages();
    }
    long swapCache = swap == null ? 0 : swap.cachedPages();
    // NR_FILE_PAGES counts the swap cache too (__add_to_swap_cache), meminfo's Cached does not.
    long pagecache = cache.filePages() + cache.shmemPages() + cache.bufferPages() + swapCache;
    return new MemInfoSummary(
        pagecache,
        swapCache,
        swap == null ? 0 : swap.freePages(),
        swapPages(),
        present,
        0,
        present - memory.managedPages(),
        0,
        0);
  }

  // ---------------------------------------------------------------- memory cgroups

  /**
   * The memory cgroup {@code /sys/fs/cgroup/NAME}, created without a limit on first use ({@code
   * mkdir}).
   *
   * @throws IllegalArgumentException if the name is not one directory name
   */
  public MemCgroup cgroup(String name) {
    return cgroups.computeIfAbsent(
        name,
        n -> {
          MemCgroup c = new MemCgroup(n, cgroupsById.size() + 1);
          cgroupsById.add(c);
          return c;
        });
  }

  /** The memory cgroup called {@code name}, or null. */
  public MemCgroup existingCgroup(String name) {
    return cgroups.get(name);
  }

  /** The memory cgroups below the root, in the order they were made. */
  public Collection<MemCgroup> cgroups() {
    return Collections.unmodifiableCollection(cgroups.values());
  }

  /**
   * Writes {@code memory.max} of cgroup {@code name} (created if needed): a limit in pages, or
   * {@link MemCgroup#MAX}. The limit is enforced at the group's next charge (the kernel's {@code
   * memory_max_write} also reclaims at once; the simulated shell writing it is not a process).
   */
  public void setMemoryMax(String name, long pages) {
    cgroup(name).setMaxPages(pages);
  }

  /**
   * Moves process {@code p} into cgroup {@code name} ({@code echo PID > cgroup.procs}); a scenario
   * does it right after {@code spawn}, so the process's pages are all charged there.
   */
  public void joinCgroup(Process p, String name) {
    enter(p, "joinCgroup");
    leaveCgroup(p);
    MemCgroup c = cgroup(name);
    c.join(p);
    memcgOf.put(p.pid(), c);
  }

  /** The cgroup of process {@code p}, or null for the root cgroup. */
  public MemCgroup cgroupOf(Process p) {
    return memcgOf.get(p.pid());
  }

  /** {@code fork}: the child starts in its parent's cgroup. */
  private void inheritCgroup(Process parent, Process child) {
    MemCgroup c = memcgOf.get(parent.pid());
    if (c != null) {
      c.join(child);
      memcgOf.put(child.pid(), c);
    }
  }

  private void leaveCgroup(Process p) {
    MemCgroup c = memcgOf.remove(p.pid());
    if (c != null) {
      c.leave(p);
    }
  }

  /**
   * The flags of a fault's memcg charge: a page-cache folio is charged with the mapping's {@code
   * GFP_HIGHUSER_MOVABLE} ({@code filemap_add_folio}), an anonymous or copied page with {@code
   * GFP_KERNEL} ({@code alloc_anon_folio}, {@code wp_page_copy}).
   */
  private static GfpMask memcgGfp(AddressSpace mm, long va) {
    Vma v = mm.vmaAt(va);
    boolean present = X86Paging.isPresent(mm.readPte(va));
    return v != null && v.file() != null && !present ? GFP_USER : GfpMask.GFP_KERNEL;
  }

  /**
   * {@code try_charge_memcg} for one page a fault of process {@code p} is about to bring in: within
   * {@code memory.max} it succeeds; at the limit it counts the {@code max} event, reclaims the
   * group's own pages and retries, and after {@code MAX_RECLAIM_RETRIES} rounds without progress
   * calls the group's OOM killer ({@code mem_cgroup_oom}).
   *
   * @return false if {@code p} was killed, or nothing in the group could be killed
   */
  private boolean memcgCharge(Process p, long va, boolean swapIn) {
    MemCgroup c = memcgOf.get(p.pid());
    cache.setChargeMemcg(c == null ? 0 : c.id());
    if (c == null) {
      return true;
    }
    GfpMask gfp = swapIn ? GfpMask.GFP_KERNEL : memcgGfp(p.mm(), va);
    int retries = MAX_RECLAIM_RETRIES;
    while (c.maxPages() != MemCgroup.MAX
        && c.usagePages(cache, 1L << THREAD_SIZE_ORDER) + 1 > c.maxPages()) {
      c.hitMax();
      if (memcgReclaim(c, Vmscan.SWAP_CLUSTER_MAX) > 0 || retries-- > 0) {
        continue;
      }
      c.countOom();
      if (!memcgOutOfMemory(p, c, gfp) || !p.alive()) {
        return false;
      }
      retries = MAX_RECLAIM_RETRIES;
    }
    if (c.highPages() != MemCgroup.MAX
        && c.usagePages(cache, 1L << THREAD_SIZE_ORDER) + 1 > c.highPages()) {
      c.addOverHigh(1);
    }
    return true;
  }

  /**
   * {@code try_to_free_mem_cgroup_pages}: the group's clean, unmapped page-cache folios first,
   * then, with a swap area, its processes' anonymous pages (each address space's clock, two
   * passes). Not counted in {@code /proc/vmstat}.
   *
   * @return the pages freed
   */
  private long memcgReclaim(MemCgroup c, long target) {
    long freed = cache.reclaimMemcg(c.id(), target);
    long[] scanned = {0};
    for (int round = 0; round < 2 && freed < target && swap != null; round++) {
      for (Process q : c.members()) {
        long room = swapRoom(c);
        if (freed >= target || swap.freePages() == 0 || room == 0) {
          break;
        }
        freed += q.mm().swapOut(Math.min(target - freed, room), scanned);
      }
    }
    return freed;
  }

  // ---------------------------------------------------------------- memory.high, low, swap.max

  /** {@code CONFIG_HZ} of the simulated kernel (Ubuntu's generic kernels use 1000). */
  static final long HZ = 1000;

  /** {@code MEMCG_CHARGE_BATCH}: pages charged at once into the per-CPU stock. */
  static final long MEMCG_CHARGE_BATCH = 64;

  /** {@code MEMCG_MAX_HIGH_DELAY_JIFFIES}: the longest throttle of one return to user, 2 s. */
  static final long MEMCG_MAX_HIGH_DELAY_JIFFIES = 2 * HZ;

  private static final int MEMCG_DELAY_PRECISION_SHIFT = 20;
  private static final int MEMCG_DELAY_SCALING_SHIFT = 14;

  /**
   * {@code calculate_overage}: how far {@code usage} is above {@code high}, as a fraction of {@code
   * high} in units of {@code 2^-20}; 0 at or below it.
   */
  static long calculateOverage(long usage, long high) {
    if (usage <= high) {
      return 0;
    }
    long h = Math.max(high, 1);
    return ((usage - h) << MEMCG_DELAY_PRECISION_SHIFT) / h;
  }

  /**
   * {@code calculate_high_delay}: the throttle in jiffies for {@code nrPages} charged at {@code
   * maxOverage}, quadratic in the overage and scaled by the charge's share of {@code
   * MEMCG_CHARGE_BATCH}. Follows mm/memcontrol.c of Linux 6.18.
   */
  static long calculateHighDelay(long nrPages, long maxOverage) {
    if (maxOverage == 0) {
      return 0;
    }
    long penalty = Math.multiplyExact(Math.multiplyExact(maxOverage, maxOverage), HZ);
    penalty >>>= MEMCG_DELAY_PRECISION_SHIFT;
    penalty >>>= MEMCG_DELAY_SCALING_SHIFT;
    return penalty * nrPages / MEMCG_CHARGE_BATCH;
  }

  /**
   * The return to user mode after a fault of a process in a group: a folio readahead charged past
   * {@code memory.max} is reclaimed at once, and once a charge batch went over {@code memory.high}
   * the task runs {@code mem_cgroup_handle_over_high}.
   */
  private void memcgReturnToUser(Process p) {
    MemCgroup c = memcgOf.get(p.pid());
    if (c == null) {
      return;
    }
    long usage = c.usagePages(cache, 1L << THREAD_SIZE_ORDER);
    if (c.maxPages() != MemCgroup.MAX && usage > c.maxPages()) {
      memcgReclaim(c, usage - c.maxPages());
    }
    if (c.overHighPages() >= MEMCG_CHARGE_BATCH) {
      long nrPages = c.overHighPages();
      c.clearOverHigh();
      handleOverHigh(c, nrPages);
    }
  }

  /**
   * {@code mem_cgroup_handle_over_high}: reclaim the group's pages above {@code memory.high}
   * ({@code reclaim_high}); while reclaim makes progress (at most {@code MAX_RECLAIM_RETRIES}
   * rounds here), try again with {@code SWAP_CLUSTER_MAX}; then sleep the penalty of {@code
   * calculate_high_delay} (at most 2 s, nothing if 10 ms or less) on the simulated clock. Never an
   * OOM kill. The swap part of the penalty is 0 ({@code memory.swap.high} is not modelled).
   *
   * @return the throttle in nanoseconds
   */
  long handleOverHigh(MemCgroup c, long nrPages) {
    int retries = MAX_RECLAIM_RETRIES;
    boolean inRetry = false;
    while (true) {
      long reclaimed = reclaimHigh(c, inRetry ? Vmscan.SWAP_CLUSTER_MAX : nrPages);
      long usage = c.usagePages(cache, 1L << THREAD_SIZE_ORDER);
      long penalty = calculateHighDelay(nrPages, calculateOverage(usage, c.highPages()));
      penalty = Math.min(penalty, MEMCG_MAX_HIGH_DELAY_JIFFIES);
      if (penalty <= HZ / 100) {
        return 0;
      }
      // the kernel also retries MAX_RECLAIM_RETRIES times without progress, for reclaim that
      // runs concurrently; nothing else runs in between here, so those retries would find nothing
      if (reclaimed > 0 && retries-- > 0) {
        inRetry = true;
        continue;
      }
      long nanosSlept = penalty * (1_000_000_000L / HZ);
      ioWaitNanos += nanosSlept;
      c.addThrottled(nanosSlept);
      return nanosSlept;
    }
  }

  /** {@code reclaim_high}: above {@code memory.high}, count the event and reclaim the group. */
  private long reclaimHigh(MemCgroup c, long nrPages) {
    if (c.usagePages(cache, 1L << THREAD_SIZE_ORDER) <= c.highPages()) {
      return 0;
    }
    c.countHigh();
    return memcgReclaim(c, nrPages);
  }

  /**
   * Swap pages the group may still take before {@code memory.swap.max} ({@code
   * mem_cgroup_get_nr_swap_pages}); {@link Long#MAX_VALUE} without a limit.
   */
  private long swapRoom(MemCgroup c) {
    if (c.swapMaxPages() == MemCgroup.MAX) {
      return Long.MAX_VALUE;
    }
    long room = Math.max(0, c.swapMaxPages() - c.swapPages());
    if (room == 0) {
      c.countSwapMax();
    }
    return room;
  }

  /** The swap room of the group an address space's process belongs to (global reclaim). */
  private long swapRoom(AddressSpace mm) {
    for (MemCgroup c : cgroups.values()) {
      if (c.swapMaxPages() != MemCgroup.MAX) {
        for (Process q : c.members()) {
          if (q.mm() == mm) {
            return swapRoom(c);
          }
        }
      }
    }
    return Long.MAX_VALUE;
  }

  /**
   * The address spaces global reclaim may swap from, in fork order: all of them, less those of
   * groups below their protection ({@code memory.min}, or {@code memory.low} unless this is the
   * retry that reclaims low-protected groups) and of groups at {@code memory.swap.max}.
   */
  private List<AddressSpace> reclaimableMms() {
    List<AddressSpace> out = new ArrayList<>();
    for (Process q : processes.values()) {
      MemCgroup c = memcgOf.isEmpty() ? null : memcgOf.get(q.pid());
      if (c == null
          || !memcgProtected(c)
              && (c.swapMaxPages() == MemCgroup.MAX || c.swapPages() < c.swapMaxPages())) {
        out.add(q.mm());
      }
    }
    return out;
  }

  /**
   * {@code mem_cgroup_below_min} / {@code mem_cgroup_below_low} as {@code shrink_node_memcgs} asks
   * them: true if global reclaim must skip the group. A group below {@code memory.low} is skipped
   * unless this is the low-reclaim retry (and marks that it was). Every group is a child of the
   * root, so its effective protection is its own {@code memory.min} and {@code memory.low} ({@code
   * mem_cgroup_calculate_protection} for a parent that is the root); nested groups are not
   * distributed.
   */
  private boolean memcgProtected(MemCgroup c) {
    if (c.minPages() == 0 && c.lowPages() == 0) {
      return false;
    }
    long usage = c.usagePages(cache, 1L << THREAD_SIZE_ORDER);
    if (usage <= c.minPages()) {
      return true;
    }
    if (usage <= c.lowPages() && !memcgLowReclaim) {
      memcgLowSkipped = true;
      return true;
    }
    return false;
  }

  /**
   * {@code do_try_to_free_pages}' retry when reclaim got nothing and skipped groups below {@code
   * memory.low}: reclaim again ignoring {@code memory.low} (not {@code memory.min}); each group
   * reclaimed below its low counts a {@code low} event.
   */
  private long memcgLowRetry(long target) {
    for (MemCgroup c : cgroups.values()) {
      long usage = c.usagePages(cache, 1L << THREAD_SIZE_ORDER);
      if (c.lowPages() > 0 && usage <= c.lowPages() && usage > c.minPages()) {
        c.countLow();
      }
    }
    memcgLowReclaim = true;
    try {
      return vmscan.direct(target);
    } finally {
      memcgLowReclaim = false;
      memcgLowSkipped = false;
    }
  }

  /** Installs the page cache's protection check when some group has a low or min setting. */
  private void updateMemcgProtection() {
    boolean any = cgroups.values().stream().anyMatch(c -> c.lowPages() > 0 || c.minPages() > 0);
    cache.setMemcgProtection(any ? id -> memcgProtected(cgroupsById.get(id - 1)) : null);
  }

  /**
   * Writes {@code memory.high} of cgroup {@code name} (created if needed), in pages or {@link
   * MemCgroup#MAX}.
   */
  public void setMemoryHigh(String name, long pages) {
    cgroup(name).setHighPages(pages);
  }

  /** Writes {@code memory.low} of cgroup {@code name} (created if needed), in pages. */
  public void setMemoryLow(String name, long pages) {
    cgroup(name).setLowPages(pages);
    updateMemcgProtection();
  }

  /** Writes {@code memory.min} of cgroup {@code name} (created if needed), in pages. */
  public void setMemoryMin(String name, long pages) {
    cgroup(name).setMinPages(pages);
    updateMemcgProtection();
  }

  /**
   * Writes {@code memory.swap.max} of cgroup {@code name} (created if needed), in pages or {@link
   * MemCgroup#MAX}.
   */
  public void setMemorySwapMax(String name, long pages) {
    cgroup(name).setSwapMaxPages(pages);
  }

  /** Writes {@code memory.oom.group} of cgroup {@code name} (created if needed). */
  public void setMemoryOomGroup(String name, boolean on) {
    cgroup(name).setOomGroup(on);
  }

  /**
   * {@code pwrite} by a task of cgroup {@code name} ({@code null} for the root): as {@link
   * #write(String, long, long)}, the new page cache charged to that group. Within a group with a
   * {@code memory.max} each 256 KiB is charged first: the group's own clean cache is reclaimed to
   * make room, and if that is not enough the write fails with ENOMEM (the kernel would run the
   * group's OOM killer; the shell writing here is not a process it could choose).
   *
   * @throws SyscallException as the plain write, or ENOMEM at the group's limit
   */
  public void writeInCgroup(String name, String path, long offset, long length)
      throws SyscallException {
    writeInCgroup(name, path, offset, length, WRITE_CHUNK);
  }

  /**
   * As {@link #writeInCgroup(String, String, long, long)}, in {@code write(2)} calls of {@code
   * ioBytes} ({@link #write(String, long, long, long)}).
   *
   * @throws SyscallException as the plain write, or ENOMEM at the group's limit
   */
  public void writeInCgroup(String name, String path, long offset, long length, long ioBytes)
      throws SyscallException {
    MemCgroup c = name == null ? null : cgroup(name);
    long chunk = c == null || c.maxPages() == MemCgroup.MAX ? length : 64 * 4096;
    for (long at = offset; at < offset + length; at += chunk) {
      long n = Math.min(chunk, offset + length - at);
      memcgMakeRoom(c, (n + 4095) >>> 12, "write");
      int old = shellMemcg;
      shellMemcg = c == null ? 0 : c.id();
      try {
        write(path, at, n, ioBytes);
      } finally {
        shellMemcg = old;
      }
    }
  }

  /**
   * {@code cat FILE > /dev/null} by a task of cgroup {@code name}: as {@link #read(String)}, the
   * folios it brings in charged to that group; within a {@code memory.max} the group's clean cache
   * (its oldest folios, possibly of this same file) is reclaimed as the read goes.
   *
   * @return the pages read from disk
   * @throws SyscallException as the plain read
   */
  public long readInCgroup(String name, String path) throws SyscallException {
    MemCgroup c = name == null ? null : cgroup(name);
    int old = shellMemcg;
    shellMemcg = c == null ? 0 : c.id();
    try {
      return c == null || c.maxPages() == MemCgroup.MAX ? read(path) : readLimited(c, path);
    } finally {
      shellMemcg = old;
    }
  }

  /**
   * The read of {@link #readInCgroup} in a group with a {@code memory.max}: 1 MiB {@code read(2)}
   * calls of one readahead state, each first making room for itself by reclaiming the group's clean
   * cache, and trimming after itself what its readahead brought in beyond the limit (the kernel
   * would stop the readahead at the failed charge); a read the group cannot make room for fails
   * with ENOMEM.
   */
  private long readLimited(MemCgroup c, String path) throws SyscallException {
    MappedFile f = requireFile(path, "open");
    cache.touchInode(f);
    cache.setChargeMemcg(c.id());
    Readahead ra = new Readahead(2 * writeback.readAheadPages());
    long readBefore = cache.pagesReadIn();
    long size = cache.size(f);
    long chunk = 1L << 20;
    for (long at = 0; at < size; at += chunk) {
      long n = Math.min(chunk, size - at);
      memcgMakeRoom(c, n >>> 12, "read");
      for (int tries = 1; cache.read(f, ra, at, n, 128 << 10) < 0; tries++) {
        if (tries > MAX_RECLAIM_RETRIES || directReclaim(tries) == 0) {
          throw new SyscallException("read", dev.pagelab.sim.vm.Errno.ENOMEM, "page cache full");
        }
      }
      long over = c.usagePages(cache, 1L << THREAD_SIZE_ORDER) - c.maxPages();
      if (over > 0) {
        memcgReclaim(c, over); // the readahead beyond the limit
      }
    }
    kswapdTick(0);
    return cache.pagesReadIn() - readBefore;
  }

  /** Reclaims the group's own pages until {@code pages} more fit below {@code memory.max}. */
  private void memcgMakeRoom(MemCgroup c, long pages, String call) throws SyscallException {
    if (c == null || c.maxPages() == MemCgroup.MAX) {
      return;
    }
    int retries = MAX_RECLAIM_RETRIES;
    while (c.usagePages(cache, 1L << THREAD_SIZE_ORDER) + pages > c.maxPages()) {
      c.hitMax();
      long need = c.usagePages(cache, 1L << THREAD_SIZE_ORDER) + pages - c.maxPages();
      if (memcgReclaim(c, need) == 0 && retries-- <= 0) {
        throw new SyscallException(call, dev.pagelab.sim.vm.Errno.ENOMEM, c.path() + " is full");
      }
    }
  }

  /**
   * {@code mem_cgroup_out_of_memory}: the OOM killer restricted to the group, with {@code
   * totalpages} its {@code mem_cgroup_get_max}; the report's memory lines are those of {@code
   * mem_cgroup_print_oom_meminfo} for cgroup v2.
   *
   * @return true if a process was killed
   * @throws KernelPanic with {@code vm.panic_on_oom=2}
   */
  private boolean memcgOutOfMemory(Process p, MemCgroup c, GfpMask gfp) {
    List<Task> tasks = new ArrayList<>();
    Task current = null;
    for (Process q : processes.values()) {
      MemCgroup qc = memcgOf.get(q.pid());
      Task t = ProcFs.oomTask(q).withMemcg(qc == null ? "/" : qc.path());
      tasks.add(t);
      current = q == p ? t : current;
    }
    OomOutcome outcome = invokeOomKiller(current, gfp, Optional.of(memcgReport(c)), tasks);
    if (outcome instanceof OomOutcome.Panic panic) {
      throw new KernelPanic(panic.log().get(panic.log().size() - 1));
    }
    if (outcome instanceof OomOutcome.Killed k) {
      counters.oomKill++;
      c.countOomKill();
      List<Task> group = oomGroupMembers(c, tasks, "Memory cgroup out of memory");
      kill(processes.get(k.victim().pid()), SIGKILL);
      killOomGroup(c, group);
      log.log(nanos, OomReport.reaperLine(k.victim(), 0, 0, 0));
      reapOomGroup(group, k.victim());
      return true;
    }
    return false;
  }

  /**
   * {@code mem_cgroup_get_oom_group} and the second half of {@code oom_kill_process}: when the
   * victim's group has {@code memory.oom.group} set, the {@code oom_group_kill} event, the line
   * {@code Tasks in /NAME are going to be killed due to memory.oom.group set}, and {@code
   * __oom_kill_process} for every task of the group ({@code oom_kill_memcg_member}: all but those
   * with {@code oom_score_adj} -1000 and init). The victim is among them, and as its mm is still
   * there it gets a second {@code Killed process} line, as on a real kernel. Each counts {@code
   * oom_kill} in {@code /proc/vmstat} and in the group's {@code memory.events}.
   *
   * @return the group's tasks (as the OOM killer saw them) to kill, empty without oom.group
   */
  private List<Task> oomGroupMembers(MemCgroup c, List<Task> tasks, String message) {
    if (c == null || !c.oomGroup()) {
      return List.of();
    }
    c.countOomGroupKill();
    log.log(nanos, "Tasks in " + c.path() + " are going to be killed due to memory.oom.group set");
    List<Task> out = new ArrayList<>();
    for (Process q : c.members()) {
      for (Task t : tasks) {
        if (t.pid() == q.pid() && t.oomScoreAdj() != -1000 && q.pid() != 1) {
          log.log(nanos, OomReport.killedLine(message, t));
          counters.oomKill++;
          c.countOomKill();
          out.add(t);
        }
      }
    }
    return out;
  }

  /** Sends SIGKILL to the tasks {@link #oomGroupMembers} chose that are still alive. */
  private void killOomGroup(MemCgroup c, List<Task> group) {
    for (Task t : group) {
      Process q = processes.get(t.pid());
      if (q != null && q.alive()) {
        kill(q, SIGKILL);
      }
    }
  }

  /** One {@code oom_reaper} line per killed mm other than the victim's (already reaped). */
  private void reapOomGroup(List<Task> group, Task victim) {
    for (Task t : group) {
      if (t.pid() != victim.pid()) {
        log.log(nanos, OomReport.reaperLine(t, 0, 0, 0));
      }
    }
  }

  /**
   * The group as {@code mem_cgroup_print_oom_meminfo} prints it on cgroup v2: the {@code memory}
   * and {@code swap} page counters (v2 keeps no {@code failcnt}, so it prints 0) and the first
   * {@code memory.stat} lines, in bytes.
   */
  private Memcg memcgReport(MemCgroup c) {
    long stack = (long) c.members().size() << THREAD_SIZE_ORDER;
    long swapents = 0;
    long shmem = cache.memcgStat(c.id()).shmem();
    for (Process q : c.members()) {
      swapents += q.mm().swapents();
    }
    long usage = c.usagePages(cache, 1L << THREAD_SIZE_ORDER);
    List<Memcg.PageCounter> counters =
        List.of(
            new Memcg.PageCounter("memory", usage * 4, c.maxPages() * 4, 0),
            new Memcg.PageCounter("swap", swapents * 4, MemCgroup.PAGE_COUNTER_MAX_KB, 0));
    List<Memcg.Stat> stats =
        List.of(
            new Memcg.Stat("anon", c.anonPages() << 12),
            new Memcg.Stat("file", c.filePages(cache) << 12),
            new Memcg.Stat("kernel", (c.pageTablePages() + stack) << 12),
            new Memcg.Stat("kernel_stack", stack << 12),
            new Memcg.Stat("pagetables", c.pageTablePages() << 12),
            new Memcg.Stat("sec_pagetables", 0),
            new Memcg.Stat("percpu", 0),
            new Memcg.Stat("sock", 0),
            new Memcg.Stat("vmalloc", 0),
            new Memcg.Stat("shmem", shmem << 12));
    return new Memcg(
        c.path(),
        c.maxPages(),
        MemCgroup.PAGE_COUNTER_MAX_KB / 4,
        vmscan.swappiness(),
        counters,
        stats);
  }

  /** Checks each cgroup's members against the process table and its anonymous charge by a walk. */
  private void checkCgroups() {
    long members = 0;
    for (MemCgroup c : cgroups.values()) {
      long anon = 0;
      for (Process q : c.members()) {
        expect(
            "running member " + q.pid() + " of " + c.path(),
            processes.get(q.pid()) == q ? 1 : 0,
            1);
        expect("cgroup of " + q.pid(), memcgOf.get(q.pid()) == c ? 1 : 0, 1);
        long[] n = {0};
        q.mm()
            .tables()
            .forEachPte(
                0,
                Layout.taskSizeMax(config.pagingMode()),
                dev.pagelab.sim.paging.PageTables.LeafVisitor.of(
                    (va, pte) -> {
                      if (X86Paging.isPresent(pte)
                          && memory.owner(X86Paging.pteToPfn(pte)) == FrameOwner.ANON) {
                        n[0]++;
                      }
                      return pte;
                    },
                    (va, level, entry) -> {
                      // hugetlb pages are not charged to memory.current; a THP is, whole
                      long pfn = X86Paging.pteToPfn(entry);
                      boolean charged = memory.owner(pfn) == FrameOwner.ANON;
                      n[0] += charged ? Thp.HPAGE_PMD_NR : 0;
                      return entry;
                    }));
        anon += n[0];
      }
      expect("anonymous pages charged to " + c.path(), c.anonPages(), anon);
      members += c.members().size();
    }
    expect("processes in cgroups", memcgOf.size(), members);
  }

  /**
   * The process makes a system call or touches memory: it must be alive, and the kernel code that
   * runs now runs on its CPU.
   */
  private void enter(Process p, String call) {
    requireAlive(p, call);
    cpus.runOn(p.cpu());
  }

  /**
   * {@code sched_setaffinity} to one CPU: from now on the process runs on {@code cpu}, and the
   * page-counter updates of its faults and system calls go to that CPU's deltas.
   *
   * @throws IllegalArgumentException if the CPU is not online
   */
  public void setCpu(Process p, int cpu) {
    requireAlive(p, "setCpu");
    if (cpu < 0 || cpu >= cpus.online()) {
      throw new IllegalArgumentException(
          "Machine.setCpu: CPU " + cpu + ": expected 0 to " + (cpus.online() - 1));
    }
    p.setCpu(cpu);
  }

  /** The machine's CPUs. */
  public Cpus cpus() {
    return cpus;
  }

  private static void requireAlive(Process p, String call) {
    if (!p.alive()) {
      throw new IllegalStateException(
          "Machine." + call + ": process " + p.pid() + " is not running");
    }
  }

  // ---------------------------------------------------------------- invariants

  /**
   * Checks every invariant: each frame has exactly one owner and the owner counts equal a recount;
   * each address space's RSS and tables equal a recount; each data frame's map count equals the
   * entries that map it; no anonymous frame is left unmapped; kernel frames are the boot baseline,
   * the zero page, the kernel stacks and the slab of files; every FILE and SHMEM frame belongs to
   * exactly one cached folio and the page-cache counters (dirty, active) equal a recount.
   */
  public void checkInvariants() {
    checkCgroups();
    for (int mm : khugepaged.slots()) {
      if (khugepaged.registered(mm) && process(mm) == null) {
        throw new IllegalStateException(
            "Machine.checkInvariants: khugepaged scans pid " + mm + ", which has exited");
      }
    }
    memory.checkInvariants();
    cache.checkInvariants();
    Map<Long, Integer> mapped = new HashMap<>();
    Map<Long, Integer> swapEntries = new HashMap<>();
    Map<Long, Integer> pmdMapped = new HashMap<>();
    long tableFrames = 0;
    for (Process p : processes.values()) {
      p.mm().checkInvariants();
      tableFrames += p.mm().tables().tableFrames();
      p.mm()
          .tables()
          .forEachPte(
              0,
              Layout.taskSizeMax(config.pagingMode()),
              dev.pagelab.sim.paging.PageTables.LeafVisitor.of(
                  (va, pte) -> {
                    long pfn = X86Paging.pteToPfn(pte);
                    if (AddressSpace.isSwapEntry(pte)) {
                      swapEntries.merge(pfn, 1, Integer::sum);
                    } else if (pfn != zeroPfn) {
                      mapped.merge(pfn, 1, Integer::sum);
                    }
                    return pte;
                  },
                  (va, level, entry) -> {
                    long pfn = X86Paging.pteToPfn(entry);
                    // a hugetlb page's head counts its leaves; a THP's folio its PMDs; each page
                    // of a PMD-mapped file folio one more mapping
                    FrameOwner owner = memory.owner(pfn);
                    if (owner == FrameOwner.FILE) {
                      for (int i = 0; i < Thp.HPAGE_PMD_NR; i++) {
                        mapped.merge(pfn + i, 1, Integer::sum);
                      }
                    } else {
                      (owner == FrameOwner.HUGETLB ? mapped : pmdMapped)
                          .merge(pfn, 1, Integer::sum);
                    }
                    return entry;
                  }));
    }
    HugetlbCheck.check(hugetlb, memory, processes.values(), mapped.keySet());
    thp.checkInvariants(pmdMapped);
    expect("page-table frames", memory.pages(FrameOwner.PAGE_TABLE), tableFrames);
    long anonMapped = 0;
    long cacheMapped = 0;
    for (Map.Entry<Long, Integer> e : mapped.entrySet()) {
      expect("map count of frame " + e.getKey(), memory.mapCount(e.getKey()), e.getValue());
      FrameOwner owner = memory.owner(e.getKey());
      boolean inThp = thp.folioOf(e.getKey()) != null;
      anonMapped += owner == FrameOwner.ANON && !inThp ? 1 : 0;
      cacheMapped += owner == FrameOwner.FILE || owner == FrameOwner.SHMEM ? 1 : 0;
    }
    // No page-cache frame has a map count without an entry (anonymous ones are checked below).
    expect("page-cache frames with a map count", cache.mappedPages(), cacheMapped);
    for (Map.Entry<Long, Integer> e : swapEntries.entrySet()) {
      expect("use count of swap slot " + e.getKey(), swap.useCount(e.getKey()), e.getValue());
    }
    rmap.checkInvariants(processes.values().stream().map(Process::mm).toList());
    // Every frame of a THP folio is anonymous, mapped by a PMD or a PTE or awaiting its split.
    anonMapped += (long) thp.folios().size() * Thp.HPAGE_PMD_NR;
    long swapCacheOnly = 0;
    if (swap != null) {
      for (long pfn : swap.cachedFrames().values()) {
        if (memory.owner(pfn) != FrameOwner.ANON) {
          throw new IllegalStateException(
              "Machine.checkInvariants: swap-cache frame " + pfn + " is " + memory.owner(pfn));
        }
        swapCacheOnly += mapped.containsKey(pfn) ? 0 : 1;
        expect(
            "map count of swap-cache frame " + pfn,
            memory.mapCount(pfn),
            mapped.getOrDefault(pfn, 0));
      }
    }
    expect("anonymous frames", memory.pages(FrameOwner.ANON), anonMapped + swapCacheOnly);
    anonLru.checkInvariants(memory);
    expect("OOM kills while page cache was reclaimable", counters.oomKillWhileReclaimable, 0);
    long swapents = 0;
    for (Process p : processes.values()) {
      swapents += p.mm().swapents();
    }
    expect("swap slot references", swap == null ? 0 : swap.references(), swapents);
    expect(
        "kernel frames",
        memory.pages(FrameOwner.KERNEL),
        1 + baseline.pages() + kernelStackPages() + cache.slabPages() + thp.hugeZeroPages());
  }

  private static void expect(String what, long counter, long recount) {
    if (counter != recount) {
      throw new IllegalStateException(
          "Machine.checkInvariants: "
              + what
              + " is "
              + counter
              + " but a recount finds "
              + recount);
    }
  }
}
