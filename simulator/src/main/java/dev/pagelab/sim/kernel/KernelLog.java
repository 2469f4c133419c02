package dev.pagelab.sim.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The kernel's ring buffer, as {@code dmesg} prints it: {@code [seconds.micros] message}. */
public final class KernelLog {
  /**
   * One line of the log.
   *
   * @param nanos when it was logged, on the simulated clock
   * @param text the message
   */
  public record Line(long nanos, String text) {
    /** The line as {@code dmesg} prints it, e.g. {@code [ 12.000000] segv[1000]: ...}. */
    public String formatted() {
      long micros = nanos / 1000;
      return String.format("[%5d.%06d] %s", micros / 1_000_000, micros % 1_000_000, text);
    }
  }

  private final List<Line> lines = new ArrayList<>();

  /** Appends a line. */
  void log(long nanos, String text) {
    lines.add(new Line(nanos, text));
  }

  /** Every line so far. */
  public List<Line> lines() {
    return Collections.unmodifiableList(lines);
  }

  /** The whole log as {@code dmesg} prints it, one line each. */
  public String dmesg() {
    StringBuilder sb = new StringBuilder();
    for (Line l : lines) {
      sb.append(l.formatted()).append('\n');
    }
    return sb.toString();
  }
}
