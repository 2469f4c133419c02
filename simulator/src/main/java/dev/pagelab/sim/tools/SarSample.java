package dev.pagelab.sim.tools;

import java.time.LocalTime;
import java.util.Map;
import java.util.Objects;

/**
 * One sample as sadc takes it: {@code /proc/uptime}, {@code /proc/meminfo} and {@code /proc/vmstat}
 * read at the same moment, and the wall-clock time sadc records for it.
 *
 * @param uptimeCentis the first field of {@code /proc/uptime} in hundredths of a second (sadc's
 *     {@code uptime_cs})
 * @param meminfo field name to value in kB (may be empty for {@code sar -B})
 * @param vmstat counter name to value (may be empty for {@code sar -r})
 * @param wallClock the local time sar prints for the sample
 */
public record SarSample(
    long uptimeCentis, Map<String, Long> meminfo, Map<String, Long> vmstat, LocalTime wallClock) {
  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if the uptime is negative or a field is missing
   */
  public SarSample {
    if (uptimeCentis < 0) {
      throw new IllegalArgumentException(
          "SarSample: uptimeCentis is " + uptimeCentis + ", expected >= 0");
    }
    meminfo = Map.copyOf(Objects.requireNonNull(meminfo, "SarSample: meminfo"));
    vmstat = Map.copyOf(Objects.requireNonNull(vmstat, "SarSample: vmstat"));
    Objects.requireNonNull(wallClock, "SarSample: wallClock");
  }
}
