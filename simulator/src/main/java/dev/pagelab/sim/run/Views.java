package dev.pagelab.sim.run;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MemCgroup;
import dev.pagelab.sim.kernel.ProcFs;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.paging.WalkExplainer;
import dev.pagelab.sim.proc.BuddyinfoFormat;
import dev.pagelab.sim.scenario.ExpectStmt.Subject;
import dev.pagelab.sim.scenario.Location;
import dev.pagelab.sim.scenario.Pos;
import dev.pagelab.sim.scenario.ScenarioException;
import dev.pagelab.sim.scenario.Span;
import dev.pagelab.sim.scenario.Target;
import dev.pagelab.sim.scenario.View;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.tools.Free;
import dev.pagelab.sim.tools.FreeOptions;
import dev.pagelab.sim.tools.FreeUnit;
import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.tools.MeminfoFile;
import dev.pagelab.sim.tools.Ps;
import dev.pagelab.sim.tools.PsField;
import dev.pagelab.sim.tools.PsRow;
import dev.pagelab.sim.tools.SarHost;
import dev.pagelab.sim.tools.SarOptions;
import dev.pagelab.sim.tools.SarReport;
import dev.pagelab.sim.tools.SarSample;
import dev.pagelab.sim.tools.SysstatVersion;
import dev.pagelab.sim.vm.Vma;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders views, resolves region names and expectation subjects against the running machine. */
final class Views {
  private final Machine machine;
  private final Map<String, Actor> actors;

  Views(Machine machine, Map<String, Actor> actors) {
    this.machine = machine;
    this.actors = actors;
  }

  // ---------------------------------------------------------------- rendering

  /** The text a view prints, ending in a newline. */
  String render(View view, Pos pos) throws ScenarioException {
    return view.accept(new Renderer(pos));
  }

  /** The shell command a view stands for, e.g. {@code ps -p 1000 -o vsz,rss}. */
  String command(View view) {
    if (view instanceof View.Free f) {
      return "free" + freeFlags(f);
    }
    if (view instanceof View.Ps ps) {
      List<String> pids = new ArrayList<>();
      for (String alias : ps.processes()) {
        Actor a = actors.get(alias);
        pids.add(a == null ? alias : Integer.toString(a.process.pid()));
      }
      List<String> cols = new ArrayList<>();
      for (View.PsColumn c : ps.columns()) {
        cols.add(c.field() + c.header().map(h -> "=" + h).orElse(""));
      }
      return "ps"
          + (pids.isEmpty() ? " -e" : " -p " + String.join(",", pids))
          + " -o "
          + String.join(",", cols)
          + (ps.headers() ? "" : " --no-headers");
    }
    if (view instanceof View.ProcFile f) {
      return "cat /proc/" + f.name();
    }
    if (view instanceof View.PidFile f) {
      Actor a = actors.get(f.process());
      return "cat /proc/" + (a == null ? f.process() : a.process.pid()) + "/" + f.name();
    }
    if (view instanceof View.CgroupFile f) {
      return "cat /sys/fs/cgroup/" + f.cgroup() + "/" + f.name();
    }
    if (view instanceof View.Walk w) {
      return "pagelab walk " + w.process() + " " + describe(w.location());
    }
    if (view instanceof View.Dmesg) {
      return "dmesg";
    }
    if (view instanceof View.Sar s) {
      return "sar "
          + (s.report() == View.SarReport.PAGING ? "-B" : "-r")
          + (s.report() == View.SarReport.MEMORY_ALL ? " ALL" : "")
          + (s.human() ? " -h" : "");
    }
    return "echo";
  }

  private static String freeFlags(View.Free f) {
    StringBuilder sb = new StringBuilder();
    switch (f.unit()) {
      case BYTES -> sb.append(" -b");
      case KIBI -> sb.append(f.si() ? " --kilo" : " -k");
      case MEBI -> sb.append(f.si() ? " --mega" : " -m");
      case GIBI -> sb.append(f.si() ? " --giga" : " -g");
      case TEBI -> sb.append(f.si() ? " --tera" : " --tebi");
      case HUMAN -> sb.append(f.si() ? " -h --si" : " -h");
    }
    if (f.wide()) {
      sb.append(" -w");
    }
    if (f.total()) {
      sb.append(" -t");
    }
    return sb.toString();
  }

