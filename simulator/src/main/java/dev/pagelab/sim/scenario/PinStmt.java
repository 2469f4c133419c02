package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * {@code p pin buf [stride=SIZE] [offset= length=]} and {@code p unpin ...}: a driver pins (or
 * releases) one page every {@code stride} bytes of the range with {@code pin_user_pages(FOLL_WRITE
 * | FOLL_LONGTERM)}, so compaction cannot move those pages.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param span the range
 * @param stride bytes between two pinned pages, a positive multiple of 4 KiB
 * @param unpin true for {@code unpin}
 */
public record PinStmt(Pos pos, String process, Span span, long stride, boolean unpin)
    implements Statement {
  /** Checks the parts. */
  public PinStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(span, "span");
    if (stride <= 0 || stride % 4096 != 0) {
      throw new IllegalArgumentException("PinStmt: stride " + stride);
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
