package dev.pagelab.sim.tools;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The machine a {@code sar} report describes: the fields of its first line, which sysstat takes
 * from {@code uname(2)}, the sample date and the CPU count ({@code common.c print_gal_header}).
 *
 * @param sysname {@code uname -s}, e.g. {@code "Linux"}
 * @param release {@code uname -r}, e.g. {@code "6.18.44-fc-v657"}
 * @param nodename {@code uname -n}, the host name
 * @param date the date of the first sample (local time)
 * @param machine {@code uname -m}, e.g. {@code "x86_64"}
 * @param cpus the number of CPUs, at least 1
 */
public record SarHost(
    String sysname, String release, String nodename, LocalDate date, String machine, int cpus) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a field is missing or {@code cpus < 1}
   */
  public SarHost {
    Objects.requireNonNull(sysname, "SarHost: sysname");
    Objects.requireNonNull(release, "SarHost: release");
    Objects.requireNonNull(nodename, "SarHost: nodename");
    Objects.requireNonNull(date, "SarHost: date");
    Objects.requireNonNull(machine, "SarHost: machine");
    if (cpus < 1) {
      throw new IllegalArgumentException("SarHost: cpus is " + cpus + ", expected >= 1");
    }
  }

  /**
   * A Linux x86-64 host.
   *
   * @param release the kernel release
   * @param nodename the host name
   * @param date the date of the first sample
   * @param cpus the number of CPUs
   * @return the host
   */
  public static SarHost linux(String release, String nodename, LocalDate date, int cpus) {
    return new SarHost("Linux", release, nodename, date, "x86_64", cpus);
  }
}
