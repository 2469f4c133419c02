package dev.pagelab.sim.tools;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The options of one {@code free} run.
 *
 * @param version which procps-ng release to imitate
 * @param unit the unit option ({@code -b -k -m -g --tebi --pebi --kilo ...})
 * @param human {@code -h}: shortest unit with a suffix
 * @param si {@code --si}: powers of 1000
 * @param wide {@code -w}: separate buffers and cache columns
 * @param lohi {@code -l}: Low and High lines
 * @param total {@code -t}: a Total line for RAM + swap
 * @param committed {@code -v}: a Comm line (procps-ng 4.0 only)
 * @param minFreeKbytes {@code vm.min_free_kbytes}, used only by procps-ng 3.3 when MemAvailable is
 *     missing or 0
 */
public record FreeOptions(
    ProcpsVersion version,
    FreeUnit unit,
    boolean human,
    boolean si,
    boolean wide,
    boolean lohi,
    boolean total,
    boolean committed,
    OptionalLong minFreeKbytes) {

  /** Plain {@code free} of procps-ng 4.0.2. */
  public static final FreeOptions DEFAULT =
      new FreeOptions(
          ProcpsVersion.V4_0_2,
          FreeUnit.DEFAULT,
          false,
          false,
          false,
          false,
          false,
          false,
          OptionalLong.empty());

  /**
   * Checks the combination.
   *
   * @throws IllegalArgumentException if a value is null or {@code -v} is asked of procps-ng 3.3
   */
  public FreeOptions {
    Objects.requireNonNull(version, "FreeOptions: version");
    Objects.requireNonNull(unit, "FreeOptions: unit");
    Objects.requireNonNull(minFreeKbytes, "FreeOptions: minFreeKbytes");
    if (committed && version == ProcpsVersion.V3_3_17) {
      throw new IllegalArgumentException("FreeOptions: -v (committed) does not exist in free 3.3");
    }
  }

  /**
   * Returns a copy for another procps version.
   *
   * @param v the version
   * @return the copy
   */
  public FreeOptions withVersion(ProcpsVersion v) {
    return new FreeOptions(v, unit, human, si, wide, lohi, total, committed, minFreeKbytes);
  }

  /**
   * Returns a copy with another unit option.
   *
   * @param u the unit
   * @return the copy
   */
  public FreeOptions withUnit(FreeUnit u) {
    return new FreeOptions(version, u, human, si, wide, lohi, total, committed, minFreeKbytes);
  }

  /**
   * Returns a copy with the given flags switched on.
   *
   * @param flags any of {@code "-h" "--si" "-w" "-l" "-t" "-v"}
   * @return the copy
   */
  public FreeOptions with(String... flags) {
    FreeOptions o = this;
    for (String f : flags) {
      o =
          new FreeOptions(
              o.version,
              o.unit,
              o.human || f.equals("-h"),
              o.si || f.equals("--si"),
              o.wide || f.equals("-w"),
              o.lohi || f.equals("-l"),
              o.total || f.equals("-t"),
              o.committed || f.equals("-v"),
              o.minFreeKbytes);
      if (!f.matches("-h|--si|-w|-l|-t|-v")) {
        throw new IllegalArgumentException("FreeOptions.with: unknown flag " + f);
      }
    }
    return o;
  }

  /**
   * Returns a copy with {@code vm.min_free_kbytes} known.
   *
   * @param kb the sysctl value
   * @return the copy
   */
  public FreeOptions withMinFreeKbytes(long kb) {
    return new FreeOptions(
        version, unit, human, si, wide, lohi, total, committed, OptionalLong.of(kb));
  }

  /**
   * Tells whether values are scaled by 1000 rather than 1024.
   *
   * @return {@code --si} or a decimal unit
   */
  public boolean decimal() {
    return si || unit.si();
  }
}
