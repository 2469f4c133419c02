package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p madvise buf dontneed [offset= length=]}: {@code madvise(2)}.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param span the range
 * @param advice the advice
 */
public record MadviseStmt(Pos pos, String process, Span span, Advice advice) implements Statement {
  /** Checks the parts. */
  public MadviseStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(advice, "advice");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
