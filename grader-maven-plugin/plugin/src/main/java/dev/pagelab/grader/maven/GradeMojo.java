package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.Grader;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.GradingRequest;
import dev.pagelab.grader.core.HiddenPoints;
import dev.pagelab.grader.core.Submission;
import dev.pagelab.grader.core.TestBundle;
import dev.pagelab.grader.core.check.Policy;
import dev.pagelab.grader.core.fork.JavaRuntime;
import dev.pagelab.grader.core.report.Reports;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Grades one exercise: compiles the sources of its package in memory, checks them against the
 * exercise's policy, runs its {@code @Graded} tests in a forked, guarded JVM on exactly the bytes
 * checked, and writes reports into {@code target/grader/} (emptied first): {@code index.html},
 * {@code grade.json}, Gradescope's {@code results.json}, Classroom 50's {@code result.json}, and a
 * summary table in the log. The reports show, next to the points earned, what the exercise's hidden
 * tests hold (from {@code <exercisesDirectory>/<exercise>/hidden-points.properties}).
 *
 * <p>By default the project's own sources are graded against its own tests. With {@code
 * -Dpagelab.grader.submission=DIR} (run in the instructor's project) the sources of the exercise's
 * package are taken from a student's tree and nothing else of it is read: not its pom, not its
 * tests, not its resources. A submission that does not compile, is blocked or fails its tests never
 * fails the build; only {@code failBelow} does.
 */
@Mojo(
    name = "grade",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class GradeMojo extends AbstractGraderMojo {
  /**
   * In an instructor's execution ({@code requireSubmission}), the student's tree to grade: the
   * {@code .java} files of the exercise's package are taken from its {@code src/main/java} (or a
   * module's). A relative path on the command line is taken from the folder Maven was started in.
   * Other executions grade their project's own sources and ignore it. Example: {@code
   * -Dpagelab.grader.submission=/path/to/student}.
   */
  @Parameter(property = "pagelab.grader.submission")
  private File submission;

  /**
   * True for an instructor's execution: it grades the tree {@code -Dpagelab.grader.submission}
   * names, and does nothing without one. Example: {@code
   * <requireSubmission>true</requireSubmission>}.
   */
  @Parameter(defaultValue = "false")
  private boolean requireSubmission;

  /**
   * The language of the reports and the log table: {@code ko} (Korean) or {@code en} (English).
   * Example: {@code -Dpagelab.grader.locale=ko}.
   */
  @Parameter(property = "pagelab.grader.locale", defaultValue = "en")
  private String locale;

  /**
   * The folder whose {@code <exercise>/hidden-points.properties} files say what each exercise's
   * hidden tests are worth; the report shows those points as still to come. Example: {@code
   * <exercisesDirectory>${project.basedir}</exercisesDirectory>}.
   */
  @Parameter(property = "pagelab.grader.exercisesDirectory", defaultValue = "${project.basedir}")
  private File exercisesDirectory;

  /**
   * Fail the build if the score, in percent, is below this. Unset: never fail. Example: {@code
   * <failBelow>100</failBelow>}.
   */
  @Parameter(property = "pagelab.grader.failBelow")
  private Integer failBelow;

  /** Grades and writes the reports. */
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    applyCommandLine();
    Properties cli = session.getUserProperties();
    locale = cli.getProperty("pagelab.grader.locale", locale);
    if (cli.getProperty("pagelab.grader.exercisesDirectory") != null) {
      exercisesDirectory = resolve(cli.getProperty("pagelab.grader.exercisesDirectory"));
    }
    if (cli.getProperty("pagelab.grader.submission") != null) {
      submission = resolve(cli.getProperty("pagelab.grader.submission"));
    }
    if (cli.getProperty("pagelab.grader.failBelow") != null) {
      failBelow = intProperty(cli, "pagelab.grader.failBelow", 0);
    }
    if (skip) {
      getLog().info("pagelab grader: skipped");
      return;
    }
    if (!requireSubmission) {
      submission = null;
    } else if (submission == null) {
      getLog()
          .info(
              "pagelab grader: nothing to grade here; give a student's tree with"
                  + " -Dpagelab.grader.submission=DIR");
      return;
    }
    String name = exercise();
    Path reports = outputDirectory.toPath();
    clear(reports);
    Reports writer;
    Grade grade;
    try {
      writer =
          new Reports(
              Locale.forLanguageTag(locale), HiddenPoints.readAll(exercisesDirectory.toPath()));
      List<Path> tests = tests();
      Policy policy = Policy.find(TestBundle.read(tests), name);
      GradingRequest request =
          new GradingRequest(
              name,
              submission(policy.exercisePackage()),
              tests,
              libraries(),
              policy,
              limits(),
              Locale.forLanguageTag(locale),
              reports.resolve("work"),
              jvm == null ? JavaRuntime.current() : jvm.toPath(),
              true,
              true);
      grade = new Grader().grade(request);
      writer.writeAll(grade, reports);
    } catch (GraderException e) {
      throw new MojoExecutionException("pagelab grader: " + e.getMessage(), e);
    }
    if (grade.results().isEmpty()) {
      getLog()
          .warn(
              "pagelab grader: no @Graded test of exercise "
                  + name
                  + " among the compiled tests; if the compiler reported errors above, the tests"
                  + " did not compile against your code (did a public method change?)");
    }
    info(writer.summaryTable(grade));
    getLog().info("Report: " + reports.resolve(Reports.HTML));
    if (failBelow != null && grade.percent() < failBelow) {
      throw new MojoFailureException(
          "pagelab grader: score "
              + grade.percent()
              + "% is below failBelow="
              + failBelow
              + "%: open "
              + reports.resolve(Reports.HTML)
              + " to see which tests lost points");
    }
  }

  /** The sources of the exercise's package: the student's tree's, or this project's. */
  private Submission submission(String exercisePackage) throws GraderException {
    if (submission != null) {
      Path root = Submission.findSourceRoot(submission.toPath(), exercisePackage);
      getLog().info("pagelab grader: grading the sources of " + exercisePackage + " in " + root);
      return Submission.sources(root, exercisePackage);
    }
    for (String root : project.getCompileSourceRoots()) {
      Path dir = Path.of(root).resolve(exercisePackage.replace('.', '/'));
      if (Files.isDirectory(dir)) {
        return Submission.sources(Path.of(root), exercisePackage);
      }
    }
    return new Submission.Sources(List.of());
  }

  /**
   * Empties the report directory, so a build that fails leaves no report of an earlier run. Inside
   * the build directory every file goes, and the grader's own folders ({@code work}, {@code
   * validate}); another folder is left alone, since it may hold the report of another exercise's
   * execution (the exercises module grades oom into {@code target/grader/oom}). Outside it only the
   * grader's own files go.
   */
  private void clear(Path reports) throws MojoExecutionException {
    Path build = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
    Path dir = reports.toAbsolutePath().normalize();
    List<String> own =
        List.of(
            Reports.HTML,
            Reports.GRADE_JSON,
            Reports.GRADESCOPE_JSON,
            Reports.CLASSROOM_JSON,
            "work",
            "validate");
    try {
      if (dir.startsWith(build) && !dir.equals(build) && Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          for (Path p : entries.toList()) {
            if (!Files.isDirectory(p) || own.contains(p.getFileName().toString())) {
              delete(p);
            }
          }
        }
      } else {
        for (String file : own) {
          delete(dir.resolve(file));
        }
      }
    } catch (IOException e) {
      throw new MojoExecutionException(
          "pagelab grader: cannot empty the report directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
