package dev.pagelab.sim.run;

import dev.pagelab.sim.kernel.KernelLog;
import dev.pagelab.sim.kernel.KernelPanic;
import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MachineConfig;
import dev.pagelab.sim.kernel.MemCgroup;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.scenario.AccessKind;
import dev.pagelab.sim.scenario.AccessStmt;
import dev.pagelab.sim.scenario.Backing;
import dev.pagelab.sim.scenario.BrkStmt;
import dev.pagelab.sim.scenario.CgroupStmt;
import dev.pagelab.sim.scenario.EveryStmt;
import dev.pagelab.sim.scenario.ExitStmt;
import dev.pagelab.sim.scenario.ExpectStmt;
import dev.pagelab.sim.scenario.FileOpStmt;
import dev.pagelab.sim.scenario.FileStmt;
import dev.pagelab.sim.scenario.ForkStmt;
import dev.pagelab.sim.scenario.MachineStmt;
import dev.pagelab.sim.scenario.MadviseStmt;
import dev.pagelab.sim.scenario.MmapStmt;
import dev.pagelab.sim.scenario.MprotectStmt;
import dev.pagelab.sim.scenario.MunmapStmt;
import dev.pagelab.sim.scenario.PinStmt;
import dev.pagelab.sim.scenario.Pos;
import dev.pagelab.sim.scenario.PrctlStmt;
import dev.pagelab.sim.scenario.Scenario;
import dev.pagelab.sim.scenario.ScenarioException;
import dev.pagelab.sim.scenario.SleepStmt;
import dev.pagelab.sim.scenario.SpawnStmt;
import dev.pagelab.sim.scenario.Statement;
import dev.pagelab.sim.scenario.StopEveryStmt;
import dev.pagelab.sim.scenario.SysctlStmt;
import dev.pagelab.sim.scenario.TasksetStmt;
import dev.pagelab.sim.scenario.TouchOrder;
import dev.pagelab.sim.scenario.TouchStmt;
import dev.pagelab.sim.scenario.View;
import dev.pagelab.sim.scenario.ViewStmt;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.tools.Sar;
import dev.pagelab.sim.tools.SarOptions;
import dev.pagelab.sim.tools.SarSample;
import dev.pagelab.sim.vm.ForkCopy;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Executes a scenario statement by statement on one {@link Machine} and prints a transcript: each
 * system call as {@code strace} shows it, each view as the real tool prints it, each sampler tick
 * on the simulated clock.
 */
public final class ScenarioRunner implements Statement.Visitor<Void> {
  private static final long NANOS = 1_000_000_000L;

  private final Scenario scenario;
  private final Machine machine;
  private final PrintWriter out;
  private final Map<String, Actor> actors = new LinkedHashMap<>();
  private final List<Sampler> samplers = new ArrayList<>();
  private final Views views;
  private final Random random;
  private final List<String> failedExpectations = new ArrayList<>();

  /** A view printed every {@code period} nanoseconds from {@code next} on. */
  private static final class Sampler {
    final EveryStmt stmt;
    final List<SarSample> sarSamples = new ArrayList<>();
    long next;

    Sampler(EveryStmt stmt, long next) {
      this.stmt = stmt;
      this.next = next;
    }

    /** The sar report this sampler prints, or null for any other view. */
    SarOptions sar() {
      return stmt.view() instanceof View.Sar v ? Views.sarOptions(v) : null;
    }
  }

  /**
   * What a run produced.
   *
   * @param failedExpectations one line per {@code expect} that did not hold
   * @param machine the machine at the end, for tests and further inspection
   * @param processes every process the scenario started, by alias
   */
  public record Result(
      List<String> failedExpectations, Machine machine, Map<String, Process> processes) {
    /** True if every expectation held. */
    public boolean passed() {
      return failedExpectations.isEmpty();
    }

    /** The aliases of the processes still running. */
    public List<String> runningAliases() {
      List<String> aliases = new ArrayList<>();
      processes.forEach(
          (alias, p) -> {
            if (p.alive()) {
              aliases.add(alias);
            }
          });
      return aliases;
    }
  }

