package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code every 1s: ps p -o vsz,rss,maj_flt,min_flt}: starts a sampler that prints the view each
 * time the simulated clock passes a multiple of the period after this statement (first at start +
 * period), until {@code stop every} or the end of the scenario. Like {@code capture.sh} and {@code
 * sar 1}.
 *
 * @param pos where it was written
 * @param periodNanos the period in nanoseconds, above 0
 * @param view what to print at each tick
 */
public record EveryStmt(Pos pos, long periodNanos, View view) implements Statement {
  /** Checks the parts. */
  public EveryStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(view, "view");
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("EveryStmt: period " + periodNanos);
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
