package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code stop every}: stops every running sampler ({@code sar} samplers print their Average line).
 *
 * @param pos where it was written
 */
public record StopEveryStmt(Pos pos) implements Statement {
  /** Checks the parts. */
  public StopEveryStmt {
    Objects.requireNonNull(pos, "pos");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
