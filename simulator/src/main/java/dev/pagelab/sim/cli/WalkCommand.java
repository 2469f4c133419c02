package dev.pagelab.sim.cli;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MachineConfig;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.paging.ReferenceWalker;
import dev.pagelab.sim.paging.WalkExplainer;
import dev.pagelab.sim.run.ScenarioRunner;
import dev.pagelab.sim.scenario.Scenario;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.vm.Prot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pagelab walk}: one address translation explained level by level. */
@Command(
    name = "walk",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Explain one address translation step by step.",
      "Shows the indices per level, each entry read and its bits, and the result or the fault.",
      "Without --scenario, a process 'demo' maps 4 MiB ('buf') and writes its first page;",
      "with --scenario, the scenario runs first (quietly) and its process is used.",
      "Examples: pagelab walk                       (the first page of buf)",
      "          pagelab walk 0x7ffff7800000 --write",
      "          pagelab walk --paging 5level",
      "          pagelab walk --hugetlb 2MiB          (a PMD leaf: buf is a MAP_HUGETLB mapping)",
      "          pagelab walk --hugetlb 1GiB          (a PUD leaf)",
      "          pagelab walk --scenario demand-paging --process p 0x7ffff1800000",
      "          pagelab walk --walker student 0x7ffff7800000   (compare your walker)"
    })
