package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p exit [status=N]}: the process calls {@code exit(N)}; its memory is freed.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param status the exit status, 0..255 (default 0)
 */
public record ExitStmt(Pos pos, String process, int status) implements Statement {
  /** Checks the parts. */
  public ExitStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
