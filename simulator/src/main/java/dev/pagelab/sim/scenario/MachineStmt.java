package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code machine ram=16GiB swap=4GiB paging=4level tlb=64 cpus=2 thp=madvise seed=42}: the machine
 * the scenario runs on. It must come before every other statement; without it, {@link #defaults}
 * apply (the machine of the course notes: 16 GiB of RAM and 4 GiB of swap).
 *
 * @param pos where it was written (line 0 for the defaults)
 * @param ramBytes installed RAM, a multiple of 4 KiB
 * @param swapBytes swap space, a multiple of 4 KiB, 0 for none
 * @param pagingLevels 4 (48-bit addresses) or 5 (57-bit, LA57)
 * @param tlbEntries entries of the simulated TLB
 * @param cpus number of CPUs (per-CPU counters and lists)
 * @param minFreeKbytes {@code vm.min_free_kbytes}, or empty to let the kernel compute it from RAM
 *     (mm/page_alloc.c init_per_zone_wmark_min)
 * @param seed the seed of every random choice, so a run is repeatable
 * @param thp {@code /sys/kernel/mm/transparent_hugepage/enabled}
 */
public record MachineStmt(
    Pos pos,
    long ramBytes,
    long swapBytes,
    int pagingLevels,
    int tlbEntries,
    int cpus,
    OptionalLong minFreeKbytes,
    long seed,
    ThpMode thp)
    implements Statement {
  /** Default RAM: 16 GiB. */
  public static final long DEFAULT_RAM = 16L << 30;

  /** Default swap: 4 GiB. */
  public static final long DEFAULT_SWAP = 4L << 30;

  /** Default paging: 4 levels. */
  public static final int DEFAULT_PAGING_LEVELS = 4;

  /** Default TLB size: 64 entries (a typical L1 dTLB). */
  public static final int DEFAULT_TLB_ENTRIES = 64;

  /** Default CPU count: 2. */
  public static final int DEFAULT_CPUS = 2;

  /** Default seed: 42. */
  public static final long DEFAULT_SEED = 42;

  /** Checks the values that the parser already range-checked. */
  public MachineStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(minFreeKbytes, "minFreeKbytes");
    Objects.requireNonNull(thp, "thp");
    if (pagingLevels != 4 && pagingLevels != 5) {
      throw new IllegalArgumentException("MachineStmt: paging levels " + pagingLevels);
    }
  }

  /**
   * The machine used when a scenario has no {@code machine} line.
   *
   * @param source the scenario's source name
   * @return 16 GiB RAM, 4 GiB swap, 4-level paging, 64 TLB entries, 2 CPUs, computed
   *     min_free_kbytes, seed 42, THP madvise
   */
  public static MachineStmt defaults(String source) {
    return new MachineStmt(
        new Pos(source, 0, 0),
        DEFAULT_RAM,
        DEFAULT_SWAP,
        DEFAULT_PAGING_LEVELS,
        DEFAULT_TLB_ENTRIES,
        DEFAULT_CPUS,
        OptionalLong.empty(),
        DEFAULT_SEED,
        ThpMode.MADVISE);
  }

  /** The first address above user space: 2^47 with 4 levels, 2^56 with 5. */
  public long userAddressLimit() {
    return pagingLevels == 4 ? 1L << 47 : 1L << 56;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
