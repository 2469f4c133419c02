package dev.pagelab.grader.core.validate;

import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.check.StaticPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Validator} checks.
 *
 * @param answerClasses the model answer's compiled classes
 * @param stubClasses the stub's compiled classes, or null to compile {@code stubSources}
 * @param stubSources the stub's sources, used when {@code stubClasses} is null
 * @param mutantsDir a directory with one sub-directory of sources per mutant, or null for none
 * @param testClasses the compiled tests (hidden and public)
 * @param projectClasspath the project's test classpath
 * @param exercise only tests of this exercise count, or null for all
 * @param policy the static policy
 * @param limits the fork's limits
 * @param workDir a scratch directory
 */
public record ValidationRequest(
    Path answerClasses,
    Path stubClasses,
    Path stubSources,
    Path mutantsDir,
    Path testClasses,
    List<Path> projectClasspath,
    String exercise,
    StaticPolicy policy,
    ForkLimits limits,
    Path workDir) {
  /** Checks the values. */
  public ValidationRequest {
    Objects.requireNonNull(answerClasses, "answerClasses");
    if (stubClasses == null && stubSources == null) {
      throw new IllegalArgumentException("ValidationRequest: give stubClasses or stubSources");
    }
    Objects.requireNonNull(testClasses, "testClasses");
    projectClasspath = List.copyOf(projectClasspath);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(workDir, "workDir");
  }
}
