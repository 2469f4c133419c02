package dev.pagelab.sim.phys;

import java.util.Objects;

/**
 * The frames of one zone handed to the buddy allocator.
 *
 * @param name the kernel's name of the zone: DMA, DMA32 or Normal
 * @param startPfn the first frame the allocator manages
 * @param endPfn the frame after the last one
 */
public record ZoneRange(String name, long startPfn, long endPfn) {
  /** Checks the range. */
  public ZoneRange {
    Objects.requireNonNull(name, "name");
    if (startPfn < 0 || endPfn < startPfn) {
      throw new IllegalArgumentException(
          "ZoneRange " + name + ": [" + startPfn + ", " + endPfn + ")");
    }
  }

  /** The number of frames. */
  public long frames() {
    return endPfn - startPfn;
  }
}
