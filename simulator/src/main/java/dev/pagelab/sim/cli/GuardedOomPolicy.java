package dev.pagelab.sim.cli;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.List;

/**
 * An {@link OomPolicy} from outside the simulator whose failures become one clear message: the
 * method, the task or the OOM it was given, what it threw and where in its own code.
 */
final class GuardedOomPolicy implements OomPolicy {
  private final OomPolicy inner;
  private final String name;

  GuardedOomPolicy(OomPolicy inner, String name) {
    this.inner = inner;
    this.name = name;
  }

  @Override
  public long badness(OomTask task, long totalpages) {
    try {
      return inner.badness(task, totalpages);
    } catch (RuntimeException | StackOverflowError e) {
      throw failed("badness(" + describe(task) + ", totalpages " + totalpages + ")", e);
    }
  }

  @Override
  public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
    try {
      return inner.oomScore(task, totalramPages, totalSwapPages);
    } catch (RuntimeException | StackOverflowError e) {
      throw failed(
          String.format(
              "oomScore(%s, totalram %d pages, swap %d pages)",
              describe(task), totalramPages, totalSwapPages),
          e);
    }
  }

  @Override
  public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
    String call =
        String.format(
            "chooseVictim(%s, current %s, %d tasks)",
            oc.memcg().map(m -> "memcg OOM of " + m.path()).orElse("global OOM"),
            describe(oc.current()),
            tasks.size());
    OomChoice choice;
    try {
      choice = inner.chooseVictim(oc, List.copyOf(tasks));
    } catch (RuntimeException | StackOverflowError e) {
      throw failed(call, e);
    }
    if (choice == null) {
      throw new StudentCodeException(name + "." + call + " returned null");
    }
    if (choice instanceof OomChoice.Chosen c
        && tasks.stream().noneMatch(t -> same(t, c.victim()))) {
      throw new StudentCodeException(
          name + "." + call + " chose " + describe(c.victim()) + ", which is not one of the tasks");
    }
    if (choice instanceof OomChoice.AllocatingTask a && !same(a.victim(), oc.current())) {
      throw new StudentCodeException(
          name
              + "."
              + call
              + " returned AllocatingTask("
              + describe(a.victim())
              + "), which is not current");
    }
    return choice;
  }

  private static boolean same(OomTask a, OomTask b) {
    return a.pid() == b.pid();
  }

  /** {@code pid 25974 (holdmem)}. */
  static String describe(OomTask t) {
    return "pid " + t.pid() + " (" + t.comm() + ")";
  }

  /** The exception as one line: the call, what was thrown, and the first line of ours it passed. */
  private StudentCodeException failed(String call, Throwable e) {
    String where = "";
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().equals(name) || f.getClassName().startsWith(name + "$")) {
        where = " at " + f.getFileName() + ":" + f.getLineNumber();
        break;
      }
    }
    return new StudentCodeException(
        name + "." + call + " threw " + StudentClasses.oneLine(e) + where);
  }
}