  private ScenarioRunner(Scenario scenario, Machine machine, PrintWriter out) {
    this.scenario = scenario;
    this.machine = machine;
    this.out = out;
    this.views = new Views(machine, actors);
    this.random = new Random(scenario.machine().seed());
  }

  /**
   * Runs a scenario on a machine built from its {@code machine} line.
   *
   * @throws ScenarioException for a statement that cannot run (the position says which)
   */
  public static Result run(Scenario scenario, PrintWriter out) throws ScenarioException {
    return run(scenario, machineFor(scenario.machine()), out);
  }

  /** Runs a scenario on a given machine (one built with a student's walker, say). */
  public static Result run(Scenario scenario, Machine machine, PrintWriter out)
      throws ScenarioException {
    ScenarioRunner runner = new ScenarioRunner(scenario, machine, out);
    try {
      for (Statement s : scenario.statements()) {
        s.accept(runner);
      }
    } catch (KernelPanic e) {
      runner.panicked(e);
    }
    runner.stopSamplers();
    machine.checkInvariants();
    Map<String, Process> processes = new LinkedHashMap<>();
    runner.actors.forEach((alias, a) -> processes.put(alias, a.process));
    return new Result(List.copyOf(runner.failedExpectations), machine, processes);
  }

  /** The machine a {@code machine} line describes. */
  public static Machine machineFor(MachineStmt m) throws ScenarioException {
    return new Machine(configFor(m));
  }

  /** The settings a {@code machine} line describes. */
  public static MachineConfig configFor(MachineStmt m) throws ScenarioException {
    try {
      return new MachineConfig(
          m.ramBytes(),
          m.swapBytes(),
          m.pagingLevels() == 5 ? PagingMode.FIVE_LEVEL : PagingMode.FOUR_LEVEL,
          m.tlbEntries(),
          m.minFreeKbytes().orElse(-1),
          10,
          0,
          50,
          m.thp().name().toLowerCase(java.util.Locale.ROOT),
          m.seed(),
          m.cpus());
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(m.pos(), e.getMessage(), "see docs/scenarios.md, \"machine\"");
    }
  }

  // ---------------------------------------------------------------- clock and samplers

  /** Moves the clock to {@code target}, printing every sampler tick on the way. */
  private void advanceTo(long target) throws ScenarioException {
    while (true) {
      Sampler due = null;
      for (Sampler s : samplers) {
        if (s.next <= target && (due == null || s.next < due.next)) {
          due = s;
        }
      }
      if (due == null) {
        break;
      }
      machine.advance(due.next - machine.nanos());
      printSample(due);
      due.next += due.stmt.periodNanos();
    }
    machine.advance(target - machine.nanos());
  }

  private void printSample(Sampler s) throws ScenarioException {
    SarOptions sar = s.sar();
    if (sar != null) {
      SarSample now = views.sarSample();
      out.print(Sar.line(sar, s.sarSamples.get(s.sarSamples.size() - 1), now));
      s.sarSamples.add(now);
      return;
    }
    String text = views.render(s.stmt.view(), s.stmt.pos());
    if (text.indexOf('\n') == text.length() - 1) {
      out.print(stamp() + text);
    } else {
      out.println(stamp() + "$ " + views.command(s.stmt.view()));
      out.print(text);
    }
  }

  /** Ends every sampler; a sar sampler prints its {@code Average:} line, as sar does at its end. */
  private void stopSamplers() {
    for (Sampler s : samplers) {
      SarOptions sar = s.sar();
      if (sar != null && s.sarSamples.size() > 1) {
        out.print(Sar.average(sar, s.sarSamples));
      }
    }
    samplers.clear();
  }

  /** Prints {@code [time] comm[pid]: text}, the transcript line of something a process did. */
  private void say(Process p, String text) {
    out.println(stamp() + p.comm() + "[" + p.pid() + "]: " + text);
  }

  private String stamp() {
    long ms = machine.nanos() / 1_000_000;
    return String.format("[%5d.%03d] ", ms / 1000, ms % 1000);
  }

  // ---------------------------------------------------------------- statements

