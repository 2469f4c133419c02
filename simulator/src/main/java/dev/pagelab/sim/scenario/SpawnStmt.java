package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code spawn demand-paging as p}: starts a process whose {@code comm} is the given name; the
 * scenario refers to it by its alias.
 *
 * @param pos where it was written
 * @param comm the command name {@code ps} and {@code dmesg} print (at most 15 characters, as the
 *     kernel's TASK_COMM_LEN of 16 allows)
 * @param alias the scenario's name for the process
 * @param exe {@code exe=/path}: the program file shown in {@code /proc/PID/maps}, or empty for the
 *     runner's default
 * @param imageBytes {@code size=SIZE}: how much memory the program already uses when it starts
 *     (code, libraries, data, stack), or empty for the runner's default
 * @param oomScoreAdj {@code oom_score_adj=N}, -1000..1000, default 0
 * @param cgroup {@code cgroup=NAME}: the memory cgroup it starts in (made by a {@code cgroup} line
 *     before), or empty for the root cgroup
 */
public record SpawnStmt(
    Pos pos,
    String comm,
    String alias,
    Optional<String> exe,
    OptionalLong imageBytes,
    int oomScoreAdj,
    Optional<String> cgroup)
    implements Statement {
  /** Checks the parts. */
  public SpawnStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(comm, "comm");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(exe, "exe");
    Objects.requireNonNull(imageBytes, "imageBytes");
    Objects.requireNonNull(cgroup, "cgroup");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