  /** Renders each kind of view. */
  private final class Renderer implements View.Visitor<String> {
    private final Pos pos;

    Renderer(Pos pos) {
      this.pos = pos;
    }

    @Override
    public String visit(View.Free v) throws ScenarioException {
      FreeOptions options = FreeOptions.DEFAULT;
      options =
          switch (v.unit()) {
            case BYTES -> options.withUnit(FreeUnit.BYTES);
            case KIBI -> options.withUnit(v.si() ? FreeUnit.KILO : FreeUnit.KIBI);
            case MEBI -> options.withUnit(v.si() ? FreeUnit.MEGA : FreeUnit.MEBI);
            case GIBI -> options.withUnit(v.si() ? FreeUnit.GIGA : FreeUnit.GIBI);
            case TEBI -> options.withUnit(v.si() ? FreeUnit.TERA : FreeUnit.TEBI);
            case HUMAN -> options.with(v.si() ? new String[] {"-h", "--si"} : new String[] {"-h"});
          };
      if (v.wide()) {
        options = options.with("-w");
      }
      if (v.total()) {
        options = options.with("-t");
      }
      try {
        return Free.render(MeminfoFile.of("/proc/meminfo", ProcFs.meminfoFields(machine)), options);
      } catch (InputException e) {
        throw new ScenarioException(
            pos, e.getMessage(), "this is a bug in pagelab; please report it");
      }
    }

    @Override
    public String visit(View.Ps v) throws ScenarioException {
      List<PsRow> rows = new ArrayList<>();
      if (v.processes().isEmpty()) {
        for (Process p : machine.processes()) {
          rows.add(ProcFs.psRow(machine, p));
        }
      } else {
        for (String alias : v.processes()) {
          Actor a = actors.get(alias);
          if (a == null) {
            throw new ScenarioException(pos, "no process \"" + alias + "\"", "spawn it first");
          }
          if (a.process.alive()) {
            rows.add(ProcFs.psRow(machine, a.process));
          }
        }
      }
      List<String> formats = new ArrayList<>();
      for (View.PsColumn c : v.columns()) {
        formats.add(c.field() + c.header().map(h -> "=" + h).orElse(""));
      }
      try {
        List<PsField> fields = Ps.parseFormat(List.of(String.join(",", formats)), 4_194_304);
        return Ps.render(rows, fields, v.headers(), ProcFs.memTotalKb(machine));
      } catch (InputException e) {
        throw new ScenarioException(pos, e.getMessage(), "see docs/scenarios.md, \"ps\"");
      }
    }

    @Override
    public String visit(View.ProcFile v) throws ScenarioException {
      return switch (v.name()) {
        case "meminfo" -> ProcFs.meminfo(machine);
        case "vmstat" -> ProcFs.vmstat(machine);
        case "buddyinfo" -> ProcFs.buddyinfo(machine);
        case "swaps" -> ProcFs.swaps(machine);
        default ->
            throw new ScenarioException(
                pos,
                "/proc/" + v.name() + " is not simulated in this version",
                "simulated: /proc/meminfo, /proc/vmstat, /proc/buddyinfo, /proc/swaps");
      };
    }

    @Override
    public String visit(View.PidFile v) throws ScenarioException {
      Actor a = actors.get(v.process());
      if (a == null) {
        throw new ScenarioException(pos, "no process \"" + v.process() + "\"", "spawn it first");
      }
      Process p = a.process;
      if (!p.alive()) {
        return "cat: /proc/" + p.pid() + "/" + v.name() + ": No such file or directory\n";
      }
      return switch (v.name()) {
        case "maps" -> ProcFs.maps(p);
        case "status" -> ProcFs.status(machine, p);
        case "stat" -> ProcFs.stat(machine, p);
        case "statm" -> ProcFs.statm(p);
        case "smaps_rollup" -> ProcFs.smapsRollup(p);
        case "oom_score" -> ProcFs.oomScore(machine, p) + "\n";
        case "oom_score_adj" -> p.oomScoreAdj() + "\n";
        default ->
            throw new ScenarioException(
                pos,
                "/proc/PID/" + v.name() + " is not simulated in this version",
                "simulated: maps, status, stat, statm, smaps_rollup, oom_score, oom_score_adj");
      };
    }