  @Override
  public Void visit(MachineStmt s) {
    out.println(
        "# machine: "
            + Units.size(machine.config().ramBytes())
            + " RAM, "
            + Units.size(machine.config().swapBytes())
            + " swap, "
            + machine.config().pagingMode().levels()
            + "-level paging, THP "
            + machine.config().thpEnabled());
    return null;
  }

  @Override
  public Void visit(SysctlStmt s) throws ScenarioException {
    try {
      machine.sysctl(s.key(), s.value());
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(s.valuePos(), e.getMessage(), "sysctls: " + Machine.SYSCTLS);
    }
    out.println(stamp() + "$ sysctl " + s.key() + "=" + s.value());
    return null;
  }

  @Override
  public Void visit(CgroupStmt s) {
    long pages = s.maxBytes().isPresent() ? s.maxBytes().getAsLong() >>> 12 : MemCgroup.MAX;
    machine.setMemoryMax(s.name(), pages);
    String value = s.maxBytes().isPresent() ? Long.toString(s.maxBytes().getAsLong()) : "max";
    out.println(stamp() + "$ mkdir -p /sys/fs/cgroup/" + s.name());
    if (s.maxBytes().isPresent() || s.settings().isEmpty()) {
      out.println(stamp() + "$ echo " + value + " > /sys/fs/cgroup/" + s.name() + "/memory.max");
    }
    for (CgroupStmt.Setting set : s.settings()) {
      long v = set.value().orElse(-1);
      long n = set.value().isPresent() ? v >>> 12 : MemCgroup.MAX;
      switch (set.file()) {
        case "memory.high" -> machine.setMemoryHigh(s.name(), n);
        case "memory.low" -> machine.setMemoryLow(s.name(), n);
        case "memory.min" -> machine.setMemoryMin(s.name(), n);
        case "memory.swap.max" -> machine.setMemorySwapMax(s.name(), n);
        default -> machine.setMemoryOomGroup(s.name(), v == 1);
      }
      String shown = set.value().isPresent() ? Long.toString(v) : "max";
      out.println(stamp() + "$ echo " + shown + " > /sys/fs/cgroup/" + s.name() + "/" + set.file());
    }
    return null;
  }

  @Override
  public Void visit(FileStmt s) {
    machine.file(s.path(), s.sizeBytes());
    out.println(stamp() + "file " + s.path() + ": " + s.sizeBytes() + " bytes");
    return null;
  }

  @Override
  public Void visit(FileOpStmt s) throws ScenarioException {
    String command =
        switch (s.op()) {
          case WRITE -> dd(s, machine.existingFile(s.path()) != null);
          case READ -> "cat " + s.path() + " > /dev/null";
          case TRUNCATE -> "truncate -s " + s.sizeBytes() + " " + s.path();
          case RM -> "rm " + s.path();
          case SYNC -> "sync";
        };
    String where = s.cgroup().map(g -> "    # in cgroup /" + g).orElse("");
    out.println(stamp() + "$ " + command + where);
    try {
      switch (s.op()) {
        case WRITE ->
            machine.writeInCgroup(
                s.cgroup().orElse(null), s.path(), s.offsetBytes(), s.sizeBytes(), ddBlock(s));
        case READ -> machine.readInCgroup(s.cgroup().orElse(null), s.path());
        case TRUNCATE -> machine.truncate(s.path(), s.sizeBytes());
        case RM -> machine.unlink(s.path());
        case SYNC -> machine.sync();
      }
    } catch (SyscallException e) {
      out.println(
          s.op().name().toLowerCase(java.util.Locale.ROOT)
              + ": "
              + (s.path().isEmpty() ? "" : s.path() + ": ")
              + e.errno().message());
    }
    waitForDisk();
    return null;
  }

  /**
   * The folio-size limit of the {@code dd} a write statement runs: {@code bs=1M} writes 1 MiB at a
   * time; {@code bs=1} writes bytes, so every folio it makes is a 4 KiB one.
   */
  private static long ddBlock(FileOpStmt s) {
    long mib = 1L << 20;
    boolean whole = s.sizeBytes() % mib == 0 && s.offsetBytes() % mib == 0;
    return whole ? mib : 4096;
  }

