package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * A file-system command at the shell: {@code write /tmp/big size=1GiB} (a {@code dd} into the page
 * cache), {@code read /tmp/big} ({@code cat FILE > /dev/null}), {@code truncate /tmp/big
 * size=4KiB}, {@code rm /tmp/big}, {@code sync}.
 *
 * @param pos where it was written
 * @param op the command
 * @param path the absolute path (empty for {@code sync})
 * @param sizeBytes bytes to write, or the new size for {@code truncate}; 0 otherwise
 * @param offsetBytes where a write starts
 * @param cgroup {@code cgroup=NAME} on a {@code write} or {@code read}: the memory cgroup the shell
 *     runs the command in, whose group the new page cache is charged to; empty for the root
 */
public record FileOpStmt(
    Pos pos, Op op, String path, long sizeBytes, long offsetBytes, Optional<String> cgroup)
    implements Statement {

  /** A command run in the root cgroup. */
  public FileOpStmt(Pos pos, Op op, String path, long sizeBytes, long offsetBytes) {
    this(pos, op, path, sizeBytes, offsetBytes, Optional.empty());
  }

  /** The file-system commands. */
  public enum Op {
    /** {@code write PATH size=SIZE [offset=SIZE]}: buffered write, creating the file. */
    WRITE,
    /** {@code read PATH}: read the whole file. */
    READ,
    /** {@code truncate PATH size=SIZE}. */
    TRUNCATE,
    /** {@code rm PATH}. */
    RM,
    /** {@code sync}. */
    SYNC
  }

  /** Checks the parts. */
  public FileOpStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(cgroup, "cgroup");
    if (sizeBytes < 0 || offsetBytes < 0) {
      throw new IllegalArgumentException("FileOpStmt: negative size or offset");
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