    @Override
    public String visit(View.CgroupFile v) throws ScenarioException {
      MemCgroup c = cgroup(v.cgroup(), pos);
      return switch (v.name()) {
        case "memory.current" ->
            c.usagePages(machine.pageCache(), Machine.STACK_PAGES) * 4096 + "\n";
        case "memory.max" -> c.memoryMax();
        case "memory.high" -> c.memoryHigh();
        case "memory.low" -> c.memoryLow();
        case "memory.min" -> c.memoryMin();
        case "memory.swap.max" -> c.memorySwapMax();
        case "memory.swap.current" -> c.swapPages() * 4096 + "\n";
        case "memory.swap.events" -> c.swapEvents();
        case "memory.stat" -> c.memoryStat(machine.pageCache(), Machine.STACK_PAGES);
        case "memory.oom.group" -> (c.oomGroup() ? "1" : "0") + "\n";
        default -> c.memoryEvents();
      };
    }

    @Override
    public String visit(View.Dmesg v) {
      return machine.log().dmesg();
    }

    @Override
    public String visit(View.Walk v) throws ScenarioException {
      Actor a = actors.get(v.process());
      if (a == null || !a.process.alive()) {
        throw new ScenarioException(
            pos, "no running process \"" + v.process() + "\"", "spawn it first");
      }
      long va = location(a, v.location(), pos);
      return WalkExplainer.explain(
              machine.memory(),
              a.process.mm().tables().rootPhys(),
              va,
              Access.USER_READ,
              machine.config().pagingMode())
          .text();
    }

    @Override
    public String visit(View.Echo v) {
      return v.text() + "\n";
    }

    @Override
    public String visit(View.Sar v) throws ScenarioException {
      throw new ScenarioException(
          pos,
          "sar is not simulated in this version",
          "use free, cat /proc/meminfo or cat /proc/vmstat; pagelab sar comes with the page cache");
    }
  }

  // ---------------------------------------------------------------- sar

  /** The machine sar's banner names: the simulated kernel, host and date. */
  static final SarHost SAR_HOST =
      SarHost.linux("6.18.0-pagelab", "pagelab", LocalDate.of(2026, 11, 26), 2);

  /** What sadc would read now: /proc/uptime, /proc/meminfo, /proc/vmstat and the time of day. */
  SarSample sarSample() {
    long nanos = machine.nanos();
    return new SarSample(
        nanos / 10_000_000L,
        ProcFs.meminfoFields(machine),
        ProcFs.vmstatFields(machine),
        LocalTime.MIDNIGHT.plusNanos(nanos % 86_400_000_000_000L));
  }

  /** The sar report of a scenario's view (sysstat 12.6, as on the course's reference machine). */
  static SarOptions sarOptions(View.Sar v) {
    SarReport report =
        switch (v.report()) {
          case MEMORY -> SarReport.MEMORY;
          case MEMORY_ALL -> SarReport.MEMORY_ALL;
          case PAGING -> SarReport.PAGING;
        };
    return new SarOptions(report, v.human(), SysstatVersion.V12_6);
  }

  // ---------------------------------------------------------------- names and subjects