  /** The {@code dd} command line that writes what a write statement writes. */
  private static String dd(FileOpStmt s, boolean exists) {
    long mib = 1L << 20;
    boolean whole = s.sizeBytes() % mib == 0 && s.offsetBytes() % mib == 0;
    long bs = whole ? mib : 1;
    String seek = s.offsetBytes() == 0 ? "" : " seek=" + s.offsetBytes() / bs;
    return "dd if=/dev/zero of="
        + s.path()
        + (whole ? " bs=1M" : " bs=1")
        + " count="
        + s.sizeBytes() / bs
        + seek
        + (exists ? " conv=notrunc" : "");
  }

  /** Moves the clock by the disk time the machine spent since the last call. */
  private void waitForDisk() throws ScenarioException {
    long io = machine.takeIoWait();
    if (io > 0) {
      advanceTo(machine.nanos() + io);
    }
  }

  @Override
  public Void visit(SpawnStmt s) throws ScenarioException {
    String exe = s.exe().orElse("/usr/bin/" + s.comm());
    Process p = call(s.pos(), () -> machine.spawn(s.comm(), exe));
    p.setOomScoreAdj(s.oomScoreAdj());
    s.cgroup().ifPresent(name -> machine.joinCgroup(p, name));
    Actor a = new Actor(s.alias(), p, Map.of());
    actors.put(s.alias(), a);
    String in = s.cgroup().map(name -> ", cgroup /" + name).orElse("");
    out.println(stamp() + "$ " + exe + " &    # " + s.comm() + ", pid " + p.pid() + in);
    if (s.imageBytes().isPresent() && s.imageBytes().getAsLong() > 0) {
      long len = s.imageBytes().getAsLong();
      long at = call(s.pos(), () -> machine.mmap(p, 0, len, Prot.RW, false, false, null, 0));
      touchRange(a, at, len, 4096, AccessType.WRITE, TouchOrder.FORWARD, 0, s.pos());
    }
    return null;
  }

  @Override
  public Void visit(MmapStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    Prot prot = prot(s.prot());
    String file = s.backing() instanceof Backing.File f ? f.path() : null;
    long offset = s.backing() instanceof Backing.File f ? f.offset() : 0;
    long hint = s.address().orElse(0);
    String call =
        String.format(
            "mmap(%s, %d, %s, %s, %s, %d)",
            hint == 0 ? "NULL" : "0x" + Long.toHexString(hint),
            s.length(),
            Strace.prot(prot),
            Strace.mapFlags(s.shared(), file == null, s.fixed(), s.populate())
                + hugetlbFlags(s.hugetlbSize()),
            file == null ? "-1" : "3</" + file.substring(1) + ">",
            offset);
    try {
      long at =
          s.hugetlbSize() != 0
              ? machine.mmapHugetlb(
                  a.process, hint, s.length(), prot, s.shared(), s.fixed(), s.hugetlbSize())
              : machine.mmap(
                  a.process, hint, s.length(), prot, s.shared(), s.fixed(), file, offset);
      say(a.process, call + " = 0x" + Long.toHexString(at));
      s.region().ifPresent(name -> a.regions.put(name, new Region(at, s.length())));
      if (s.populate()) {
        AccessType type = prot.write() && !s.shared() ? AccessType.WRITE : AccessType.READ;
        long step = s.hugetlbSize() != 0 ? s.hugetlbSize() : 4096;
        touchRange(a, at, s.length(), step, type, TouchOrder.FORWARD, 0, s.pos());
      }
    } catch (SyscallException e) {
      say(a.process, call + " = " + Strace.error(e));
    }
    return null;
  }

  /** The {@code MAP_HUGETLB} flags strace adds, with {@code MAP_HUGE_1GB} for 1 GiB pages. */
  private static String hugetlbFlags(long size) {
    return size == 0 ? "" : size == 1L << 30 ? "|MAP_HUGETLB|MAP_HUGE_1GB" : "|MAP_HUGETLB";
  }

  @Override
  public Void visit(MunmapStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    Region r = views.span(a, s.span(), s.pos());
    String call = String.format("munmap(0x%x, %d)", r.start(), r.length());
    syscall(a, call, () -> machine.munmap(a.process, r.start(), r.length()));
    return null;
  }

