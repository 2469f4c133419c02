package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code sysctl vm.overcommit_memory=2}: sets one kernel setting, as {@code sysctl -w} does. The
 * parser checks only the form; the runner knows which keys and values exist.
 *
 * @param pos where it was written
 * @param key the dotted name, e.g. {@code vm.swappiness}
 * @param value the value as written
 * @param valuePos where the value starts, for the runner's error message
 */
public record SysctlStmt(Pos pos, String key, String value, Pos valuePos) implements Statement {
  /** Checks the parts. */
  public SysctlStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(valuePos, "valuePos");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
