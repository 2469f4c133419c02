package dev.pagelab.sim.cli;

import dev.pagelab.sim.oom.Memcg;
import dev.pagelab.sim.oom.OomBadness;
import dev.pagelab.sim.oom.OomKiller;
import dev.pagelab.sim.oom.Task;
import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.tools.MeminfoFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pagelab oom --proc DIR}: scores every process of a {@code /proc}-like directory as the OOM
 * killer would ({@code mm/oom_kill.c oom_badness}, {@code fs/proc/base.c proc_oom_score}) and marks
 * the victim it would choose. {@code pagelab oom --proc /proc} works on a live Linux machine.
 */
@Command(
    name = "oom",
    sortOptions = false,
    description = {
      "Score the processes of a /proc directory as the OOM killer does and show its victim.",
      "Example: pagelab oom --proc /proc"
    })
final class OomCommand implements Callable<Integer> {
  /** The columns, the command name last before the note as in the kernel's {@code dump_tasks}. */
  private static final String FORMAT = "%7s %10s %9s %9s %5s %10s %9s %6s  %-15s  %s%n";

  @Spec private CommandSpec spec;

  @Option(
      names = "--proc",
      paramLabel = "DIR",
      defaultValue = "/proc",
      description = {
        "A directory laid out like /proc: meminfo, <pid>/status, <pid>/stat, <pid>/oom_score_adj",
        "(and <pid>/oom_score, shown for comparison). Default /proc. Example: --proc /proc"
      })
  private Path proc;

  @Option(
      names = "--memcg-limit",
      paramLabel = "BYTES",
      description = {
        "Choose the victim as in a memory cgroup OOM whose limit is BYTES and which holds every",
        "process listed (totalpages = BYTES / 4096). Example: --memcg-limit 209715200"
      })
  private Long memcgLimit;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Override
  public Integer call() throws InputException {
    if (memcgLimit != null && memcgLimit < 4096) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--memcg-limit': " + memcgLimit + " (expected >= 4096)");
    }
    MeminfoFile meminfo = MeminfoFile.read(proc.resolve("meminfo"));
    long ramPages = meminfo.require("MemTotal", "the OOM score") / 4;
    long swapPages = meminfo.require("SwapTotal", "the OOM score") / 4;
    long procTotal = ramPages + swapPages;
    Optional<Memcg> memcg =
        memcgLimit == null ? Optional.empty() : Optional.of(Memcg.limited("/", memcgLimit / 4096));
    long totalpages = memcg.map(m -> m.maxPages(0)).orElse(procTotal);
    List<ProcTasks.Entry> entries = ProcTasks.read(proc);
    List<Task> tasks = new ArrayList<>();
    entries.forEach(e -> tasks.add(e.task()));
    OomKiller.Selection s = OomKiller.selectBadProcess(tasks, memcg, totalpages, false);
    print(meminfo, memcg, totalpages, procTotal, entries, s);
    return 0;
  }

  private void print(
      MeminfoFile meminfo,
      Optional<Memcg> memcg,
      long totalpages,
      long procTotal,
      List<ProcTasks.Entry> entries,
      OomKiller.Selection s) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "totalpages %d (MemTotal %d kB + SwapTotal %d kB)%n",
        procTotal, meminfo.getOrZero("MemTotal"), meminfo.getOrZero("SwapTotal"));
    memcg.ifPresent(
        m -> out.printf("memcg OOM: totalpages %d (limit %d bytes)%n", totalpages, memcgLimit));
    out.printf(
        FORMAT,
        "PID",
        "RSS",
        "SWAP",
        "PGTABLES",
        "ADJ",
        "BADNESS",
        "OOM_SCORE",
        "KERNEL",
        "COMM",
        "NOTE");
    int victim = s.chosen().map(Task::pid).orElse(-1);
    for (ProcTasks.Entry e : entries) {
      Task t = e.task();
      long badness = OomBadness.badness(t, totalpages);
      String note =
          t.pid() == victim
              ? "<- victim: highest badness"
              : OomBadness.ineligible(t).map(r -> "unkillable: " + r.text()).orElse("");
      out.printf(
          FORMAT,
          t.pid(),
          t.rss() * 4 + "kB",
          t.swapents() * 4 + "kB",
          (t.pgtablesBytes() >> 10) + "kB",
          t.oomScoreAdj(),
          badness == OomBadness.UNKILLABLE ? "-" : Long.toString(badness),
          OomBadness.oomScore(t, procTotal),
          e.kernelOomScore().isPresent() ? Long.toString(e.kernelOomScore().getAsLong()) : "-",
          t.comm(),
          note);
    }
    out.println(
        s.chosen()
            .map(
                t ->
                    String.format(
                        "victim: pid %d (%s), badness %d of %d pages",
                        t.pid(), t.comm(), s.points(), totalpages))
            .orElse("victim: none (no killable process)"));
    out.flush();
  }
}
