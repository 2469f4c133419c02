package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * One address: a raw address ({@code 0x401000}) or a region plus an offset ({@code buf}, {@code
 * buf+8KiB}).
 *
 * @param target a region or an address
 * @param offset bytes from the start of the region (always 0 for an address)
 */
public record Location(Target target, long offset) {
  /** Checks the parts. */
  public Location {
    Objects.requireNonNull(target, "target");
    if (offset < 0) {
      throw new IllegalArgumentException("Location: negative offset " + offset);
    }
  }
}
