package dev.pagelab.grader.runner;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The forked JVM's entry point.
 *
 * <p>It reads a {@link ForkRequest} from standard input, defines the submission's and the tests'
 * classes from its bytes ({@link GradingClassLoader}), installs the runtime {@link Guard}, runs the
 * static initializers of the submission's classes (the grader's clock runs), then runs each test in
 * its own JUnit execution, announced before JUnit starts, so that the grader's per-test clock
 * covers the test class's and the submission's initialisation and construction. Results go to the
 * original standard output as {@link Wire} lines; the process then halts, so no thread left behind
 * can keep it alive.
 */
public final class ForkMain {
  private ForkMain() {}

  /**
   * Runs the requested tests and reports them.
   *
   * @param args ignored; everything comes on standard input so no other process can read it
   * @throws IOException if standard input does not hold a request
   */
  public static void main(String[] args) throws IOException {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    ForkRequest request = ForkRequest.readFrom(new BufferedInputStream(System.in));
    Reporter wire = new Reporter(out, request.secret());
    System.setIn(new ByteArrayInputStream(new byte[0]));
    GradingClassLoader loader =
        new GradingClassLoader(
            ForkMain.class.getClassLoader(),
            request.exercisePackage(),
            request.submission(),
            request.testFiles());
    Thread.currentThread().setContextClassLoader(loader);
    Launcher launcher = launcher();
    warmUp(launcher);
    if (request.guard()) {
      try {
        Guard.install(loader.submissionDomain());
      } catch (RuntimeException | Error e) {
        wire.send(Wire.GUARD, "unavailable", "Java " + Runtime.version() + ": " + e.getMessage());
        wire.halt(3);
      }
    }
    wire.send(Wire.GUARD, request.guard() ? "on" : "off");
    CappedOutput captured = new CappedOutput(request.outputCap());
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    Map<String, String> initFailures = initialize(request, loader, wire);
    ResultListener listener = new ResultListener();
    for (ForkRequest.Test test : request.tests()) {
      wire.send(Wire.STARTED, test.id());
      listener.begin(test.id());
      Throwable crashed = run(launcher, test.selector(), listener);
      String output = captured.take();
      report(wire, test, listener, crashed, output, initFailures);
    }
    wire.send(Wire.DONE);
    wire.halt(0);
  }

  /** A launcher that registers JUnit's engines only: no listener or filter found on a classpath. */
  private static Launcher launcher() {
    return LauncherFactory.create(
        LauncherConfig.builder()
            .enableTestExecutionListenerAutoRegistration(false)
            .enableLauncherSessionListenerAutoRegistration(false)
            .enableLauncherDiscoveryListenerAutoRegistration(false)
            .enablePostDiscoveryFilterAutoRegistration(false)
            .build());
  }

  /**
   * Runs JUnit once on a class without tests, so that its engines and discovery are loaded and
   * compiled before any clock runs; no submission or test class is involved.
   */
  private static void warmUp(Launcher launcher) {
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(Object.class))
            .enableImplicitConfigurationParameters(false)
            .build());
  }

  /**
   * Runs the static initializers of the submission's classes, in name order, before any test;
   * returns what each failing one threw.
   */
  private static Map<String, String> initialize(
      ForkRequest request, GradingClassLoader loader, Reporter wire) {
    Map<String, String> failures = new TreeMap<>();
    for (String name : new TreeSet<>(request.submission().keySet())) {
      wire.send(Wire.INIT, name);
      try {
        Class.forName(name, true, loader);
      } catch (ExceptionInInitializerError e) {
        Throwable cause = e.getCause();
        failures.put(name, Failures.describe(cause != null ? cause : e));
      } catch (Throwable e) {
        failures.put(name, Failures.describe(e));
      }
    }
    wire.send(Wire.READY);
    return failures;
  }

  /** One JUnit execution of one test method; returns what escaped JUnit itself, if anything. */
  private static Throwable run(Launcher launcher, String selector, ResultListener listener) {
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(DiscoverySelectors.selectMethod(selector))
              .enableImplicitConfigurationParameters(false)
              .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
              .build();
      launcher.execute(request, listener);
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  private static void report(
      Reporter wire,
      ForkRequest.Test test,
      ResultListener listener,
      Throwable crashed,
      String output,
      Map<String, String> initFailures) {
    Throwable failure = listener.failure().orElse(crashed);
    if (failure != null) {
      boolean stub = Failures.isStub(failure);
      String detail = Failures.withInitFailures(Failures.describe(failure), initFailures);
      Wire.Outcome outcome = stub ? Wire.Outcome.NOT_STARTED : Wire.Outcome.FAILED;
      wire.send(Wire.FINISHED, test.id(), outcome.name(), detail, output);
    } else if (listener.skipped().isPresent()) {
      wire.send(
          Wire.FINISHED, test.id(), Wire.Outcome.SKIPPED.name(), listener.skipped().get(), output);
    } else if (listener.ran()) {
      wire.send(Wire.FINISHED, test.id(), Wire.Outcome.PASSED.name(), "", output);
    } else {
      wire.send(
          Wire.FINISHED,
          test.id(),
          Wire.Outcome.NOT_FOUND.name(),
          "JUnit did not find " + test.selector() + ": is it a @Test method of a concrete class?",
          output);
    }
  }

  /** Writes Wire lines to the JVM's original standard output. */
  private static final class Reporter {
    private final PrintStream out;
    private final String secret;

    Reporter(PrintStream out, String secret) {
      this.out = out;
      this.secret = secret;
    }

    void send(String kind, String... fields) {
      out.println(Wire.encode(secret, kind, fields));
      out.flush();
    }

    void halt(int status) {
      out.flush();
      Runtime.getRuntime().halt(status);
    }
  }
}
