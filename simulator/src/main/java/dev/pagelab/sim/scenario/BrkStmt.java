package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p brk +80MiB} / {@code p brk -80MiB}: moves the program break, as {@code sbrk(delta)}
 * does. The area between the heap's start and the break is the predefined region {@code heap}.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param delta bytes to grow (positive) or shrink (negative); never 0
 */
public record BrkStmt(Pos pos, String process, long delta) implements Statement {
  /** Checks the parts. */
  public BrkStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
