package dev.pagelab.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code cgroup NAME memory.max=SIZE}: makes the cgroup v2 group {@code /sys/fs/cgroup/NAME} (if it
 * does not exist yet) and writes its {@code memory.max}; {@code memory.max=max}, or no setting,
 * means no limit. Processes join it with {@code spawn ... cgroup=NAME}. The same line may write the
 * other files: {@code memory.high=SIZE|max}, {@code memory.low=SIZE}, {@code memory.min=SIZE},
 * {@code memory.swap.max=SIZE|max}, {@code memory.oom.group=0|1}, e.g. {@code cgroup work
 * memory.max=200MiB memory.high=150MiB memory.oom.group=1}.
 *
 * @param pos where it was written
 * @param name the group's directory below {@code /sys/fs/cgroup}, e.g. {@code oomtest} or {@code
 *     work/oomtest}
 * @param maxBytes the limit in bytes, or empty for {@code max}
 * @param settings the other files written, in the order written
 */
public record CgroupStmt(Pos pos, String name, OptionalLong maxBytes, List<Setting> settings)
    implements Statement {
  /**
   * One more file of the group written by the line.
   *
   * @param file {@code memory.high}, {@code memory.low}, {@code memory.min}, {@code
   *     memory.swap.max} or {@code memory.oom.group}
   * @param value bytes (or 0/1 for {@code memory.oom.group}); empty for {@code max}
   */
  public record Setting(String file, OptionalLong value) {
    /** The files a cgroup line may write besides memory.max. */
    public static final List<String> FILES =
        List.of("memory.high", "memory.low", "memory.min", "memory.swap.max", "memory.oom.group");

    /** Checks the parts. */
    public Setting {
      if (!FILES.contains(file)) {
        throw new IllegalArgumentException("CgroupStmt.Setting: not a cgroup file: " + file);
      }
      Objects.requireNonNull(value, "value");
    }
  }

  /** Checks the parts. */
  public CgroupStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(maxBytes, "maxBytes");
    settings = List.copyOf(settings);
  }

  /** A line that writes only {@code memory.max}. */
  public CgroupStmt(Pos pos, String name, OptionalLong maxBytes) {
    this(pos, name, maxBytes, List.of());
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
