package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p prctl thp_disable=1}: the process calls {@code prctl(PR_SET_THP_DISABLE, 1)} (or 0 to
 * allow transparent huge pages again); its children inherit the setting.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param thpDisable true for {@code thp_disable=1}
 */
public record PrctlStmt(Pos pos, String process, boolean thpDisable) implements Statement {
  /** Checks the parts. */
  public PrctlStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
