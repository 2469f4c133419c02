package dev.pagelab.sim.tools;

import java.util.Objects;

/**
 * What {@code sar} is asked to print.
 *
 * @param report {@code -r}, {@code -r ALL} or {@code -B}
 * @param human {@code -h}: sizes with a unit suffix and percentages with a {@code %} sign
 * @param version which sysstat's formulas to use
 */
public record SarOptions(SarReport report, boolean human, SysstatVersion version) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SarOptions {
    Objects.requireNonNull(report, "SarOptions: report");
    Objects.requireNonNull(version, "SarOptions: version");
  }

  /**
   * The options of a plain {@code sar} run with sysstat 12.6.
   *
   * @param report the report
   * @return the options, without {@code -h}
   */
  public static SarOptions of(SarReport report) {
    return new SarOptions(report, false, SysstatVersion.V12_6);
  }
}
