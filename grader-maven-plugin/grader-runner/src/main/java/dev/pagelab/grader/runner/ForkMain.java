package dev.pagelab.grader.runner;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The forked JVM's entry point.
 *
 * <p>Standard input carries, one per line: the run's secret, the output cap in bytes, then one
 * JUnit method selector per line (e.g. {@code a.b.WalkerTest#walks(int)}) and an empty line.
 * Results go to the original standard output as {@link Wire} lines; the process then halts, so no
 * thread that student code left behind can keep it alive.
 */
public final class ForkMain {
  private ForkMain() {}

  /**
   * Runs the selected tests and reports them.
   *
   * @param args ignored; everything comes on standard input so no other process can read it
   * @throws IOException if standard input cannot be read
   */
  public static void main(String[] args) throws IOException {
    PrintStream wire =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String secret = in.readLine();
    int cap = Integer.parseInt(in.readLine().trim());
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      selectors.add(DiscoverySelectors.selectMethod(line));
    }
    System.setIn(new ByteArrayInputStream(new byte[0]));
    CappedOutput captured = new CappedOutput(cap);
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    ResultListener listener = new ResultListener(wire, secret, captured);
    if (!selectors.isEmpty()) {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectors)
              .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
              .build();
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request, listener);
    }
    listener.send(Wire.DONE);
    wire.flush();
    Runtime.getRuntime().halt(0);
  }
}
