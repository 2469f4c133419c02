package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p munmap buf [offset=4KiB length=8KiB]}: {@code munmap(2)} of a whole region or a part of
 * it (unmapping a middle part splits the VMA in two).
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param span what to unmap
 */
public record MunmapStmt(Pos pos, String process, Span span) implements Statement {
  /** Checks the parts. */
  public MunmapStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(span, "span");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
