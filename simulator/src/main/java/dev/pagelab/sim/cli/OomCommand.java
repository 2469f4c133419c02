package dev.pagelab.sim.cli;

import dev.pagelab.sim.oom.Ineligible;
import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import dev.pagelab.sim.tools.InputException;
import dev.pagelab.sim.tools.MeminfoFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pagelab oom --proc DIR}: scores every process of a {@code /proc}-like directory as the OOM
 * killer would ({@code mm/oom_kill.c oom_badness}, {@code fs/proc/base.c proc_oom_score}), marks
 * the victim it would choose, and counts how many scores equal the kernel's own {@code
 * PID/oom_score}. {@code pagelab oom --proc /proc} works on a live Linux machine; with {@code
 * --oom-policy student} the scores and the victim are those of the student's code.
 */
@Command(
    name = "oom",
    sortOptions = false,
    description = {
      "Score the processes of a /proc directory as the OOM killer does and show its victim.",
      "Examples: pagelab oom --proc /proc",
      "          pagelab oom --proc /proc --oom-policy student   (your code next to your kernel)"
    })
final class OomCommand implements Callable<Integer> {
  /** The columns, the command name last before the note as in the kernel's {@code dump_tasks}. */
  private static final String FORMAT = "%7s %10s %9s %9s %5s %10s %9s %6s  %-15s  %s%n";

  /**
   * The task on whose behalf the scan runs: a kernel worker, as for SysRq-f, that is not among the
   * processes scanned. With {@code oom_kill_allocating_task} off it plays no part in the choice.
   */
  private static final OomTask WORKER =
      new OomTask(0, "kworker", 0, 0, 0, 0, 0, 0, true, false, false, false, false, false, "/");

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

  @Mixin private OomPolicyOption oomPolicyOption;

  @Mixin private StudentClasses classes;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Override
  public Integer call() throws InputException {
    if (memcgLimit != null && memcgLimit < 4096) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--memcg-limit': " + memcgLimit + " (expected >= 4096)");
    }
    OomPolicy policy = oomPolicyOption.policy(classes);
    MeminfoFile meminfo = MeminfoFile.read(proc.resolve("meminfo"));
    long ramPages = meminfo.require("MemTotal", "the OOM score") / 4;
    long swapPages = meminfo.require("SwapTotal", "the OOM score") / 4;
    Optional<OomMemcg> memcg =
        memcgLimit == null ? Optional.empty() : Optional.of(new OomMemcg("/", memcgLimit / 4096));
    List<ProcTasks.Entry> entries = ProcTasks.read(proc);
    List<OomTask> tasks = new ArrayList<>();
    entries.forEach(e -> tasks.add(e.task().oomTask()));
    OomControl oc = new OomControl(WORKER, memcg, ramPages, swapPages, 0, false);
    OomChoice choice = policy.chooseVictim(oc, tasks);
    print(meminfo, oc, entries, policy, choice);
    return 0;
  }

  private void print(
      MeminfoFile meminfo,
      OomControl oc,
      List<ProcTasks.Entry> entries,
      OomPolicy policy,
      OomChoice choice) {
    PrintWriter out = spec.commandLine().getOut();
    long totalpages = ReferenceOomPolicy.totalpages(oc);
    out.printf(
        "totalpages %d (MemTotal %d kB + SwapTotal %d kB)%n",
        oc.totalramPages() + oc.totalSwapPages(),
        meminfo.getOrZero("MemTotal"),
        meminfo.getOrZero("SwapTotal"));
    oc.memcg()
        .ifPresent(
            m -> out.printf("memcg OOM: totalpages %d (limit %d bytes)%n", totalpages, memcgLimit));
    if (oomPolicyOption.custom()) {
      out.println("scored by " + oomPolicyOption.className());
    }
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
    int victim = victimPid(choice);
    int compared = 0;
    int matching = 0;
    for (ProcTasks.Entry e : entries) {
      OomTask t = e.task().oomTask();
      long badness = policy.badness(t, totalpages);
      long score = policy.oomScore(t, oc.totalramPages(), oc.totalSwapPages());
      boolean known = e.kernelOomScore().isPresent();
      boolean match = known && e.kernelOomScore().getAsLong() == score;
      compared += known ? 1 : 0;
      matching += match ? 1 : 0;
      out.printf(
          FORMAT,
          t.pid(),
          e.task().rss() * 4 + "kB",
          t.swapents() * 4 + "kB",
          (t.pgtablesBytes() >> 10) + "kB",
          t.oomScoreAdj(),
          badness == ReferenceOomPolicy.UNKILLABLE ? "-" : Long.toString(badness),
          score,
          known ? Long.toString(e.kernelOomScore().getAsLong()) : "-",
          t.comm(),
          note(t, badness, victim, known && !match));
    }
    out.println(victimLine(choice, totalpages));
    if (compared > 0) {
      out.printf(
          "oom_score: %d/%d match the kernel's %s/PID/oom_score%n", matching, compared, proc);
    }
    out.flush();
  }

  private static int victimPid(OomChoice choice) {
    if (choice instanceof OomChoice.Chosen c) {
      return c.victim().pid();
    }
    if (choice instanceof OomChoice.AllocatingTask a) {
      return a.victim().pid();
    }
    return -1;
  }

  /** The NOTE column: a differing score first, then the victim or why a task is unkillable. */
  private static String note(OomTask t, long badness, int victim, boolean differs) {
    String why = "";
    if (t.pid() == victim) {
      why = "<- victim: highest badness";
    } else if (badness == ReferenceOomPolicy.UNKILLABLE) {
      why =
          "unkillable: "
              + ReferenceOomPolicy.ineligible(t).map(Ineligible::text).orElse("by this policy");
    }
    if (!differs) {
      return why;
    }
    return why.isEmpty() ? "DIFFERS from the kernel" : "DIFFERS from the kernel; " + why;
  }

  private static String victimLine(OomChoice choice, long totalpages) {
    if (choice instanceof OomChoice.Chosen c) {
      return String.format(
          "victim: pid %d (%s), badness %d of %d pages",
          c.victim().pid(), c.victim().comm(), c.points(), totalpages);
    }
    if (choice instanceof OomChoice.AllocatingTask a) {
      return String.format(
          "victim: pid %d (%s), the allocating task", a.victim().pid(), a.victim().comm());
    }
    if (choice instanceof OomChoice.Aborted) {
      return "victim: none (an earlier victim is still exiting)";
    }
    return "victim: none (no killable process)";
  }
}
