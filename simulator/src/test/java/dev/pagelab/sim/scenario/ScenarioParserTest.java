package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {
  private static final String P = "spawn prog as p\n";

  private static Scenario parse(String text) throws ScenarioException {
    return ScenarioParser.parse("t.scn", text);
  }

  /** The last statement of {@code text}, which must be of {@code type}. */
  private static <T extends Statement> T last(String text, Class<T> type) throws ScenarioException {
    List<Statement> all = parse(text).statements();
    return assertInstanceOf(type, all.get(all.size() - 1));
  }

  private static View view(String text) throws ScenarioException {
    return last(text, ViewStmt.class).view();
  }

  @Test
  void blankAndCommentLinesAreSkippedAndPositionsKept() throws ScenarioException {
    Scenario s = parse("# intro\n\n   # indented comment\n  spawn a as p   # trailing\n");
    assertEquals(1, s.statements().size());
    assertEquals(new Pos("t.scn", 4, 3), s.statements().get(0).pos());
    assertEquals("  spawn a as p   # trailing", s.lineText(4));
  }

  @Test
  void windowsLineEndsAndAByteOrderMarkAreAccepted() throws ScenarioException {
    Scenario s = parse("\uFEFFsleep 1s\r\nfree -m\r\n");
    assertEquals(2, s.statements().size());
    assertEquals(new Pos("t.scn", 2, 1), s.statements().get(1).pos());
  }

  @Test
  void machineWithEveryKey() throws ScenarioException {
    Scenario s =
        parse(
            "machine ram=24GiB swap=0 paging=5level tlb=1536 cpus=12 min_free_kbytes=67584"
                + " seed=7 thp=always\n");
    MachineStmt m = s.machine();
    assertEquals(24L << 30, m.ramBytes());
    assertEquals(0, m.swapBytes());
    assertEquals(5, m.pagingLevels());
    assertEquals(1536, m.tlbEntries());
    assertEquals(12, m.cpus());
    assertEquals(OptionalLong.of(67584), m.minFreeKbytes());
    assertEquals(7, m.seed());
    assertEquals(ThpMode.ALWAYS, m.thp());
    assertEquals(1L << 56, m.userAddressLimit());
    assertEquals(List.of(m), s.statements());
  }

  @Test
  void machineDefaultsWhenAbsent() throws ScenarioException {
    MachineStmt m = parse("sleep 1s\n").machine();
    assertEquals(MachineStmt.defaults("t.scn"), m);
    assertEquals(0, m.pos().line());
    assertEquals(1L << 47, m.userAddressLimit());
    assertTrue(m.minFreeKbytes().isEmpty());
  }

  @Test
  void sysctlKeepsKeyValueAndValuePosition() throws ScenarioException {
    SysctlStmt s = last("sysctl -w vm.overcommit_memory=2\n", SysctlStmt.class);
    assertEquals("vm.overcommit_memory", s.key());
    assertEquals("2", s.value());
    assertEquals(32, s.valuePos().column());
  }

  @Test
  void fileAndFileMapping() throws ScenarioException {
    String text =
        "file /data/big size=100MiB\n"
            + P
            + "p mmap 8KiB r file=/data/big offset=4KiB shared as f\n";
    FileStmt f = assertInstanceOf(FileStmt.class, parse(text).statements().get(0));
    assertEquals("/data/big", f.path());
    assertEquals(100L << 20, f.sizeBytes());
    MmapStmt m = last(text, MmapStmt.class);
    assertEquals(new Backing.File("/data/big", 4096), m.backing());
    assertTrue(m.shared());
    assertEquals(new Prot(true, false, false), m.prot());
  }

  @Test
  void spawnWithOptions() throws ScenarioException {
    SpawnStmt s =
        last(
            "spawn demand-paging as p exe=/home/u/dp size=9MiB oom_score_adj=-500\n",
            SpawnStmt.class);
    assertEquals("demand-paging", s.comm());
    assertEquals("p", s.alias());
    assertEquals(Optional.of("/home/u/dp"), s.exe());
    assertEquals(OptionalLong.of(9L << 20), s.imageBytes());
    assertEquals(-500, s.oomScoreAdj());
    assertEquals(Optional.empty(), s.cgroup());
  }

  @Test
  void cgroupLinesWriteHighLowMinSwapMaxAndOomGroup() throws ScenarioException {
    String text =
        "cgroup g memory.high=100MiB memory.low=max memory.min=8MiB memory.swap.max=0"
            + " memory.oom.group=1 memory.max=1GiB\n"
            + "cat /sys/fs/cgroup/g/memory.stat\n"
            + "expect cgroup.g.memory.swap.current == 0\n"
            + "expect cgroup.g.memory.stat.file_dirty == 0\n"
            + "expect cgroup.g.memory.swap.events.max == 0\n"
            + "expect cgroup.g.high == 0\n";
    List<Statement> all = parse(text).statements();
    CgroupStmt c = (CgroupStmt) all.get(0);
    assertEquals(OptionalLong.of(1L << 30), c.maxBytes());
    assertEquals(
        List.of(
            new CgroupStmt.Setting("memory.high", OptionalLong.of(100L << 20)),
            new CgroupStmt.Setting("memory.low", OptionalLong.empty()),
            new CgroupStmt.Setting("memory.min", OptionalLong.of(8L << 20)),
            new CgroupStmt.Setting("memory.swap.max", OptionalLong.of(0)),
            new CgroupStmt.Setting("memory.oom.group", OptionalLong.of(1))),
        c.settings());
    assertEquals(new View.CgroupFile("g", "memory.stat"), ((ViewStmt) all.get(1)).view());
    List<String> fields = new ArrayList<>();
    for (Statement st : all.subList(2, 6)) {
      fields.add(((ExpectStmt.Subject.CgroupField) ((ExpectStmt) st).subject()).field());
    }
    assertEquals(
        List.of("memory.swap.current", "memory.stat.file_dirty", "memory.swap.events.max", "high"),
        fields);
  }

  @Test
  void cgroupsTheirProcessesViewsAndExpectations() throws ScenarioException {
    String text =
        "cgroup work/oomtest memory.max=200MiB\n"
            + "cgroup free memory.max=max\n"
            + "cgroup bare\n"
            + "spawn holdmem as h cgroup=work/oomtest\n"
            + "cat /sys/fs/cgroup/work/oomtest/memory.events\n"
            + "cat /sys/fs/cgroup/free/memory.current\n"
            + "expect cgroup.work/oomtest.oom_kill == 1\n"
            + "expect cgroup.free.memory.max > 1GiB\n";
    List<Statement> all = parse(text).statements();
    assertEquals(
        new CgroupStmt(new Pos("t.scn", 1, 1), "work/oomtest", OptionalLong.of(200L << 20)),
        all.get(0));
    assertEquals(OptionalLong.empty(), ((CgroupStmt) all.get(1)).maxBytes());
    assertEquals(OptionalLong.empty(), ((CgroupStmt) all.get(2)).maxBytes());
    assertEquals(Optional.of("work/oomtest"), ((SpawnStmt) all.get(3)).cgroup());
    assertEquals(
        new View.CgroupFile("work/oomtest", "memory.events"), ((ViewStmt) all.get(4)).view());
    assertEquals(new View.CgroupFile("free", "memory.current"), ((ViewStmt) all.get(5)).view());
    ExpectStmt e = (ExpectStmt) all.get(6);
    assertEquals(new ExpectStmt.Subject.CgroupField("work/oomtest", "oom_kill"), e.subject());
    assertFalse(e.subject().isSize());
    ExpectStmt max = (ExpectStmt) all.get(7);
    assertEquals(new ExpectStmt.Subject.CgroupField("free", "memory.max"), max.subject());
    assertTrue(max.subject().isSize());
    assertEquals(1L << 30, max.value());
    assertEquals("CgroupStmt", all.get(0).accept(new NameVisitor()));
  }

  @Test
  void mmapDefaultsAreRwAnonPrivate() throws ScenarioException {
    MmapStmt m = last(P + "p mmap 80MB\n", MmapStmt.class);
    assertEquals("p", m.process());
    assertEquals(80_000_000L, m.length());
    assertEquals(Prot.RW, m.prot());
    assertEquals(Backing.ANON, m.backing());
    assertFalse(m.shared());
    assertTrue(m.address().isEmpty());
    assertFalse(m.fixed());
    assertFalse(m.populate());
    assertTrue(m.region().isEmpty());
  }

  @Test
  void mmapWithEveryWordInAnyOrder() throws ScenarioException {
    MmapStmt m =
        last(
            P + "p mmap 2MiB populate fixed at=0x7f0000000000 shared rwx anon as buf\n",
            MmapStmt.class);
    assertEquals(new Prot(true, true, true), m.prot());
    assertEquals(OptionalLong.of(0x7f0000000000L), m.address());
    assertTrue(m.fixed());
    assertTrue(m.populate());
    assertTrue(m.shared());
    assertEquals(Optional.of("buf"), m.region());
  }

  @Test
  void munmapWholeAndPart() throws ScenarioException {
    String text = P + "p mmap 1MiB as buf\np munmap buf offset=4KiB length=8KiB\n";
    MunmapStmt part = last(text, MunmapStmt.class);
    assertEquals(new Span(new Target.Region("buf"), 4096, OptionalLong.of(8192)), part.span());
    assertFalse(part.span().wholeRegion());
    MunmapStmt whole = last(text + "p munmap buf\n", MunmapStmt.class);
    assertTrue(whole.span().wholeRegion());
    MunmapStmt byAddress = last(P + "p munmap 0x7f0000000000 length=4KiB\n", MunmapStmt.class);
    assertEquals(new Target.Address(0x7f0000000000L), byAddress.span().target());
  }

  @Test
  void mprotectAndMadvise() throws ScenarioException {
    String text = P + "p mmap 1MiB as buf\np mprotect buf none length=4KiB\n";
    MprotectStmt mp = last(text, MprotectStmt.class);
    assertEquals(Prot.NONE, mp.prot());
    assertEquals(OptionalLong.of(4096), mp.span().length());
    MadviseStmt ma = last(text + "p madvise buf hugepage offset=8KiB\n", MadviseStmt.class);
    assertEquals(Advice.HUGEPAGE, ma.advice());
    assertEquals(8192, ma.span().offset());
  }

  @Test
  void brkGrowsAndShrinksTheHeap() throws ScenarioException {
    String text = P + "p brk +80MiB\np touch heap\np brk -80MiB\n";
    Scenario s = parse(text);
    assertEquals(80L << 20, ((BrkStmt) s.statements().get(1)).delta());
    assertEquals(-(80L << 20), ((BrkStmt) s.statements().get(3)).delta());
    TouchStmt t = (TouchStmt) s.statements().get(2);
    assertEquals(new Target.Region("heap"), t.span().target());
  }

  @Test
  void forkCopiesRegionNames() throws ScenarioException {
    String text = P + "p mmap 1MiB as buf\np fork as c\nc touch buf read\n";
    ForkStmt f = (ForkStmt) parse(text).statements().get(2);
    assertEquals("p", f.parent());
    assertEquals("c", f.child());
    assertEquals("c", last(text, TouchStmt.class).process());
  }

  @Test
  void touchDefaults() throws ScenarioException {
    TouchStmt t = last(P + "p mmap 100MiB as buf\np touch buf\n", TouchStmt.class);
    assertEquals(new Span(new Target.Region("buf"), 0, OptionalLong.empty()), t.span());
    assertEquals(AccessKind.WRITE, t.access());
    assertEquals(4096, t.stride());
    assertTrue(t.count().isEmpty());
    assertEquals(TouchOrder.FORWARD, t.order());
    assertTrue(t.rateBytesPerSecond().isEmpty());
  }

  @Test
  void touchWithEveryOption() throws ScenarioException {
    TouchStmt t =
        last(
            P
                + "p mmap 100MiB as buf\n"
                + "p touch buf exec stride=2MiB count=10 offset=4KiB length=50MiB order=random"
                + " rate=10MiB/s\n",
            TouchStmt.class);
    assertEquals(new Span(new Target.Region("buf"), 4096, OptionalLong.of(50L << 20)), t.span());
    assertEquals(AccessKind.EXEC, t.access());
    assertEquals(2L << 20, t.stride());
    assertEquals(OptionalLong.of(10), t.count());
    assertEquals(TouchOrder.RANDOM, t.order());
    assertEquals(OptionalLong.of(10L << 20), t.rateBytesPerSecond());
  }

  @Test
  void singleAccessesByAddressAndRegion() throws ScenarioException {
    AccessStmt w = last(P + "p write 0x0\n", AccessStmt.class);
    assertEquals(AccessKind.WRITE, w.access());
    assertEquals(new Location(new Target.Address(0), 0), w.location());
    AccessStmt r = last(P + "p mmap 1MiB as buf\np read buf+8KiB\n", AccessStmt.class);
    assertEquals(new Location(new Target.Region("buf"), 8192), r.location());
    assertEquals(AccessKind.EXEC, last(P + "p exec 0x401000\n", AccessStmt.class).access());
  }

  @Test
  void exitWithAndWithoutStatus() throws ScenarioException {
    assertEquals(0, last(P + "p exit\n", ExitStmt.class).status());
    assertEquals(3, last(P + "p exit status=3\n", ExitStmt.class).status());
  }

  @Test
  void sleepEveryAndStop() throws ScenarioException {
    assertEquals(2_500_000_000L, last("sleep 2.5s\n", SleepStmt.class).nanos());
    String text = P + "every 1s: ps p -o vsz,rss,maj_flt,min_flt\n";
    EveryStmt e = last(text, EveryStmt.class);
    assertEquals(1_000_000_000L, e.periodNanos());
    assertInstanceOf(View.Ps.class, e.view());
    assertEquals(500_000_000L, last("every 500ms : free -m\n", EveryStmt.class).periodNanos());
    assertEquals(new Pos("t.scn", 3, 1), last(text + "stop every\n", StopEveryStmt.class).pos());
  }

  @Test
  void freeFlags() throws ScenarioException {
    assertEquals(new View.Free(View.FreeUnit.KIBI, false, false, false), view("free\n"));
    assertEquals(new View.Free(View.FreeUnit.MEBI, true, false, false), view("free -mw\n"));
    assertEquals(new View.Free(View.FreeUnit.HUMAN, false, true, true), view("free -h -t --si\n"));
    assertEquals(new View.Free(View.FreeUnit.BYTES, true, false, false), view("free --wide -b\n"));
  }

  @Test
  void psSelectionColumnsAndHeaders() throws ScenarioException {
    String text = P + "spawn other as q\n";
    View.Ps ps = (View.Ps) view(text + "ps p -o pid,comm -o vsz,rss,maj_flt,min_flt\n");
    assertEquals(List.of("p"), ps.processes());
    assertEquals(
        List.of("pid", "comm", "vsz", "rss", "maj_flt", "min_flt"),
        ps.columns().stream().map(View.PsColumn::field).toList());
    assertTrue(ps.headers());
    View.Ps renamed = (View.Ps) view(text + "ps -p p,q -o pid,rss=RES,X --no-headers\n");
    assertEquals(List.of("p", "q"), renamed.processes());
    assertEquals(new View.PsColumn("rss", Optional.of("RES,X")), renamed.columns().get(1));
    assertFalse(renamed.headers());
    assertFalse(((View.Ps) view(text + "ps -o pid= -o rss=\n")).headers());
    View.Ps plain = (View.Ps) view(text + "ps\n");
    assertTrue(plain.processes().isEmpty() && plain.columns().isEmpty() && plain.headers());
  }

  @Test
  void catFiles() throws ScenarioException {
    assertEquals(new View.ProcFile("meminfo"), view("cat /proc/meminfo\n"));
    assertEquals(new View.ProcFile("vmstat"), view("cat /proc/vmstat\n"));
    assertEquals(new View.PidFile("p", "maps"), view(P + "cat /proc/p/maps\n"));
    assertEquals(new View.PidFile("p", "status"), view(P + "cat /proc/p/status\n"));
  }

  @Test
  void dmesgWalkEchoSar() throws ScenarioException {
    assertEquals(new View.Dmesg(), view("dmesg\n"));
    assertEquals(
        new View.Walk("p", new Location(new Target.Address(0x401000), 0)),
        view(P + "walk p 0x401000\n"));
    assertEquals(new View.Echo("a  # b c"), view("echo \"a  # b\" c   # comment\n"));
    assertEquals(new View.Echo("say \"hi\""), view("echo \"say \\\"hi\\\"\"\n"));
    assertEquals(new View.Echo(""), view("echo\n"));
    assertEquals(
        new View.Sar(View.SarReport.MEMORY_ALL, true),
        last("every 1s: sar -h -r ALL\n", EveryStmt.class).view());
    assertEquals(
        new View.Sar(View.SarReport.PAGING, false),
        last("every 1s: sar -B\n", EveryStmt.class).view());
  }

  @Test
  void expectations() throws ScenarioException {
    ExpectStmt rss = last(P + "expect p.rss >= 100MiB\n", ExpectStmt.class);
    assertEquals(new ExpectStmt.Subject.ProcessField("p", "rss"), rss.subject());
    assertEquals(ExpectStmt.Op.GE, rss.op());
    assertEquals(100L << 20, rss.value());
    assertTrue(rss.holds(100L << 20));
    assertFalse(rss.holds((100L << 20) - 1));
    ExpectStmt flt = last(P + "expect p.last_min_flt == 25600\n", ExpectStmt.class);
    assertFalse(flt.subject().isSize());
    assertEquals(25600, flt.value());
    ExpectStmt near = last(P + "expect p.rss == 80MB +- 1MiB\n", ExpectStmt.class);
    assertEquals(1L << 20, near.tolerance());
    assertTrue(near.holds(80_000_000L + (1L << 20)));
    assertFalse(near.holds(80_000_000L + (1L << 20) + 1));
    ExpectStmt mem = last("expect meminfo.Active(anon) < 1GiB\n", ExpectStmt.class);
    assertEquals(new ExpectStmt.Subject.MeminfoField("Active(anon)"), mem.subject());
    assertTrue(mem.subject().isSize());
    ExpectStmt vm = last("expect vmstat.pgfault != 0\n", ExpectStmt.class);
    assertEquals(ExpectStmt.Op.NE, vm.op());
    assertFalse(vm.subject().isSize());
    assertEquals(-5, last(P + "expect p.oom_score_adj == -5\n", ExpectStmt.class).value());
  }

  @Test
  void visitorsSeeEveryKind() throws ScenarioException {
    Scenario s = BundledScenarios.load("faults");
    Statement.Visitor<String> names = new NameVisitor();
    for (Statement st : s.statements()) {
      assertEquals(st.getClass().getSimpleName(), st.accept(names));
    }
  }

  @Test
  void namesAFileByThePathItWasGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("demo.scn");
    java.nio.file.Files.writeString(file, "sleep 1s\nfrob\n");
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(file));
    assertEquals(file + ":2:1: unknown command \"frob\"", e.headline());
  }

  @Test
  void aMissingFileIsAOneLineError(@TempDir Path dir) {
    Path file = dir.resolve("nope.scn");
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(file));
    assertEquals(file + ": cannot read the scenario file (NoSuchFileException)", e.headline());
    assertTrue(e.pos().isEmpty());
  }

  /** Returns each statement's record name, to show the visitor dispatches to the right method. */
  private static final class NameVisitor implements Statement.Visitor<String> {
    @Override
    public String visit(FileOpStmt s) {
      return "FileOpStmt";
    }

    @Override
    public String visit(MachineStmt s) {
      return "MachineStmt";
    }

    @Override
    public String visit(SysctlStmt s) {
      return "SysctlStmt";
    }

    @Override
    public String visit(CgroupStmt s) {
      return "CgroupStmt";
    }

    @Override
    public String visit(FileStmt s) {
      return "FileStmt";
    }

    @Override
    public String visit(SpawnStmt s) {
      return "SpawnStmt";
    }

    @Override
    public String visit(MmapStmt s) {
      return "MmapStmt";
    }

    @Override
    public String visit(MunmapStmt s) {
      return "MunmapStmt";
    }

    @Override
    public String visit(MprotectStmt s) {
      return "MprotectStmt";
    }

    @Override
    public String visit(MadviseStmt s) {
      return "MadviseStmt";
    }

    @Override
    public String visit(PinStmt s) {
      return "PinStmt";
    }

    @Override
    public String visit(BrkStmt s) {
      return "BrkStmt";
    }

    @Override
    public String visit(ForkStmt s) {
      return "ForkStmt";
    }

    @Override
    public String visit(TouchStmt s) {
      return "TouchStmt";
    }

    @Override
    public String visit(AccessStmt s) {
      return "AccessStmt";
    }

    @Override
    public String visit(ExitStmt s) {
      return "ExitStmt";
    }

    @Override
    public String visit(PrctlStmt s) {
      return "PrctlStmt";
    }

    @Override
    public String visit(TasksetStmt s) {
      return "TasksetStmt";
    }

    @Override
    public String visit(SleepStmt s) {
      return "SleepStmt";
    }

    @Override
    public String visit(ViewStmt s) {
      return "ViewStmt";
    }

    @Override
    public String visit(EveryStmt s) {
      return "EveryStmt";
    }

    @Override
    public String visit(StopEveryStmt s) {
      return "StopEveryStmt";
    }

    @Override
    public String visit(ExpectStmt s) {
      return "ExpectStmt";
    }
  }
}
