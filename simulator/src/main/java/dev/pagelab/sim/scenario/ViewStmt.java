package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * A view printed once, now: {@code free -m}, {@code ps p -o vsz,rss}, {@code cat /proc/meminfo},
 * {@code dmesg}, {@code walk p buf}, {@code echo "text"}.
 *
 * @param pos where it was written
 * @param view what to print
 */
public record ViewStmt(Pos pos, View view) implements Statement {
  /** Checks the parts. */
  public ViewStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(view, "view");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
