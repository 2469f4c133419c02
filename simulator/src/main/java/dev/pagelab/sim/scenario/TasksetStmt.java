package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p taskset cpu=N}: the process pins itself to CPU {@code N} ({@code sched_setaffinity});
 * the page-counter updates of its faults then go to that CPU's per-CPU deltas.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param cpu the CPU, checked against the machine's {@code cpus=} when the statement runs
 */
public record TasksetStmt(Pos pos, String process, int cpu) implements Statement {
  /** Checks the parts. */
  public TasksetStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
