package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code file /data/big size=100MiB}: creates a file on the simulated disk, not in the page cache
 * (as if written, synced and then dropped from the cache), so that {@code mmap ... file=PATH} has
 * something to map.
 *
 * @param pos where it was written
 * @param path the absolute path
 * @param sizeBytes the file size
 */
public record FileStmt(Pos pos, String path, long sizeBytes) implements Statement {
  /** Checks the parts. */
  public FileStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(path, "path");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
