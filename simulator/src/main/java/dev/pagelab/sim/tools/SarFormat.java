package dev.pagelab.sim.tools;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * sysstat's column printers ({@code common.c cprintf_u64}, {@code cprintf_f}, {@code cprintf_xpc},
 * {@code cprintf_unit}) with colours off, as sar prints when its output is not a terminal. Every
 * value is one space and then a right-aligned field.
 */
final class SarFormat {
  /** {@code common.c units[]}: sectors, bytes, kilobytes, ... */
  private static final char[] UNITS = {'s', 'B', 'k', 'M', 'G', 'T', 'P', '?'};

  /** Index of kB in {@link #UNITS} ({@code UNIT_KILOBYTE}). */
  private static final int UNIT_KILOBYTE = 2;

  /** Column width of every sar -r / -B value. */
  static final int WIDTH = 9;

  private SarFormat() {}

  /** {@code cprintf_u64}: a count, or a kB value with a unit under {@code -h}. */
  static String u64(long value, boolean human) {
    return human ? unit(unsignedToDouble(value)) : " " + pad(Long.toUnsignedString(value), WIDTH);
  }

  /** {@code cprintf_f(unit, FALSE, n, 9, wd)}: a rate, or an average kB value. */
  static String fixed(double value, int decimals, boolean sizeWithUnit) {
    return sizeWithUnit ? unit(value) : " " + pad(c(value, decimals), WIDTH);
  }

  /** {@code cprintf_xpc(human, ..., 9, 2)}: a percentage, {@code -h} adds a {@code %} sign. */
  static String percent(double value, boolean human) {
    return human ? " " + pad(c(value, 1), WIDTH - 1) + "%" : " " + pad(c(value, 2), WIDTH);
  }

  /**
   * {@code cprintf_unit(UNIT_KILOBYTE, 9, kb)}: divides by 1024 while the value is at least 1024,
   * then prints it with one decimal ({@code dplaces_nr} is -1, so {@code dplaces_nr ? 1 : 0} is 1)
   * in 8 columns and the unit letter.
   */
  private static String unit(double kb) {
    double v = kb;
    int u = UNIT_KILOBYTE;
    while (v >= 1024) {
      v /= 1024;
      u++;
    }
    return " " + pad(c(v, 1), WIDTH - 1) + UNITS[Math.min(u, UNITS.length - 1)];
  }

  /** C's {@code %.Nf}: the exact binary value rounded half to even, {@code -0.00} kept. */
  static String c(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "-nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    BigDecimal d = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
    String s = d.toPlainString();
    boolean negative = Double.doubleToRawLongBits(value) < 0;
    return negative && d.signum() == 0 ? "-" + s : s;
  }

  /** C's conversion of an {@code unsigned long long} to {@code double}. */
  static double unsignedToDouble(long value) {
    if (value >= 0) {
      return value;
    }
    return ((double) (value >>> 1)) * 2.0 + (value & 1);
  }

  /** Right-aligns like {@code %*s}; longer text is not cut. */
  static String pad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }

  /** Left-aligns like {@code %-*s}. */
  static String padRight(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
