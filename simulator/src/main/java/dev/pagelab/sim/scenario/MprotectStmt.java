package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p mprotect buf r [offset= length=]}: {@code mprotect(2)}; changing a part splits the VMA.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param span what to change
 * @param prot the new protection
 */
public record MprotectStmt(Pos pos, String process, Span span, Prot prot) implements Statement {
  /** Checks the parts. */
  public MprotectStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(prot, "prot");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
