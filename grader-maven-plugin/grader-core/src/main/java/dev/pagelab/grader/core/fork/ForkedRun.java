package dev.pagelab.grader.core.fork;

import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.runner.ForkMain;
import dev.pagelab.grader.runner.ForkRequest;
import dev.pagelab.grader.runner.Wire;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs graded tests in forked JVMs and turns what they report, or fail to report, into results.
 *
 * <p>Each fork gets the submission's and the tests' bytes on its standard input ({@link
 * ForkRequest}) and a scratch working directory. The parent keeps the clock: the static
 * initializers of the submission's classes together, and each test from the moment the runner
 * announces it (before JUnit creates its class or instance), get the per-test limit; past it the
 * JVM is killed and the test scores {@link TestStatus#TIMEOUT}. A JVM that ends during a test gives
 * that test {@link TestStatus#EXITED}, {@link TestStatus#OUT_OF_MEMORY} or {@link
 * TestStatus#CRASHED}. The tests without a result then run in a fresh JVM, so one bad test costs
 * only its own points; a static initializer that never ends or kills the JVM costs every test at
 * once, in one fork.
 */
public final class ForkedRun {
  private static final Wire.Message EOF = new Wire.Message("EOF", List.of());
  private static final int STDERR_KEPT = 8 * 1024;

  private final List<Path> classpath;
  private final ForkLimits limits;
  private final Path workDir;
  private final Path java;
  private final boolean guard;
  private final String exercisePackage;
  private final Map<String, byte[]> submission;
  private final Map<String, byte[]> testFiles;

  /**
   * A run.
   *
   * @param classpath the fork's classpath ({@link ForkClasspath})
   * @param limits the limits
   * @param workDir a directory for the forks' scratch folders
   * @param java the {@code java} executable
   * @param guard true to run the submission under the runtime guard
   * @param exercisePackage the submission's package
   * @param submission its class files, binary name to bytes
   * @param testFiles the instructor's test files, path to bytes
   */
  public ForkedRun(
      List<Path> classpath,
      ForkLimits limits,
      Path workDir,
      Path java,
      boolean guard,
      String exercisePackage,
      Map<String, byte[]> submission,
      Map<String, byte[]> testFiles) {
    this.classpath = List.copyOf(classpath);
    this.limits = limits;
    this.workDir = workDir;
    this.java = java;
    this.guard = guard;
    this.exercisePackage = exercisePackage;
    this.submission = submission;
    this.testFiles = testFiles;
  }

  /**
   * Runs the tests and returns one result per test, in the order given.
   *
   * @throws GraderException if the forked JVM cannot be started, or the runtime guard is asked for
   *     and this JVM has none
   */
  public ForkReport run(List<GradedTest> tests) throws GraderException {
    checkGuardAvailable();
    Map<String, TestResult> results = new LinkedHashMap<>();
    long deadline = System.nanoTime() + limits.overall().toNanos();
    List<GradedTest> remaining = new ArrayList<>(tests);
    String notRun = "";
    int forks = 0;
    while (!remaining.isEmpty() && notRun.isEmpty()) {
      forks++;
      notRun = new Fork(remaining, results, deadline, forks).run();
      remaining.removeIf(t -> results.containsKey(t.id()));
    }
    List<TestResult> ordered = new ArrayList<>();
    for (GradedTest t : tests) {
      TestResult r = results.get(t.id());
      ordered.add(r != null ? r : new TestResult(t, TestStatus.NOT_RUN, notRun, "", 0));
    }
    return new ForkReport(ordered, forks);
  }

  private void checkGuardAvailable() throws GraderException {
    int feature = JavaRuntime.feature(java);
    if (guard && feature >= JavaRuntime.NO_SECURITY_MANAGER) {
      throw guardUnavailable("Java " + feature + " has no SecurityManager (removed in Java 24)");
    }
  }

  private GraderException guardUnavailable(String why) {
    return new GraderException(
        "the runtime guard cannot run in the test JVM "
            + java
            + ": "
            + why
            + "; the grader never runs a submission without it. Grade with a JDK 17 to 23: set"
            + " JAVA_HOME to it, or give its java with -Dpagelab.grader.jvm=/path/to/jdk-17/bin/java");
  }

  /** One forked JVM. */
  private final class Fork {
    private final List<GradedTest> tests;
    private final Map<String, TestResult> results;
    private final long deadline;
    private final int number;
    private final Map<String, GradedTest> byId = new LinkedHashMap<>();
    private final StringBuilder stderr = new StringBuilder();
    private boolean guardSeen;
    private String current;
    private String initializing;
    private long started;

    Fork(List<GradedTest> tests, Map<String, TestResult> results, long deadline, int number) {
      this.tests = tests;
      this.results = results;
      this.deadline = deadline;
      this.number = number;
      tests.forEach(t -> byId.put(t.id(), t));
    }

    /** Returns "" if the tests left over may run in a new JVM, else why they did not run. */
    String run() throws GraderException {
      String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      Process process = start();
      BlockingQueue<Wire.Message> queue = new LinkedBlockingQueue<>();
      Thread reader = daemon(() -> readWire(process.getInputStream(), secret, queue));
      Thread drainer = daemon(() -> drain(process.getErrorStream()));
      Thread writer = daemon(() -> send(process, secret));
      try {
        return loop(process, queue, drainer);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "the grader was interrupted";
      } finally {
        kill(process);
        reader.interrupt();
        writer.interrupt();
      }
    }

    private String loop(Process process, BlockingQueue<Wire.Message> queue, Thread drainer)
        throws InterruptedException, GraderException {
      while (true) {
        long now = System.nanoTime();
        boolean clocked = current != null || initializing != null;
        long limit = clocked ? Math.min(deadline, started + limits.perTest().toNanos()) : deadline;
        if (now >= limit) {
          kill(process);
          return timedOut(now);
        }
        Wire.Message m = queue.poll(limit - now, TimeUnit.NANOSECONDS);
        if (m == null) {
          continue;
        }
        if (m == EOF) {
          return ended(process, drainer);
        }
        switch (m.kind()) {
          case Wire.GUARD -> {
            if (m.field(0).equals("unavailable")) {
              throw guardUnavailable(m.field(1));
            }
            guardSeen = true;
          }
          case Wire.INIT -> {
            if (initializing == null) {
              started = System.nanoTime();
            }
            initializing = m.field(0);
          }
          case Wire.READY -> initializing = null;
          case Wire.STARTED -> {
            if (expected(m.field(0))) {
              current = m.field(0);
              started = System.nanoTime();
            }
          }
          case Wire.FINISHED -> {
            if (expected(m.field(0))) {
              results.put(
                  m.field(0), finished(byId.get(m.field(0)), m, System.nanoTime() - started));
              current = null;
            }
          }
          case Wire.DONE -> {
            return tests.stream().allMatch(t -> results.containsKey(t.id()))
                ? ""
                : "the test JVM ended its run without this test";
          }
          default -> {}
        }
      }
    }

    private boolean expected(String id) {
      return byId.containsKey(id) && !results.containsKey(id);
    }

    /** A limit ran out: the test (or every test, for a static initializer) is timed out. */
    private String timedOut(long now) {
      boolean overall = now >= deadline;
      String limit =
          overall
              ? "the overall limit of " + limits.overall().toSeconds() + " s"
              : limits.perTest().toSeconds() + " s";
      if (initializing != null) {
        String detail =
            "the static initializer of " + initializing + " did not end within " + limit;
        everyTestLeft(TestStatus.TIMEOUT, detail, now);
        return "";
      }
      if (current != null) {
        results.put(
            current,
            new TestResult(
                byId.get(current), TestStatus.TIMEOUT, limit, "", millis(now - started)));
      }
      return overall
          ? "the overall time limit of " + limits.overall().toSeconds() + " s ran out"
          : "";
    }

    private void everyTestLeft(TestStatus status, String detail, long now) {
      for (GradedTest t : tests) {
        if (!results.containsKey(t.id())) {
          results.put(t.id(), new TestResult(t, status, detail, "", millis(now - started)));
        }
      }
    }

    /** The JVM's output ended: the test that was running (if any) gets the reason. */
    private String ended(Process process, Thread drainer)
        throws InterruptedException, GraderException {
      long now = System.nanoTime();
      boolean exited = process.waitFor(5, TimeUnit.SECONDS);
      drainer.join(2000);
      int code = exited ? process.exitValue() : -1;
      String err;
      synchronized (stderr) {
        err = stderr.toString().strip();
      }
      if (!guardSeen && guard && err.contains("Security Manager")) {
        throw guardUnavailable(firstLine(err, "Security Manager"));
      }
      TestStatus status;
      String detail;
      if (err.contains("java.lang.OutOfMemoryError")) {
        status = TestStatus.OUT_OF_MEMORY;
        detail = "heap " + limits.heap() + ": " + firstLine(err, "OutOfMemoryError");
      } else if (code > 128) {
        status = TestStatus.CRASHED;
        detail = "signal " + (code - 128);
      } else {
        status = TestStatus.EXITED;
        detail = "exit status " + code;
      }
      if (initializing != null) {
        everyTestLeft(status, "in the static initializer of " + initializing + ": " + detail, now);
        return "";
      }
      if (current == null) {
        return "the test JVM ended before this test started ("
            + status.jsonName()
            + ", "
            + detail
            + ")"
            + (err.isEmpty() ? "" : ": " + firstLine(err, ""));
      }
      results.put(
          current, new TestResult(byId.get(current), status, detail, "", millis(now - started)));
      return "";
    }

    private Process start() throws GraderException {
      try {
        Path scratch = workDir.resolve("fork-" + number);
        Files.createDirectories(scratch);
        Path args = workDir.resolve("fork-" + number + ".args");
        StringBuilder cp = new StringBuilder();
        for (Path p : classpath) {
          cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(p);
        }
        Files.writeString(
            args, "-cp \"" + cp.toString().replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + limits.heap());
        command.add("-Xss1m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-Xshare:auto");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Duser.language=en");
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1");
        if (guard) {
          command.add("-Djava.security.manager=allow");
        }
        command.add("@" + args);
        command.add(ForkMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
        builder.environment().clear();
        builder.environment().put("LANG", "C.UTF-8");
        return builder.start();
      } catch (IOException e) {
        throw new GraderException("cannot start the test JVM " + java + ": " + e.getMessage(), e);
      }
    }

    private void send(Process process, String secret) {
      List<ForkRequest.Test> selected = new ArrayList<>();
      tests.forEach(t -> selected.add(new ForkRequest.Test(t.id(), t.selector())));
      ForkRequest request =
          new ForkRequest(
              secret,
              limits.outputCapBytes(),
              guard,
              exercisePackage,
              selected,
              submission,
              testFiles);
      try (OutputStream in = process.getOutputStream()) {
        request.writeTo(in);
      } catch (IOException e) {
        // The JVM died before reading its request; the end of its output says why.
      }
    }

    /** Queues the secret's lines; keeps other lines (the JVM's own messages) with its stderr. */
    private void readWire(InputStream out, String secret, BlockingQueue<Wire.Message> queue) {
      int max = limits.outputCapBytes() * 6 + 64 * 1024;
      try {
        BoundedLines lines =
            new BoundedLines(new InputStreamReader(out, StandardCharsets.UTF_8), max);
        for (String line = lines.next(); line != null; line = lines.next()) {
          var message = Wire.decode(secret, line);
          if (message.isPresent()) {
            queue.add(message.get());
          } else {
            keep(line + "\n");
          }
        }
      } catch (IOException e) {
        // The pipe closed: the same as the end of the stream.
      } finally {
        queue.add(EOF);
      }
    }

    private void drain(InputStream err) {
      byte[] buffer = new byte[8192];
      try {
        for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
          keep(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // The pipe closed.
      }
    }

    private void keep(String text) {
      synchronized (stderr) {
        if (stderr.length() < STDERR_KEPT) {
          stderr.append(text, 0, Math.min(text.length(), STDERR_KEPT - stderr.length()));
        }
      }
    }
  }

  private static TestResult finished(GradedTest test, Wire.Message m, long nanos) {
    TestStatus status;
    try {
      status = TestStatus.of(Wire.Outcome.valueOf(m.field(1)));
    } catch (IllegalArgumentException e) {
      status = TestStatus.FAILED;
    }
    return new TestResult(test, status, m.field(2), m.field(3), millis(nanos));
  }

  private static String firstLine(String text, String containing) {
    for (String line : text.split("\n")) {
      if (line.contains(containing)) {
        return line.strip();
      }
    }
    return "";
  }

  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body, "grader-fork-io");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
