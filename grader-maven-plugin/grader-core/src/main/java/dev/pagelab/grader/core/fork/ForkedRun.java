package dev.pagelab.grader.core.fork;

import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.runner.ForkMain;
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
 * Runs graded tests in a forked JVM and turns what it reports, or fails to report, into results.
 *
 * <p>The parent keeps the clock: a test that started and gives no result within the per-test limit
 * has its JVM killed and scores {@link TestStatus#TIMEOUT}; a JVM that ends during a test gives
 * that test {@link TestStatus#EXITED}, {@link TestStatus#OUT_OF_MEMORY} or {@link
 * TestStatus#CRASHED}. The tests without a result then run in a fresh JVM, so one bad test costs
 * only its own points.
 */
public final class ForkedRun {
  private static final Wire.Message EOF = new Wire.Message("EOF", List.of());
  private static final int STDERR_KEPT = 8 * 1024;

  private final List<Path> classpath;
  private final ForkLimits limits;
  private final Path workDir;
  private final Path java;

  /**
   * A run with the given classpath (see {@link ForkClasspath}), limits and working directory.
   *
   * @param java the {@code java} executable, e.g. the running JVM's
   */
  public ForkedRun(List<Path> classpath, ForkLimits limits, Path workDir, Path java) {
    this.classpath = List.copyOf(classpath);
    this.limits = limits;
    this.workDir = workDir;
    this.java = java;
  }

  /** The {@code java} executable of the running JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Runs the tests and returns one result per test, in the order given.
   *
   * @throws GraderException if the forked JVM cannot be started
   */
  public ForkReport run(List<GradedTest> tests) throws GraderException {
    Map<String, TestResult> results = new LinkedHashMap<>();
    long deadline = System.nanoTime() + limits.overall().toNanos();
    List<GradedTest> remaining = new ArrayList<>(tests);
    String notRun = "";
    int forks = 0;
    while (!remaining.isEmpty() && notRun.isEmpty()) {
      forks++;
      notRun = runOnce(remaining, results, deadline);
      remaining.removeIf(t -> results.containsKey(t.id()));
    }
    List<TestResult> ordered = new ArrayList<>();
    for (GradedTest t : tests) {
      TestResult r = results.get(t.id());
      ordered.add(r != null ? r : new TestResult(t, TestStatus.NOT_RUN, notRun, "", 0));
    }
    return new ForkReport(ordered, forks);
  }

  /** One JVM: returns "" if the tests left over may run in a new JVM, else why they did not run. */
  private String runOnce(List<GradedTest> tests, Map<String, TestResult> results, long deadline)
      throws GraderException {
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Process process = start();
    BlockingQueue<Wire.Message> queue = new LinkedBlockingQueue<>();
    StringBuilder stderr = new StringBuilder();
    Thread reader = daemon(() -> readWire(process.getInputStream(), secret, queue, stderr));
    Thread drainer = daemon(() -> drain(process.getErrorStream(), stderr));
    sendRequest(process, secret, tests);
    Map<String, GradedTest> byId = new LinkedHashMap<>();
    tests.forEach(t -> byId.put(t.id(), t));
    String current = null;
    long started = 0;
    try {
      while (true) {
        long now = System.nanoTime();
        long limit =
            current == null ? deadline : Math.min(deadline, started + limits.perTest().toNanos());
        if (now >= limit) {
          kill(process);
          boolean overall = now >= deadline;
          if (current != null) {
            String why =
                overall
                    ? "overall " + limits.overall().toSeconds() + " s"
                    : limits.perTest().toSeconds() + " s";
            results.put(
                current,
                new TestResult(
                    byId.get(current), TestStatus.TIMEOUT, why, "", millis(now - started)));
          }
          return overall ? "overall time limit " + limits.overall().toSeconds() + " s" : "";
        }
        Wire.Message m = queue.poll(limit - now, TimeUnit.NANOSECONDS);
        if (m == null) {
          continue;
        }
        if (m == EOF) {
          return ended(process, drainer, stderr, current, byId, results, started);
        }
        String id = m.field(0);
        boolean expected = byId.containsKey(id) && !results.containsKey(id);
        switch (m.kind()) {
          case Wire.STARTED -> {
            if (expected) {
              current = id;
              started = System.nanoTime();
            }
          }
          case Wire.FINISHED -> {
            if (expected) {
              results.put(id, finished(byId.get(id), m, System.nanoTime() - started));
              current = null;
            }
          }
          case Wire.CLASS_FAILED -> classFailed(m, byId, results);
          case Wire.DONE -> {
            kill(process);
            return "not found by JUnit: is it a @Test method of a public, concrete class?";
          }
          default -> {}
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      return "the grader was interrupted";
    } finally {
      kill(process);
      reader.interrupt();
    }
  }

  private Process start() throws GraderException {
    try {
      Files.createDirectories(workDir);
      Path args = workDir.resolve("fork.args");
      StringBuilder cp = new StringBuilder();
      for (Path p : classpath) {
        cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(p);
      }
      Files.writeString(
          args, "-cp \"" + cp.toString().replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
      List<String> command =
          List.of(
              java.toString(),
              "-Xmx" + limits.heap(),
              "-XX:+ExitOnOutOfMemoryError",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-XX:-UsePerfData",
              "-Xshare:auto",
              "-Dfile.encoding=UTF-8",
              "-Djava.io.tmpdir=" + workDir,
              "@" + args,
              ForkMain.class.getName());
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
      builder.environment().clear();
      builder.environment().put("LANG", "C.UTF-8");
      return builder.start();
    } catch (IOException e) {
      throw new GraderException("cannot start the test JVM " + java + ": " + e.getMessage(), e);
    }
  }

  private void sendRequest(Process process, String secret, List<GradedTest> tests) {
    StringBuilder request = new StringBuilder();
    request.append(secret).append('\n').append(limits.outputCapBytes()).append('\n');
    tests.forEach(t -> request.append(t.selector()).append('\n'));
    request.append('\n');
    try (OutputStream in = process.getOutputStream()) {
      in.write(request.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The JVM died before reading its request; the end of its output says why.
    }
  }

  private static TestResult finished(GradedTest test, Wire.Message m, long nanos) {
    TestStatus status =
        switch (m.field(1)) {
          case "PASSED" -> TestStatus.PASSED;
          case "NOT_STARTED" -> TestStatus.NOT_STARTED;
          case "SKIPPED" -> TestStatus.SKIPPED;
          default -> TestStatus.FAILED;
        };
    return new TestResult(test, status, m.field(2), m.field(3), millis(nanos));
  }

  private static void classFailed(
      Wire.Message m, Map<String, GradedTest> byId, Map<String, TestResult> results) {
    for (GradedTest t : byId.values()) {
      if (t.className().equals(m.field(0)) && !results.containsKey(t.id())) {
        results.put(
            t.id(), new TestResult(t, TestStatus.NOT_RUN, "test class: " + m.field(1), "", 0));
      }
    }
  }

  /** The JVM's output ended: the test that was running (if any) gets the reason. */
  private String ended(
      Process process,
      Thread drainer,
      StringBuilder stderr,
      String current,
      Map<String, GradedTest> byId,
      Map<String, TestResult> results,
      long started)
      throws InterruptedException {
    long now = System.nanoTime();
    boolean exited = process.waitFor(5, TimeUnit.SECONDS);
    drainer.join(2000);
    int code = exited ? process.exitValue() : -1;
    String err;
    synchronized (stderr) {
      err = stderr.toString().strip();
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

  private static String firstLine(String text, String containing) {
    for (String line : text.split("\n")) {
      if (line.contains(containing)) {
        return line.strip();
      }
    }
    return "";
  }

  /** Queues the secret's lines; keeps other lines (the JVM's own messages) with its stderr. */
  private void readWire(
      InputStream out, String secret, BlockingQueue<Wire.Message> queue, StringBuilder jvmText) {
    int max = limits.outputCapBytes() * 6 + 64 * 1024;
    try {
      BoundedLines lines =
          new BoundedLines(new InputStreamReader(out, StandardCharsets.UTF_8), max);
      for (String line = lines.next(); line != null; line = lines.next()) {
        var message = Wire.decode(secret, line);
        if (message.isPresent()) {
          queue.add(message.get());
        } else {
          keep(jvmText, line + "\n");
        }
      }
    } catch (IOException e) {
      // The pipe closed: the same as the end of the stream.
    } finally {
      queue.add(EOF);
    }
  }

  private static void drain(InputStream err, StringBuilder kept) {
    byte[] buffer = new byte[8192];
    try {
      for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
        keep(kept, new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The pipe closed.
    }
  }

  private static void keep(StringBuilder kept, String text) {
    synchronized (kept) {
      if (kept.length() < STDERR_KEPT) {
        kept.append(text, 0, Math.min(text.length(), STDERR_KEPT - kept.length()));
      }
    }
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
