package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomTask;
import java.util.ArrayList;
import java.util.List;

/** The inputs and results of the tests as text for failure messages, in English and Korean. */
final class Describe {
  private Describe() {}

  /** {@code pid 500 (hog)}. */
  static String name(OomTask t) {
    return "pid " + t.pid() + " (" + t.comm() + ")";
  }

  /** A task with every field the OOM killer reads, in English. */
  static String task(OomTask t) {
    return name(t)
        + ": anon "
        + t.rssAnon()
        + " + file "
        + t.rssFile()
        + " + shmem "
        + t.rssShmem()
        + " pages resident, "
        + t.swapents()
        + " swap entries, "
        + t.pgtablesBytes()
        + " bytes of page tables, oom_score_adj "
        + t.oomScoreAdj()
        + flags(t, false);
  }

  /** The same in Korean. */
  static String taskKo(OomTask t) {
    return name(t)
        + ": 상주 anon "
        + t.rssAnon()
        + " + file "
        + t.rssFile()
        + " + shmem "
        + t.rssShmem()
        + " 페이지, 스왑 엔트리 "
        + t.swapents()
        + " 개, 페이지 테이블 "
        + t.pgtablesBytes()
        + " 바이트, oom_score_adj "
        + t.oomScoreAdj()
        + flags(t, true);
  }

  private static String flags(OomTask t, boolean ko) {
    List<String> f = new ArrayList<>();
    if (t.globalInit()) {
      f.add(ko ? "global init" : "global init");
    }
    if (t.kthread()) {
      f.add(ko ? "커널 스레드" : "kernel thread");
    }
    if (!t.hasMm()) {
      f.add(ko ? "mm 없음" : "no mm");
    }
    if (t.oomSkip()) {
      f.add("MMF_OOM_SKIP");
    }
    if (t.inVfork()) {
      f.add(ko ? "vfork 중" : "in vfork");
    }
    if (t.oomVictim()) {
      f.add(ko ? "이전 OOM 희생자(아직 종료 전)" : "earlier OOM victim, not exited yet");
    }
    if (!t.memcg().equals("/")) {
      f.add("memcg " + t.memcg());
    }
    return f.isEmpty() ? "" : " [" + String.join(", ", f) + "]";
  }

  /** A badness value; {@code LONG_MIN} by name. */
  static String badness(long value) {
    return value == Long.MIN_VALUE ? "LONG_MIN (Long.MIN_VALUE)" : Long.toString(value);
  }

  /** The OOM: global or memcg, the sizes, the sysctl and the allocating task, in English. */
  static String oom(OomControl oc) {
    String what =
        oc.memcg()
            .map(m -> "memcg OOM of " + m.path() + " (maxPages " + m.maxPages() + ")")
            .orElse("global OOM");
    return what
        + ", totalram "
        + oc.totalramPages()
        + " pages, swap "
        + oc.totalSwapPages()
        + " pages, order "
        + oc.order()
        + (oc.order() == -1 ? " (SysRq-f)" : "")
        + ", oom_kill_allocating_task "
        + (oc.oomKillAllocatingTask() ? 1 : 0)
        + ", current "
        + name(oc.current());
  }

  /** The same in Korean. */
  static String oomKo(OomControl oc) {
    String what =
        oc.memcg()
            .map(m -> "memcg OOM (" + m.path() + ", maxPages " + m.maxPages() + ")")
            .orElse("전역 OOM");
    return what
        + ", totalram "
        + oc.totalramPages()
        + " 페이지, 스왑 "
        + oc.totalSwapPages()
        + " 페이지, order "
        + oc.order()
        + (oc.order() == -1 ? " (SysRq-f)" : "")
        + ", oom_kill_allocating_task "
        + (oc.oomKillAllocatingTask() ? 1 : 0)
        + ", current "
        + name(oc.current());
  }

  /** Every task, one per line, in English or Korean. */
  static String tasks(List<OomTask> tasks, boolean ko) {
    StringBuilder out = new StringBuilder();
    for (OomTask t : tasks) {
      out.append("\n    ").append(ko ? taskKo(t) : task(t));
    }
    return out.toString();
  }

  /** A choice, e.g. {@code Chosen(pid 12 (hog), points 901)}. */
  static String choice(OomChoice c) {
    if (c instanceof OomChoice.Chosen chosen) {
      return "Chosen(" + name(chosen.victim()) + ", points " + chosen.points() + ")";
    }
    if (c instanceof OomChoice.AllocatingTask a) {
      return "AllocatingTask(" + name(a.victim()) + ")";
    }
    return c == null ? "null" : c.getClass().getSimpleName() + "()";
  }
}
