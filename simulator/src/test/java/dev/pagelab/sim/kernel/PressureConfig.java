package dev.pagelab.sim.kernel;

import dev.pagelab.sim.spi.PagingMode;

/**
 * The machine the memory-pressure tests run on: the course machine's settings with the RAM and swap
 * a test needs, and {@code vm.overcommit_memory=1}, so that allocations reach reclaim, swap and the
 * OOM killer instead of being refused at {@code mmap}.
 */
final class PressureConfig {
  private PressureConfig() {}

  /**
   * A machine of {@code ramBytes} of RAM and {@code swapBytes} of swap (0: none) that overcommits.
   */
  static MachineConfig of(long ramBytes, long swapBytes) {
    return new MachineConfig(
        ramBytes, swapBytes, PagingMode.FOUR_LEVEL, 64, -1, 10, 1, 50, "madvise", 42, 2);
  }
}
