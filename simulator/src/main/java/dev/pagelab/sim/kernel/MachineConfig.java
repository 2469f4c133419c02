package dev.pagelab.sim.kernel;

import dev.pagelab.sim.spi.PagingMode;

/**
 * The settings of a simulated machine. The defaults are the course machine: 16 GiB of RAM, 4 GiB of
 * swap, 4-level paging, THP in madvise mode, 2 CPUs.
 *
 * @param ramBytes installed RAM
 * @param swapBytes swap space
 * @param pagingMode 4- or 5-level paging
 * @param tlbEntries entries of each address space's TLB (a power of two)
 * @param minFreeKbytes {@code vm.min_free_kbytes}, or -1 to let the kernel compute it
 * @param watermarkScaleFactor {@code vm.watermark_scale_factor}
 * @param overcommitMemory {@code vm.overcommit_memory}: 0 heuristic, 1 always, 2 never
 * @param overcommitRatio {@code vm.overcommit_ratio}
 * @param thpEnabled {@code transparent_hugepage/enabled}: always, madvise or never
 * @param seed the seed of every random choice (random touch orders)
 * @param cpus online CPUs, 1 to 256 (per-CPU counters; the course machine has 2)
 */
public record MachineConfig(
    long ramBytes,
    long swapBytes,
    PagingMode pagingMode,
    int tlbEntries,
    long minFreeKbytes,
    int watermarkScaleFactor,
    int overcommitMemory,
    int overcommitRatio,
    String thpEnabled,
    long seed,
    int cpus) {

  /** The course machine. */
  public static final MachineConfig DEFAULT =
      new MachineConfig(
          16L << 30, 4L << 30, PagingMode.FOUR_LEVEL, 64, -1, 10, 0, 50, "madvise", 42, 2);

  /** Checks every setting and says which one is wrong. */
  public MachineConfig {
    if (ramBytes < (256L << 20) || ramBytes > (4L << 40) || ramBytes % 4096 != 0) {
      throw new IllegalArgumentException(
          "ram=" + ramBytes + " bytes: expected a multiple of 4 KiB between 256 MiB and 4 TiB");
    }
    if (swapBytes < 0 || swapBytes % 4096 != 0) {
      throw new IllegalArgumentException("swap=" + swapBytes + ": expected a multiple of 4 KiB");
    }
    if (pagingMode == null) {
      throw new IllegalArgumentException("paging: expected 4level or 5level");
    }
    if (tlbEntries < 4 || tlbEntries > (1 << 20) || Integer.bitCount(tlbEntries) != 1) {
      throw new IllegalArgumentException(
          "tlb=" + tlbEntries + ": expected a power of two between 4 and 1048576");
    }
    if (overcommitMemory < 0 || overcommitMemory > 2) {
      throw new IllegalArgumentException(
          "vm.overcommit_memory=" + overcommitMemory + ": expected 0, 1 or 2");
    }
    if (overcommitRatio < 0) {
      throw new IllegalArgumentException(
          "vm.overcommit_ratio=" + overcommitRatio + ": expected >= 0");
    }
    if (watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
      throw new IllegalArgumentException(
          "vm.watermark_scale_factor=" + watermarkScaleFactor + ": expected 1..3000");
    }
    if (cpus < 1 || cpus > 256) {
      throw new IllegalArgumentException("cpus=" + cpus + ": expected 1 to 256");
    }
    if (!thpEnabled.equals("always")
        && !thpEnabled.equals("madvise")
        && !thpEnabled.equals("never")) {
      throw new IllegalArgumentException(
          "thp=" + thpEnabled + ": expected always, madvise or never");
    }
  }

  /** A copy with another RAM size. */
  public MachineConfig withRam(long bytes) {
    return new MachineConfig(
        bytes,
        swapBytes,
        pagingMode,
        tlbEntries,
        minFreeKbytes,
        watermarkScaleFactor,
        overcommitMemory,
        overcommitRatio,
        thpEnabled,
        seed,
        cpus);
  }

  /** A copy with another paging mode. */
  public MachineConfig withPagingMode(PagingMode mode) {
    return new MachineConfig(
        ramBytes,
        swapBytes,
        mode,
        tlbEntries,
        minFreeKbytes,
        watermarkScaleFactor,
        overcommitMemory,
        overcommitRatio,
        thpEnabled,
        seed,
        cpus);
  }

  /** A copy with another number of CPUs. */
  public MachineConfig withCpus(int n) {
    return new MachineConfig(
        ramBytes,
        swapBytes,
        pagingMode,
        tlbEntries,
        minFreeKbytes,
        watermarkScaleFactor,
        overcommitMemory,
        overcommitRatio,
        thpEnabled,
        seed,
        n);
  }
}