  @Override
  public Void visit(MprotectStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    Region r = views.span(a, s.span(), s.pos());
    Prot prot = prot(s.prot());
    String call = String.format("mprotect(0x%x, %d, %s)", r.start(), r.length(), Strace.prot(prot));
    syscall(a, call, () -> machine.mprotect(a.process, r.start(), r.length(), prot));
    return null;
  }

  @Override
  public Void visit(MadviseStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    Region r = views.span(a, s.span(), s.pos());
    Madvice advice = madvice(s);
    String call =
        String.format("madvise(0x%x, %d, MADV_%s)", r.start(), r.length(), s.advice().name());
    syscall(a, call, () -> machine.madvise(a.process, r.start(), r.length(), advice));
    return null;
  }

  @Override
  public Void visit(PinStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    Region r = views.span(a, s.span(), s.pos());
    long pages = (r.length() + s.stride() - 1) / s.stride();
    if (s.unpin()) {
      long n = machine.unpin(a.process, r.start(), r.length(), s.stride());
      say(a.process, String.format("unpin_user_pages(0x%x, %d) = %d", r.start(), pages, n));
      return null;
    }
    String call =
        String.format("pin_user_pages(0x%x, %d, FOLL_WRITE|FOLL_LONGTERM)", r.start(), pages);
    String result;
    try {
      result = Long.toString(machine.pin(a.process, r.start(), r.length(), s.stride()));
    } catch (SyscallException e) {
      result = Strace.error(e);
    }
    say(a.process, call + " = " + result);
    return null;
  }

  @Override
  public Void visit(BrkStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    long old = a.process.mm().brk();
    long now = machine.brk(a.process, old + s.delta());
    say(a.process, String.format("brk(0x%x) = 0x%x", old + s.delta(), now));
    return null;
  }

  @Override
  public Void visit(ForkStmt s) throws ScenarioException {
    Actor parent = actor(s.parent(), s.pos());
    try {
      Process child = machine.fork(parent.process);
      actors.put(s.child(), new Actor(s.child(), child, parent.regions));
      ForkCopy c = child.mm().forkCopy();
      say(
          parent.process,
          String.format(
              Locale.ROOT,
              "fork() = %d (copied %d ptes, %d swap ptes, %d huge pmds, %d huge puds;"
                  + " child page tables %d)",
              child.pid(),
              c.ptes(),
              c.swapPtes(),
              c.pmds(),
              c.puds(),
              c.tables()));
    } catch (SyscallException e) {
      say(parent.process, "fork() = " + Strace.error(e));
    }
    return null;
  }

  @Override
  public Void visit(TouchStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    Region r = views.span(a, s.span(), s.pos());
    long count = s.count().orElse((r.length() + s.stride() - 1) / s.stride());
    long nanosPerAccess =
        s.rateBytesPerSecond().isPresent()
            ? Math.max(1, s.stride() * NANOS / s.rateBytesPerSecond().getAsLong())
            : 0;
    AccessType type = type(s.access());
    long min0 = a.process.minFlt();
    long maj0 = a.process.majFlt();
    long done =
        touchRange(
            a, r.start(), count * s.stride(), s.stride(), type, s.order(), nanosPerAccess, s.pos());
    a.lastMinFlt = a.process.minFlt() - min0;
    a.lastMajFlt = a.process.majFlt() - maj0;
    say(
        a.process,
        String.format(
            "%s %d page%s of %s: %d minor, %d major faults",
            s.access().name().toLowerCase(java.util.Locale.ROOT),
            done,
            done == 1 ? "" : "s",
            Views.describe(s.span()),
            a.lastMinFlt,
            a.lastMajFlt));
    reportDeath(a);
    return null;
  }

