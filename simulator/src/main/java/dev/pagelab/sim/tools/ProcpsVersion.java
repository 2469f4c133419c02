package dev.pagelab.sim.tools;

/** The procps-ng release whose output a tool reproduces. */
public enum ProcpsVersion {
  /**
   * procps-ng 4.0.2 (Debian 12): {@code used = MemTotal - MemAvailable}, follows {@code src/free.c}
   * and {@code library/meminfo.c}.
   */
  V4_0_2("4.0.2"),
  /**
   * procps-ng 3.3.17 (Debian 11, Ubuntu 22.04, WSL2 of the course notes): {@code used = MemTotal -
   * MemFree - Buffers - Cached - SReclaimable}, follows {@code free.c} and {@code proc/sysinfo.c}.
   */
  V3_3_17("3.3.17");

  private final String label;

  ProcpsVersion(String label) {
    this.label = label;
  }

  /**
   * Returns the version as procps prints it.
   *
   * @return e.g. {@code "4.0.2"}
   */
  public String label() {
    return label;
  }
}
