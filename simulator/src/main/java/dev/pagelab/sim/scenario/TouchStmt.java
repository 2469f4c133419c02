package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code p touch buf write stride=4KiB order=forward rate=10MiB/s}: the process accesses one byte
 * at {@code offset}, {@code offset + stride}, {@code offset + 2*stride}, ... inside the span.
 *
 * <p>The accesses are {@code count} if given, else as many as fit in the span ({@code ceil(length /
 * stride)}). With a rate the simulated clock advances {@code stride / rate} seconds per access, so
 * samplers ({@code every}) tick while it runs; without one the touch takes no simulated time.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param span the range to walk
 * @param access read, write (default) or exec
 * @param stride bytes between two accesses (default 4 KiB: one access per page)
 * @param count how many accesses, or empty for as many as fit
 * @param order forward (default), backward or random
 * @param rateBytesPerSecond bytes of the span covered per simulated second, or empty for no delay
 */
public record TouchStmt(
    Pos pos,
    String process,
    Span span,
    AccessKind access,
    long stride,
    OptionalLong count,
    TouchOrder order,
    OptionalLong rateBytesPerSecond)
    implements Statement {
  /** Default stride: one page. */
  public static final long DEFAULT_STRIDE = 4096;

  /** Checks the parts. */
  public TouchStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(count, "count");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(rateBytesPerSecond, "rateBytesPerSecond");
    if (stride <= 0) {
      throw new IllegalArgumentException("TouchStmt: stride " + stride);
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