  /**
   * Accesses {@code start + i * stride} for each {@code i} whose offset lies below {@code length},
   * in the given order, advancing the clock by {@code nanosPerAccess} before each.
   *
   * @return how many accesses completed before the process died (or all of them)
   */
  private long touchRange(
      Actor a,
      long start,
      long length,
      long stride,
      AccessType type,
      TouchOrder order,
      long nanosPerAccess,
      Pos pos)
      throws ScenarioException {
    long n = (length + stride - 1) / stride;
    int[] shuffled = order == TouchOrder.RANDOM ? permutation(n, pos) : null;
    for (long i = 0; i < n; i++) {
      long index =
          order == TouchOrder.BACKWARD ? n - 1 - i : shuffled != null ? shuffled[(int) i] : i;
      if (nanosPerAccess > 0) {
        advanceTo(machine.nanos() + nanosPerAccess);
      }
      if (!a.process.alive() || !machine.access(a.process, start + index * stride, type)) {
        return i;
      }
      waitForDisk();
    }
    return n;
  }

  private int[] permutation(long n, Pos pos) throws ScenarioException {
    if (n > (1 << 24)) {
      throw new ScenarioException(
          pos,
          "order=random touches at most 16777216 pages, not " + n,
          "use a larger stride= or a smaller length=");
    }
    int[] p = new int[(int) n];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    for (int i = p.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override
  public Void visit(AccessStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    long address = views.location(a, s.location(), s.pos());
    long min0 = a.process.minFlt();
    long maj0 = a.process.majFlt();
    boolean ok = machine.access(a.process, address, type(s.access()));
    waitForDisk();
    a.lastMinFlt = a.process.minFlt() - min0;
    a.lastMajFlt = a.process.majFlt() - maj0;
    say(
        a.process,
        String.format(
            "%s 0x%x: %s",
            s.access().name().toLowerCase(java.util.Locale.ROOT),
            address,
            ok
                ? (a.lastMinFlt + a.lastMajFlt == 0
                    ? "no fault"
                    : a.lastMajFlt > 0 ? "major fault" : "minor fault")
                : "fatal"));
    reportDeath(a);
    return null;
  }

  /**
   * A kernel panic stops the scenario: the console shows the kernel's last OOM report, which ends
   * with the panic line, and nothing more runs.
   */
  private void panicked(KernelPanic e) {
    out.println(stamp() + "# the kernel panicked; the machine stops here:");
    List<KernelLog.Line> lines = machine.log().lines();
    int from = lines.size() - 1;
    while (from > 0 && !lines.get(from).text().contains("invoked oom-killer")) {
      from--;
    }
    for (KernelLog.Line l : lines.subList(from, lines.size())) {
      out.println(l.formatted());
    }
  }

  /** What the shell prints for a process a signal killed, and the exit status it then reports. */
  private void reportDeath(Actor a) {
    Process p = a.process;
    if (p.state() == Process.State.KILLED) {
      String what = p.termSignal() == Machine.SIGSEGV ? "Segmentation fault" : "Killed";
      out.println(what);
      out.println(
          stamp()
              + "# "
              + p.comm()
              + "["
              + p.pid()
              + "] was killed by signal "
              + p.termSignal()
              + "; the shell's $? is "
              + p.shellStatus());
    }
  }

  @Override
  public Void visit(ExitStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    machine.exit(a.process, s.status());
    say(a.process, "exit_group(" + s.status() + ") = ?");
    return null;
  }

  @Override
  public Void visit(PrctlStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    machine.prctlThpDisable(a.process, s.thpDisable());
    say(a.process, "prctl(PR_SET_THP_DISABLE, " + (s.thpDisable() ? 1 : 0) + ", 0, 0, 0) = 0");
    return null;
  }

  @Override
  public Void visit(TasksetStmt s) throws ScenarioException {
    Actor a = actor(s.process(), s.pos());
    if (s.cpu() >= machine.cpus().online()) {
      throw new ScenarioException(
          s.pos(),
          "CPU " + s.cpu() + " is not online: the machine has " + machine.cpus().online() + " CPUs",
          "pick cpu=0 to cpu=" + (machine.cpus().online() - 1) + ", or raise the machine's cpus=");
    }
    machine.setCpu(a.process, s.cpu());
    say(a.process, "sched_setaffinity(0, 8, [" + s.cpu() + "]) = 0");
    return null;
  }

  @Override
  public Void visit(SleepStmt s) throws ScenarioException {
    advanceTo(machine.nanos() + s.nanos());
    return null;
  }

  @Override
  public Void visit(ViewStmt s) throws ScenarioException {
    String text = views.render(s.view(), s.pos());
    if (!(s.view() instanceof dev.pagelab.sim.scenario.View.Echo)) {
      out.println(stamp() + "$ " + views.command(s.view()));
    }
    out.print(text);
    return null;
  }

  @Override
  public Void visit(EveryStmt s) {
    Sampler sampler = new Sampler(s, machine.nanos() + s.periodNanos());
    SarOptions sar = sampler.sar();
    if (sar != null) {
      SarSample first = views.sarSample();
      sampler.sarSamples.add(first);
      out.println(stamp() + "$ " + views.command(s.view()) + " " + s.periodNanos() / NANOS);
      out.print(Sar.banner(Views.SAR_HOST));
      out.print(Sar.columnHeader(sar, first.wallClock()));
    }
    samplers.add(sampler);
    return null;
  }

  @Override
  public Void visit(StopEveryStmt s) {
    stopSamplers();
    return null;
  }

  @Override
  public Void visit(ExpectStmt s) throws ScenarioException {
    long actual = views.subject(s.subject(), s.pos());
    if (!s.holds(actual)) {
      String line =
          s.pos()
              + ": expectation failed: "
              + scenario.lineText(s.pos().line()).strip()
              + " (actual: "
              + (s.subject().isSize() ? Units.size(actual) : Long.toString(actual))
              + ")";
      failedExpectations.add(line);
      out.println(line);
    }
    return null;
  }

  // ---------------------------------------------------------------- helpers

  private Actor actor(String alias, Pos pos) throws ScenarioException {
    Actor a = actors.get(alias);
    if (a == null) {
      throw new ScenarioException(pos, "no process \"" + alias + "\"", "spawn it first");
    }
    if (!a.process.alive()) {
      throw new ScenarioException(
          pos,
          "process \"" + alias + "\" (pid " + a.process.pid() + ") is no longer running",
          "it exited or was killed earlier in the scenario");
    }
    return a;
  }

  private interface Call<T> {
    T get() throws SyscallException;
  }

  private interface VoidCall {
    void run() throws SyscallException;
  }

  private static <T> T call(Pos pos, Call<T> call) throws ScenarioException {
    try {
      return call.get();
    } catch (SyscallException e) {
      throw new ScenarioException(pos, e.getMessage(), "the machine is out of memory");
    }
  }

  private void syscall(Actor a, String call, VoidCall action) {
    String result;
    try {
      action.run();
      result = "0";
    } catch (SyscallException e) {
      result = Strace.error(e);
    }
    say(a.process, call + " = " + result);
  }

  /** The advice, or an error for one whose effect this version does not simulate. */
  private static Madvice madvice(MadviseStmt s) throws ScenarioException {
    return switch (s.advice()) {
      case NORMAL -> Madvice.NORMAL;
      case RANDOM -> Madvice.RANDOM;
      case SEQUENTIAL -> Madvice.SEQUENTIAL;
      case WILLNEED -> Madvice.WILLNEED;
      case DONTNEED -> Madvice.DONTNEED;
      case COLD -> Madvice.COLD;
      case PAGEOUT -> Madvice.PAGEOUT;
      case HUGEPAGE -> Madvice.HUGEPAGE;
      case NOHUGEPAGE -> Madvice.NOHUGEPAGE;
      case COLLAPSE -> Madvice.COLLAPSE;
      case FREE ->
          throw new ScenarioException(
              s.pos(),
              "madvise "
                  + s.advice().name().toLowerCase(java.util.Locale.ROOT)
                  + ": lazily freed pages are not simulated in this version",
              "use dontneed to drop pages, or munmap");
    };
  }

  private static Prot prot(dev.pagelab.sim.scenario.Prot p) {
    return new Prot(p.read(), p.write(), p.exec());
  }

  private static AccessType type(AccessKind kind) {
    return switch (kind) {
      case READ -> AccessType.READ;
      case WRITE -> AccessType.WRITE;
      case EXEC -> AccessType.EXECUTE;
    };
  }
}