  /**
   * The range a span names: a region (or part of it), {@code heap}, {@code stack}, or an address.
   */
  Region span(Actor a, Span span, Pos pos) throws ScenarioException {
    Region base = target(a, span.target(), pos);
    long offset = span.offset();
    long available = base.length() - offset;
    if (span.target() instanceof Target.Region && available <= 0) {
      throw new ScenarioException(
          pos,
          "offset " + offset + " lies beyond the region (" + base.length() + " bytes)",
          "offsets count from the start of the region");
    }
    long length = span.length().orElse(span.target() instanceof Target.Region ? available : 4096);
    if (span.target() instanceof Target.Region && length > available) {
      throw new ScenarioException(
          pos,
          "offset + length reach past the end of the region (" + base.length() + " bytes)",
          "shorten length= or offset=");
    }
    return new Region(base.start() + offset, length);
  }

  /** The address a location names. */
  long location(Actor a, Location location, Pos pos) throws ScenarioException {
    return target(a, location.target(), pos).start() + location.offset();
  }

  private Region target(Actor a, Target target, Pos pos) throws ScenarioException {
    if (target instanceof Target.Address addr) {
      return new Region(addr.address(), 4096);
    }
    String name = ((Target.Region) target).name();
    Region r = a.regions.get(name);
    if (r != null) {
      return r;
    }
    if (name.equals("heap")) {
      long start = a.process.mm().startBrk();
      return new Region(start, a.process.mm().brk() - start);
    }
    if (name.equals("stack")) {
      for (Vma v : a.process.mm().vmas()) {
        if (v.growsDown()) {
          return new Region(v.start(), v.length());
        }
      }
    }
    throw new ScenarioException(
        pos,
        "process \"" + a.alias + "\" has no region \"" + name + "\"",
        "regions: " + a.regions.keySet() + ", heap, stack");
  }

  /** The value an {@code expect} compares: bytes for sizes, plain numbers for counts. */
  long subject(Subject subject, Pos pos) throws ScenarioException {
    if (subject instanceof Subject.MeminfoField m) {
      Long kb = ProcFs.meminfoFields(machine).get(m.name());
      if (kb == null) {
        throw new ScenarioException(
            pos,
            "/proc/meminfo has no field " + m.name(),
            "fields: " + ProcFs.meminfoFields(machine).keySet());
      }
      return m.isSize() ? kb * 1024 : kb;
    }
    if (subject instanceof Subject.VmstatField v) {
      Long value = ProcFs.vmstatFields(machine).get(v.name());
      if (value == null) {
        throw new ScenarioException(
            pos,
            "/proc/vmstat has no field " + v.name() + " here",
            "fields: " + ProcFs.vmstatFields(machine).keySet());
      }
      return value;
    }
    if (subject instanceof Subject.BuddyinfoField b) {
      List<String> zones = new ArrayList<>();
      for (BuddyinfoFormat.Zone z : ProcFs.buddyinfoZones(machine)) {
        if (z.zone().equals(b.zone())) {
          return z.freeBlocks()[b.order()];
        }
        zones.add(z.zone());
      }
      throw new ScenarioException(
          pos, "/proc/buddyinfo has no zone " + b.zone(), "zones of this machine: " + zones);
    }
    if (subject instanceof Subject.KhugepagedField k) {
      return Long.parseLong(machine.khugepaged().show(k.name()).strip());
    }
    if (subject instanceof Subject.CgroupField c) {
      return cgroupField(cgroup(c.cgroup(), pos), c.field());
    }
    Subject.ProcessField f = (Subject.ProcessField) subject;
    Actor a = actors.get(f.process());
    if (a == null) {
      throw new ScenarioException(pos, "no process \"" + f.process() + "\"", "spawn it first");
    }
    return processField(a, f.field(), pos);
  }

  private MemCgroup cgroup(String name, Pos pos) throws ScenarioException {
    MemCgroup c = machine.existingCgroup(name);
    if (c == null) {
      throw new ScenarioException(pos, "no cgroup \"" + name + "\"", "make it with a cgroup line");
    }
    return c;
  }

