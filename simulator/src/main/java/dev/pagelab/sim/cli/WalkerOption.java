package dev.pagelab.sim.cli;

import dev.pagelab.sim.paging.ReferenceWalker;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.tools.InputException;
import picocli.CommandLine.Option;

/**
 * {@code --walker}: run the machine on another page-table walker (loaded from {@code --classes}).
 */
final class WalkerOption {
  /** The class the page-walk exercise asks students to write. */
  static final String STUDENT_CLASS = "dev.pagelab.exercises.pagewalk.Walker";

  @Option(
      names = "--walker",
      paramLabel = "reference|student|CLASS",
      defaultValue = "reference",
      description =
          "The page-table walker the MMU uses: the simulator's own (reference), your exercise"
              + " solution (student = "
              + STUDENT_CLASS
              + "), or any class implementing dev.pagelab.sim.spi.PageTableWalker."
              + " Example: --walker student. 내 과제 워커로 실행하려면 --walker student.")
  String walker;

  /** True unless the reference walker was chosen. */
  boolean custom() {
    return !walker.equals("reference");
  }

  /**
   * The walker chosen, guarded so that its exceptions are reported, not thrown at the user.
   *
   * @param from where a student's or another class is loaded from
   */
  PageTableWalker walker(StudentClasses from) throws InputException {
    if (!custom()) {
      return new ReferenceWalker();
    }
    String className = walker.equals("student") ? STUDENT_CLASS : walker;
    return new GuardedWalker(from.load("--walker", className, PageTableWalker.class), className);
  }
}
