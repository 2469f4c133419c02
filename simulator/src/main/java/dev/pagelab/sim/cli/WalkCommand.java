package dev.pagelab.sim.cli;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.kernel.MachineConfig;
import dev.pagelab.sim.kernel.Process;
import dev.pagelab.sim.paging.WalkComparison;
import dev.pagelab.sim.paging.WalkExplainer;
import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.run.ScenarioRunner;
import dev.pagelab.sim.scenario.Scenario;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.Vma;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
      "          pagelab walk --walker student 0x7ffff7800123   (trace your walker, compare)",
      "With --walker student your Walker walks a copy of memory: each entry it reads and writes is",
      "listed, and the first level where it parts from the reference is marked.",
      "--walker student: 내 Walker가 메모리 사본 위에서 워크하며 읽고 쓴 엔트리를 차례로 보여 주고,",
      "기준 워커와 처음 달라지는 레벨을 표시합니다."
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
    if (scenario == null) {
      clearAccessedAndDirty(out, m.memory(), root, va, mode);
    }
    WalkExplainer.Explanation explained =
        WalkExplainer.explain(new OverlayMemory(m.memory()), root, va, access, mode);
    mappingNote(setup, va, explained.result()).ifPresent(out::println);
    int status = 0;
    if (walkerOption.custom()) {
      status = compare(out, m, explained);
      out.println();
    }
    out.print(explained.text());
    if (explained.result() instanceof WalkResult.Translation t) {
      out.println(leafSummary(t, va, mode));
    }
    return status;
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
    return new Setup(m, p, buf + 0x123);
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
   * Runs the other walker on a copy of memory, prints each entry it read and wrote, its result next
   * to the reference's and the first level where the two walks part. Returns the exit status: 1 if
   * the walker threw, else 0.
   */
  private int compare(PrintWriter out, Machine m, WalkExplainer.Explanation reference)
      throws InputException {
    PageTableWalker other = walkerOption.walker(classes);
    OverlayMemory theirs = new OverlayMemory(m.memory());
    out.println("# your walker (" + walkerOption.walker + "), as it used memory:");
    WalkResult got;
    try {
      got =
          other.walk(
              theirs,
              reference.rootTable(),
              reference.virtualAddress(),
              reference.access(),
              reference.mode());
    } catch (StudentCodeException e) {
      WalkComparison.compare(reference, theirs.events(), reference.result())
          .trace()
          .forEach(line -> out.println("#   " + line));
      out.println("# " + e.getMessage());
      spec.commandLine().getErr().println("pagelab: " + e.getMessage());
      return Main.EXIT_INPUT;
    }
    WalkComparison.Comparison c = WalkComparison.compare(reference, theirs.events(), got);
    c.trace().forEach(line -> out.println("#   " + line));
    out.println("# your walker:  " + WalkComparison.describe(got));
    out.println("# reference:    " + WalkComparison.describe(reference.result()));
    out.println("# " + verdict(c, reference));
    return 0;
  }

  /** MATCH, the same fault (which compares little), or where the walks differ. */
  private static String verdict(WalkComparison.Comparison c, WalkExplainer.Explanation reference) {
    if (c.difference().isPresent()) {
      WalkComparison.Difference d = c.difference().get();
      String where =
          d.level() == 0
              ? "before the first level"
              : "at level " + d.level() + " (" + Pte.tableName(d.level()) + ")";
      return "DIFFER " + where + ": " + d.text();
    }
    if (reference.result() instanceof WalkResult.PageFault) {
      return "SAME FAULT: both walks fault here, so only the fault was compared; walk an address"
          + " the process has touched to compare a translation (no ADDRESS: the default one)";
    }
    return "MATCH: the same entries read, the same result, the same A/D bits written";
  }

  /**
   * Clears A and D in every entry on the path of {@code va}, so that a walk shows which ones it
   * sets. Linux creates table entries with both set ({@code _PAGE_TABLE}) and maps a page with A
   * (and D for a write) already set, so in a fresh demo no walk would ever have to set one.
   */
  private static void clearAccessedAndDirty(
      PrintWriter out, PhysicalMemoryView memory, long root, long va, PagingMode mode) {
    if (!X86Paging.isCanonical(va, mode)) {
      return;
    }
    long table = root;
    int cleared = 0;
    for (int level = mode.levels(); level >= 1; level--) {
      long address = table + X86Paging.entryOffset(va, level);
      long entry = memory.readLong(address);
      if (!X86Paging.isPresent(entry)) {
        break;
      }
      memory.writeLong(address, entry & ~(Pte.PTE_A | Pte.PTE_D));
      cleared++;
      if (level == 1 || (level <= 3 && X86Paging.isLarge(entry))) {
        break;
      }
      table = X86Paging.pteToPhys(entry);
    }
    if (cleared > 0) {
      out.printf(
          "# A and D cleared in the %d entries on the path of 0x%x, so the walk shows which it"
              + " sets (Linux creates them already set)%n",
          cleared, va);
    }
  }

  /**
   * A line that says plainly why a walk faults when the address is not mapped, or mapped but not
   * touched yet; empty when the walk translates it or faults for another reason.
   */
  private static Optional<String> mappingNote(Setup setup, long va, WalkResult result) {
    if (!(result instanceof WalkResult.PageFault f) || f.reason() != FaultReason.NOT_PRESENT) {
      return Optional.empty();
    }
    Process p = setup.process;
    for (Vma v : p.mm().vmas()) {
      if (v.contains(va)) {
        return Optional.of(
            String.format(
                "# 0x%x is inside the mapping 0x%x-0x%x (%s) of %s but not touched yet: its"
                    + " page-table entries appear on the first access",
                va, v.start(), v.end(), v.prot().letters(), p.comm()));
      }
    }
    return Optional.of(
        String.format(
            "# 0x%x is not mapped in %s (no VMA contains it), so every walk faults there; without"
                + " ADDRESS, pagelab walk uses 0x%x",
            va, p.comm(), setup.defaultAddress));
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