  /** {@code memory.current} and {@code memory.max} in bytes, or a {@code memory.events} count. */
  private long cgroupField(MemCgroup c, String field) {
    return switch (field) {
      case "memory.current" -> c.usagePages(machine.pageCache(), Machine.STACK_PAGES) * 4096;
      case "memory.max" -> c.maxPages() == MemCgroup.MAX ? Long.MAX_VALUE : c.maxPages() * 4096;
      case "memory.high" -> bytesOrMax(c.highPages());
      case "memory.low" -> bytesOrMax(c.lowPages());
      case "memory.min" -> bytesOrMax(c.minPages());
      case "memory.swap.max" -> bytesOrMax(c.swapMaxPages());
      case "memory.swap.current" -> c.swapPages() * 4096;
      case "memory.oom.group" -> c.oomGroup() ? 1 : 0;
      default -> cgroupCount(c, field);
    };
  }

  private static long bytesOrMax(long pages) {
    return pages == MemCgroup.MAX ? Long.MAX_VALUE : pages * 4096;
  }

  /**
   * A {@code memory.stat} line, a {@code memory.swap.events} line or a {@code memory.events} one.
   */
  private long cgroupCount(MemCgroup c, String field) {
    if (field.startsWith("memory.stat.")) {
      return c.stat(field.substring(12), machine.pageCache(), Machine.STACK_PAGES);
    }
    if (field.startsWith("memory.swap.events.")) {
      return c.swapEvent(field.substring(19));
    }
    return c.event(field);
  }

  private long processField(Actor a, String field, Pos pos) throws ScenarioException {
    Process p = a.process;
    if (field.equals("exit_status")) {
      return p.shellStatus();
    }
    if (field.equals("last_min_flt")) {
      return a.lastMinFlt;
    }
    if (field.equals("last_maj_flt")) {
      return a.lastMajFlt;
    }
    if (field.equals("min_flt")) {
      return p.minFlt();
    }
    if (field.equals("maj_flt")) {
      return p.majFlt();
    }
    if (field.equals("oom_score_adj")) {
      return p.oomScoreAdj();
    }
    if (field.startsWith("fork_")) {
      return forkField(p.mm().forkCopy(), field);
    }
    if (!p.alive()) {
      return 0;
    }
    var mm = p.mm();
    return switch (field) {
      case "vsz" -> mm.totalVm() * 4096;
      case "rss" -> mm.rss() * 4096;
      case "rss_anon" -> mm.rssAnon() * 4096;
      case "rss_file" -> mm.rssFile() * 4096;
      case "rss_shmem" -> mm.rssShmem() * 4096;
      case "vm_pte" -> mm.tables().pgtablesBytes();
      case "vm_swap" -> mm.swapents() * 4096;
      case "anon_huge" -> mm.anonHugePages() * 4096;
      case "hugetlb" -> mm.hugetlbPages() * 4096;
      case "oom_score" -> ProcFs.oomScore(machine, p);
      default ->
          throw new ScenarioException(
              pos, "unknown process field \"" + field + "\"", "see docs/scenarios.md, \"expect\"");
    };
  }

  /** What the fork that made the process copied ({@code fork_ptes}, {@code fork_pmds}...). */
  private static long forkField(dev.pagelab.sim.vm.ForkCopy c, String field) {
    return switch (field) {
      case "fork_ptes" -> c.ptes();
      case "fork_swap_ptes" -> c.swapPtes();
      case "fork_pmds" -> c.pmds();
      case "fork_puds" -> c.puds();
      case "fork_entries" -> c.entries();
      default -> c.tables();
    };
  }

  /** A span as the scenario wrote it: {@code buf}, {@code buf+4KiB}, {@code 0x7f...}. */
  static String describe(Span span) {
    String base =
        span.target() instanceof Target.Region r
            ? r.name()
            : String.format(Locale.ROOT, "0x%x", ((Target.Address) span.target()).address());
    return span.offset() == 0 ? base : base + "+" + span.offset();
  }

  private static String describe(Location location) {
    String base =
        location.target() instanceof Target.Region r
            ? r.name()
            : String.format(Locale.ROOT, "0x%x", ((Target.Address) location.target()).address());
    return location.offset() == 0 ? base : base + "+" + location.offset();
  }
}
