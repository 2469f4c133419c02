package dev.pagelab.sim.tools;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One number of {@code free} as text: procps-ng {@code src/free.c scale_size}, including its C
 * arithmetic (a {@code long long} byte count, {@code double} powers, the {@code float} cast before
 * {@code %.1f}, truncating casts).
 */
final class FreeScale {
  private static final char[] UP = {'B', 'K', 'M', 'G', 'T', 'P'};

  private FreeScale() {}

  /**
   * Formats a kB value.
   *
   * @param kb the value in kB (may be negative, see {@link FreeFigures})
   * @param o the options
   * @return the text procps prints before padding
   */
  static String format(long kb, FreeOptions o) {
    int base = o.decimal() ? 1000 : 1024;
    long bytes = kb * 1024L;
    if (!o.human()) {
      return switch (o.unit().exponent()) {
        case 0 -> Long.toString(bytes / base);
        case 1 -> Long.toString(bytes);
        default -> Long.toString((long) (bytes / power(base, o.unit().exponent() - 1)));
      };
    }
    String text = bytes + "B";
    if (text.length() <= 4) {
      return text;
    }
    int room = o.decimal() ? 4 : 5;
    String suffix = o.decimal() ? "" : "i";
    for (int i = 1; i < UP.length; i++) {
      double scaled = bytes / power(base, i);
      text = oneDecimal((float) scaled) + UP[i] + suffix;
      if (text.length() <= room) {
        return text;
      }
      text = (long) scaled + String.valueOf(UP[i]) + suffix;
      if (text.length() <= room) {
        return text;
      }
    }
    return text; // beyond pebibytes procps prints the too-wide text as it is
  }

  /** procps' recursive {@code power(base, expo)}: exact in double for these bases. */
  private static double power(int base, int expo) {
    double p = 1;
    for (int i = 0; i < expo; i++) {
      p = base * p;
    }
    return p;
  }

  /** C's {@code printf("%.1f", (double) f)}: exact binary value, round half to even. */
  private static String oneDecimal(float f) {
    BigDecimal d = new BigDecimal((double) f).setScale(1, RoundingMode.HALF_EVEN);
    String s = d.toPlainString();
    return (f < 0 && d.signum() == 0) ? "-" + s : s;
  }
}
