package dev.pagelab.grader.core.validate;

import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.Submission;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Validator} checks.
 *
 * @param exercise the exercise, e.g. {@code pagewalk}
 * @param answer the model answer (its class files, as Maven compiled them)
 * @param stub the stub students get (its sources)
 * @param mutantsDir a directory with one sub-directory of sources per mutant, or null for none
 * @param tests the instructor's compiled tests, public and hidden (directories or jars)
 * @param libraries the exercise's classpath (without the answer's classes)
 * @param limits the fork's limits
 * @param workDir a scratch directory
 */
public record ValidationRequest(
    String exercise,
    Submission answer,
    Submission stub,
    Path mutantsDir,
    List<Path> tests,
    List<Path> libraries,
    ForkLimits limits,
    Path workDir) {
  /** Checks the values. */
  public ValidationRequest {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(stub, "stub");
    tests = List.copyOf(tests);
    libraries = List.copyOf(libraries);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(workDir, "workDir");
  }
}
