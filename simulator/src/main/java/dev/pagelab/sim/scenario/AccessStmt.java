package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p write 0x0}, {@code p read buf+4KiB}, {@code p exec 0x401000}: one access by the process.
 * An access no VMA allows kills the process with SIGSEGV (segv.go writes to address 0).
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param access read, write or exec
 * @param location the address
 */
public record AccessStmt(Pos pos, String process, AccessKind access, Location location)
    implements Statement {
  /** Checks the parts. */
  public AccessStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(location, "location");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
