package dev.pagelab.sim.run;

/** Sizes written for people: {@code 16 GiB}, {@code 100 MiB}, {@code 12 KiB}, {@code 7 B}. */
final class Units {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private Units() {}

  /** The size in the largest binary unit that divides it, or in KiB with a fraction. */
  static String size(long bytes) {
    int unit = 0;
    long value = bytes;
    while (unit < UNITS.length - 1 && value != 0 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    if (unit == 0 && Math.abs(bytes) >= 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    return value + " " + UNITS[unit];
  }
}
