package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code sleep 5s}: advances the simulated clock; samplers print at their ticks meanwhile.
 *
 * @param pos where it was written
 * @param nanos how long, in nanoseconds (0 is allowed and does nothing)
 */
public record SleepStmt(Pos pos, long nanos) implements Statement {
  /** Checks the parts. */
  public SleepStmt {
    Objects.requireNonNull(pos, "pos");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
