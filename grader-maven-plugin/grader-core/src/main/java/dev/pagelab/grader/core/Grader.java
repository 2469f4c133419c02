package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.Policy;
import dev.pagelab.grader.core.check.StaticChecker;
import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.compile.Compilation;
import dev.pagelab.grader.core.compile.CompileError;
import dev.pagelab.grader.core.compile.InMemoryCompiler;
import dev.pagelab.grader.core.fork.ForkClasspath;
import dev.pagelab.grader.core.fork.ForkReport;
import dev.pagelab.grader.core.fork.ForkedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Grades one exercise of one submission: compiles its sources in memory, checks the class files
 * against the exercise's policy, runs the graded tests on exactly those bytes in a forked, guarded
 * JVM, and computes the score. Nothing of the submission or the tests runs in the caller's JVM.
 */
public final class Grader {
  private final Clock clock;

  /** A grader with the system clock. */
  public Grader() {
    this(Clock.systemUTC());
  }

  /** A grader with the given clock (for tests). */
  public Grader(Clock clock) {
    this.clock = clock;
  }

  /**
   * Grades.
   *
   * @throws GraderException if an input of the instructor's is missing or malformed (tests,
   *     policy), or the test JVM cannot start or has no runtime guard (see the message); a
   *     submission never causes one
   */
  public Grade grade(GradingRequest request) throws GraderException {
    Instant now = clock.instant();
    TestBundle bundle = TestBundle.read(request.tests());
    List<GradedTest> tests = GradedTestScanner.scan(bundle, request.exercise());
    Policy policy =
        request.policy() != null ? request.policy() : Policy.find(bundle, request.exercise());
    Compilation compiled = compile(request, policy);
    if (!compiled.succeeded()) {
      return new Grade(
          request.exercise(),
          now,
          compiled.errors(),
          List.of(),
          all(tests, TestStatus.DOES_NOT_COMPILE, "the submission does not compile"),
          0);
    }
    List<Violation> violations =
        request.staticChecks()
            ? new StaticChecker(policy, request.libraries())
                .check(compiled.classes(), reservedNames(bundle, request.libraries(), policy))
            : List.of();
    if (!violations.isEmpty()) {
      return new Grade(
          request.exercise(),
          now,
          violations,
          all(tests, TestStatus.BLOCKED, "the static checks blocked the submission"),
          0);
    }
    if (tests.isEmpty()) {
      return new Grade(request.exercise(), now, violations, List.of(), 0);
    }
    ForkReport report =
        new ForkedRun(
                ForkClasspath.build(request.libraries()),
                request.limits(),
                request.workDir(),
                request.java(),
                request.runtimeGuard(),
                policy.exercisePackage(),
                compiled.classes(),
                bundle.files())
            .run(tests);
    return new Grade(request.exercise(), now, violations, report.results(), report.forks());
  }

  private static Compilation compile(GradingRequest request, Policy policy) throws GraderException {
    if (request.submission() instanceof Submission.Classes c) {
      long size = c.classes().values().stream().mapToLong(b -> b.length).sum();
      return size > Submission.MAX_BYTES
          ? failed("the class files hold more than 2 MiB")
          : new Compilation(c.classes(), List.of());
    }
    Submission.Sources sources = (Submission.Sources) request.submission();
    if (sources.files().isEmpty()) {
      return failed(
          "no .java file in the folder of package "
              + policy.exercisePackage()
              + " ("
              + policy.exercisePackage().replace('.', '/')
              + ")");
    }
    return InMemoryCompiler.compile(sources.files(), request.libraries(), request.locale());
  }

  private static Compilation failed(String message) {
    return new Compilation(Map.of(), List.of(new CompileError("submission", 0, 0, message)));
  }

  private static List<TestResult> all(List<GradedTest> tests, TestStatus status, String detail) {
    List<TestResult> results = new ArrayList<>();
    for (GradedTest t : tests) {
      results.add(new TestResult(t, status, detail, "", 0));
    }
    return results;
  }

  /**
   * The names a submission may not give its classes: every test class, and every class of the
   * exercise's package in the libraries.
   */
  static Set<String> reservedNames(TestBundle bundle, List<Path> libraries, Policy policy)
      throws GraderException {
    Set<String> names = new LinkedHashSet<>(bundle.classNames());
    String dir = policy.exercisePackage().replace('.', '/') + "/";
    for (Path library : libraries) {
      try {
        if (Files.isDirectory(library)) {
          Path pkg = library.resolve(dir);
          if (Files.isDirectory(pkg)) {
            try (Stream<Path> files = Files.list(pkg)) {
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".class"))
                  .forEach(f -> names.add(className(dir + f)));
            }
          }
        } else if (Files.isRegularFile(library)) {
          try (JarFile jar = new JarFile(library.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String entry = e.nextElement().getName();
              if (entry.startsWith(dir)
                  && entry.endsWith(".class")
                  && entry.indexOf('/', dir.length()) < 0) {
                names.add(className(entry));
              }
            }
          }
        }
      } catch (IOException e) {
        throw new GraderException("cannot read the library " + library + ": " + e.getMessage(), e);
      }
    }
    return names;
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }
}
