package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A range of a process's address space: a target plus {@code offset=} and {@code length=}.
 *
 * @param target a region or an address
 * @param offset bytes from the start of the region (always 0 for an address)
 * @param length the length in bytes, or empty for "to the end of the region" (only for regions)
 */
public record Span(Target target, long offset, OptionalLong length) {
  /** Checks the parts. */
  public Span {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(length, "length");
    if (offset < 0) {
      throw new IllegalArgumentException("Span: negative offset " + offset);
    }
  }

  /** True if the whole region is meant (a region target, offset 0, no length). */
  public boolean wholeRegion() {
    return target instanceof Target.Region && offset == 0 && length.isEmpty();
  }
}
