package dev.pagelab.exercises.oom;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.List;

/**
 * The checks of the public tests: each calls the student's code once and, if the answer is wrong,
 * fails with the input, what was expected and why, and what came back, in English and Korean.
 */
final class OomCheck {
  private OomCheck() {}

  /** {@code badness(task, totalpages)} must be {@code expected}. */
  static void badness(
      OomPolicy killer, OomTask task, long totalpages, long expected, String whyEn, String whyKo) {
    long got = killer.badness(task, totalpages);
    if (got != expected) {
      fail(
          Feedback.of(
              "badness("
                  + Describe.task(task)
                  + "; totalpages "
                  + totalpages
                  + "): expected "
                  + Describe.badness(expected)
                  + " because "
                  + whyEn
                  + ", but got "
                  + Describe.badness(got),
              "badness("
                  + Describe.taskKo(task)
                  + "; totalpages "
                  + totalpages
                  + "): 기대값 "
                  + Describe.badness(expected)
                  + ", 이유: "
                  + whyKo
                  + ". 그런데 "
                  + Describe.badness(got)
                  + " 을(를) 돌려주었습니다"));
    }
  }

  /** {@code oomScore(task, ram, swap)} must be {@code expected}. */
  static void oomScore(
      OomPolicy killer,
      OomTask task,
      long ramPages,
      long swapPages,
      long expected,
      String whyEn,
      String whyKo) {
    long got = killer.oomScore(task, ramPages, swapPages);
    if (got != expected) {
      fail(
          Feedback.of(
              "oomScore("
                  + Describe.task(task)
                  + "; totalram "
                  + ramPages
                  + " pages, swap "
                  + swapPages
                  + " pages): expected "
                  + expected
                  + " because "
                  + whyEn
                  + ", but got "
                  + got,
              "oomScore("
                  + Describe.taskKo(task)
                  + "; totalram "
                  + ramPages
                  + " 페이지, 스왑 "
                  + swapPages
                  + " 페이지): 기대값 "
                  + expected
                  + ", 이유: "
                  + whyKo
                  + ". 그런데 "
                  + got
                  + " 을(를) 돌려주었습니다"));
    }
  }

  /**
   * {@code chooseVictim(oc, tasks)} must give {@code expected}: the same kind of answer, the same
   * victim (by pid) and, for a scan, the same points.
   */
  static void choice(
      OomPolicy killer,
      OomControl oc,
      List<OomTask> tasks,
      OomChoice expected,
      String whyEn,
      String whyKo) {
    OomChoice got = killer.chooseVictim(oc, tasks);
    if (!same(expected, got)) {
      fail(
          Feedback.of(
              "chooseVictim("
                  + Describe.oom(oc)
                  + "), tasks in process order:"
                  + Describe.tasks(tasks, false)
                  + "\n  expected "
                  + Describe.choice(expected)
                  + " because "
                  + whyEn
                  + "\n  but got "
                  + Describe.choice(got),
              "chooseVictim("
                  + Describe.oomKo(oc)
                  + "), 프로세스 순서대로 본 태스크:"
                  + Describe.tasks(tasks, true)
                  + "\n  기대값 "
                  + Describe.choice(expected)
                  + ", 이유: "
                  + whyKo
                  + "\n  돌려준 값 "
                  + Describe.choice(got)));
    }
  }

  /** Same kind, same victim pid, same points. */
  static boolean same(OomChoice expected, OomChoice got) {
    if (got == null || expected.getClass() != got.getClass()) {
      return false;
    }
    if (expected instanceof OomChoice.Chosen e) {
      OomChoice.Chosen g = (OomChoice.Chosen) got;
      return g.victim() != null && e.victim().pid() == g.victim().pid() && e.points() == g.points();
    }
    if (expected instanceof OomChoice.AllocatingTask e) {
      OomChoice.AllocatingTask g = (OomChoice.AllocatingTask) got;
      return g.victim() != null && e.victim().pid() == g.victim().pid();
    }
    return true;
  }
}
