package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code cgroup NAME memory.max=SIZE}: makes the cgroup v2 group {@code /sys/fs/cgroup/NAME} (if it
 * does not exist yet) and writes its {@code memory.max}; {@code memory.max=max}, or no setting,
 * means no limit. Processes join it with {@code spawn ... cgroup=NAME}.
 *
 * @param pos where it was written
 * @param name the group's directory below {@code /sys/fs/cgroup}, e.g. {@code oomtest} or {@code
 *     work/oomtest}
 * @param maxBytes the limit in bytes, or empty for {@code max}
 */
public record CgroupStmt(Pos pos, String name, OptionalLong maxBytes) implements Statement {
  /** Checks the parts. */
  public CgroupStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(maxBytes, "maxBytes");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