final class WalkCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private WalkerOption walkerOption;

  @Mixin private StudentClasses classes;

  @Parameters(
      arity = "0..1",
      paramLabel = "ADDRESS",
      description = "The virtual address, e.g. 0x7ffff7800123 (default: the first page of buf).")
  private String address;

  @Option(names = "--write", description = "Explain a write (default: a read).")
  private boolean write;

  @Option(names = "--exec", description = "Explain an instruction fetch.")
  private boolean exec;

  @Option(names = "--supervisor", description = "Explain a kernel-mode access (default: user).")
  private boolean supervisor;

  @Option(
      names = "--paging",
      paramLabel = "4level|5level",
      defaultValue = "4level",
      description = "Paging mode of the demo machine. Example: --paging 5level")
  private String paging;

  @Option(
      names = "--hugetlb",
      paramLabel = "2MiB|1GiB",
      description =
          "Map buf with MAP_HUGETLB pages of this size (a pool of one page is reserved first),"
              + " write it and walk an address inside it. Example: --hugetlb 1GiB")
  private String hugetlb;

  @Option(
      names = "--scenario",
      paramLabel = "NAME|FILE",
      description = "Run this scenario first and walk in its process. Example: --scenario mmap")
  private String scenario;

  @Option(
      names = "--process",
      paramLabel = "ALIAS",
      description = "With --scenario: the process to walk in (default: the last one started).")
  private String processAlias;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (scenario != null && hugetlb != null) {
      throw new InputException(
          "--hugetlb " + hugetlb + ": sets up the demo process; it cannot be used with --scenario");
    }
    Setup setup = scenario != null ? fromScenario() : demo(out);
    long va = address == null ? setup.defaultAddress : parseAddress(address);
    Access access =
        new Access(
            write ? AccessType.WRITE : exec ? AccessType.EXECUTE : AccessType.READ, !supervisor);
    Machine m = setup.machine;
    long root = setup.process.mm().tables().rootPhys();
    PagingMode mode = m.config().pagingMode();
    if (walkerOption.custom()) {
      compare(out, m, root, va, access, mode);
    }
    WalkExplainer.Explanation explained = WalkExplainer.explain(m.memory(), root, va, access, mode);
    out.print(explained.text());
    if (explained.result() instanceof WalkResult.Translation t) {
      out.println(leafSummary(t, va, mode));
    }
    return 0;
  }

  /** The leaf level, the page size and the address bits that are the offset in the page. */
  static String leafSummary(WalkResult.Translation t, long va, PagingMode mode) {
    int shift = t.pageSize().shift();
    String size = shift == 30 ? "1 GiB" : shift == 21 ? "2 MiB" : "4 KiB";
    return String.format(
        "# leaf at level %d (%s, Linux %s): one %s page, %d walk steps; bits %d..0 of the"
            + " address (%d bits) are the offset 0x%x",
        t.level(),
        Pte.tableName(t.level()),
        Pte.linuxName(t.level(), mode),
        size,
        mode.levels() - t.level() + 1,
        shift - 1,
        shift,
        va & t.pageSize().offsetMask());
  }

  /** A machine, a process in it, and the address to walk when none is given. */
  private record Setup(Machine machine, Process process, long defaultAddress) {}

  private Setup demo(PrintWriter out) throws Exception {
    PagingMode mode =
        switch (paging) {
          case "4level" -> PagingMode.FOUR_LEVEL;
          case "5level" -> PagingMode.FIVE_LEVEL;
          default -> throw new InputException("--paging " + paging + ": expected 4level or 5level");
        };
    Machine m = new Machine(MachineConfig.DEFAULT.withPagingMode(mode));
    Process p = m.spawn("demo", "/usr/bin/demo");
    if (hugetlb != null) {
      return hugetlbDemo(out, m, p);
    }
    long buf = m.mmap(p, 0, 4L << 20, Prot.RW, false, false, null, 0);
    m.access(p, buf, AccessType.WRITE);
    out.printf(
        "# process demo (pid %d): buf = 0x%x-0x%x (4 MiB, rw, first page written)%n",
        p.pid(), buf, buf + (4L << 20));
    return new Setup(m, p, buf);
  }

  /** buf as one huge page of a hugetlb pool, written; the default address lies inside it. */
  private Setup hugetlbDemo(PrintWriter out, Machine m, Process p) throws Exception {
    long size =
        switch (hugetlb) {
          case "2MiB", "2M" -> 2L << 20;
          case "1GiB", "1G" -> 1L << 30;
          default -> throw new InputException("--hugetlb " + hugetlb + ": expected 2MiB or 1GiB");
        };
    m.sysctl("hugepages." + (size >> 10) + "kb.nr_hugepages", "1");
    long buf = m.mmapHugetlb(p, 0, size, Prot.RW, false, false, size);
    m.access(p, buf, AccessType.WRITE);
    out.printf(
        "# process demo (pid %d): buf = 0x%x-0x%x (one %s hugetlb page, rw, written)%n",
        p.pid(), buf, buf + size, size == 1L << 30 ? "1 GiB" : "2 MiB");
    return new Setup(m, p, buf + 0x12345);
  }

  private Setup fromScenario() throws Exception {
    Scenario parsed = RunCommand.load(scenario);
    ScenarioRunner.Result result = ScenarioRunner.run(parsed, new PrintWriter(new StringWriter()));
    Machine m = result.machine();
    List<Process> alive = new ArrayList<>(m.processes());
    Process chosen = alive.isEmpty() ? null : alive.get(alive.size() - 1);
    if (processAlias != null) {
      chosen = result.processes().get(processAlias);
      if (chosen == null || !chosen.alive()) {
        throw new InputException(
            "--process "
                + processAlias
                + ": no running process of that alias at the end of "
                + parsed.source()
                + " (running: "
                + result.runningAliases()
                + ")");
      }
    }
    if (chosen == null || chosen == m.init()) {
      throw new InputException(
          "--scenario " + scenario + ": no process is running at its end; walk needs one");
    }
    return new Setup(m, chosen, chosen.mm().startBrk());
  }

  /**
   * Runs the other walker on a copy-on-write view and says whether it agrees with the reference.
   */
  private void compare(
      PrintWriter out, Machine m, long root, long va, Access access, PagingMode mode)
      throws InputException {
    PageTableWalker other = walkerOption.walker(classes);
    OverlayMemory theirs = new OverlayMemory(m.memory());
    WalkResult got = other.walk(theirs, root, va, access, mode);
    OverlayMemory ours = new OverlayMemory(m.memory());
    WalkResult expected = new ReferenceWalker().walk(ours, root, va, access, mode);
    boolean same = got.equals(expected) && theirs.writes().equals(ours.writes());
    out.println("# your walker:  " + describe(got) + writes(theirs.writes()));
    out.println("# reference:    " + describe(expected) + writes(ours.writes()));
    out.println(same ? "# MATCH" : "# DIFFER: see the reference walk below");
  }

  /** A walk result in a line: the physical address and rights, or the fault and its error code. */
  static String describe(WalkResult result) {
    if (result instanceof WalkResult.Translation t) {
      return String.format(
          "physical 0x%x, %s page at level %d, %s %s %s",
          t.physicalAddress(),
          t.pageSize().name().substring(5),
          t.level(),
          t.writable() ? "writable" : "read-only",
          t.user() ? "user" : "supervisor",
          t.executable() ? "executable" : "no-execute");
    }
    WalkResult.PageFault f = (WalkResult.PageFault) result;
    return String.format(
        "fault at level %d: %s, %s", f.level(), f.reason(), Pte.describeErrorCode(f.errorCode()));
  }

  private static String writes(Map<Long, Long> writes) {
    if (writes.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(", wrote");
    writes.forEach((a, v) -> sb.append(String.format(" [0x%x]=0x%x", a, v)));
    return sb.toString();
  }

  private static long parseAddress(String text) throws InputException {
    try {
      String t = text.replace("_", "");
      return t.startsWith("0x") || t.startsWith("0X")
          ? Long.parseUnsignedLong(t.substring(2), 16)
          : Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      throw new InputException(
          "ADDRESS " + text + ": expected a number such as 0x7ffff7800000 or 140737345748992");
    }
  }
}
