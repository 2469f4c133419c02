package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p fork as c}: {@code fork(2)}. The child has the parent's comm, a copy of its address
 * space (copy-on-write) and the parent's region names.
 *
 * @param pos where it was written
 * @param parent the alias of the parent
 * @param child the alias of the new child
 */
public record ForkStmt(Pos pos, String parent, String child) implements Statement {
  /** Checks the parts. */
  public ForkStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(child, "child");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
