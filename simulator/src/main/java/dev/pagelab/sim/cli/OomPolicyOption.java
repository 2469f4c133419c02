package dev.pagelab.sim.cli;

import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.tools.InputException;
import picocli.CommandLine.Option;

/**
 * {@code --oom-policy}: score processes and choose the OOM killer's victims with another {@link
 * OomPolicy} (loaded from {@code --classes}).
 */
final class OomPolicyOption {
  /** The class the OOM exercise asks students to write. */
  static final String STUDENT_CLASS = "dev.pagelab.exercises.oom.OomKiller";

  @Option(
      names = "--oom-policy",
      paramLabel = "reference|student|CLASS",
      defaultValue = "reference",
      description = {
        "What computes oom_badness, /proc/PID/oom_score and the OOM killer's victim: the"
            + " simulator's own (reference), your exercise solution (student = "
            + STUDENT_CLASS
            + "), or any class implementing dev.pagelab.sim.spi.OomPolicy. Example: --oom-policy"
            + " student",
        "oom_badness, /proc/PID/oom_score, OOM killer 의 희생자 선택을 누가 계산할지: 시뮬레이터의"
            + " 것(reference), 여러분의 과제 코드(student), 또는 OomPolicy 를 구현한 클래스."
      })
  String policy;

  /** True unless the reference policy was chosen. */
  boolean custom() {
    return !policy.equals("reference");
  }

  /** The name of the class chosen. */
  String className() {
    if (!custom()) {
      return ReferenceOomPolicy.class.getName();
    }
    return policy.equals("student") ? STUDENT_CLASS : policy;
  }

  /**
   * The policy chosen; another class is guarded so that its exceptions and impossible answers are
   * reported in one line, not thrown at the user.
   *
   * @param from where a student's or another class is loaded from
   */
  OomPolicy policy(StudentClasses from) throws InputException {
    if (!custom()) {
      return ReferenceOomPolicy.INSTANCE;
    }
    String className = className();
    return new GuardedOomPolicy(from.load("--oom-policy", className, OomPolicy.class), className);
  }
}
