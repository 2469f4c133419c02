package dev.pagelab.sim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the quantities of the scenario language: sizes in bytes ({@code 4096}, {@code
 * 4KiB}, {@code 100MiB}, {@code 80MB}), durations in nanoseconds ({@code 500ms}, {@code 2.5s},
 * {@code 1m}), rates in bytes per second ({@code 10MiB/s}), addresses ({@code 0x7f0000000000}) and
 * counts.
 *
 * <p>{@code K/KiB, M/MiB, G/GiB, T/TiB} are powers of 1024; {@code KB, MB, GB, TB} powers of 1000,
 * as in {@code dd} and the IEC standard. A decimal point is allowed when the result is a whole
 * number of bytes (or nanoseconds): {@code 1.5GiB} is fine, {@code 1.5B} is not.
 */
public final class Quantities {
  /** The hint printed with every bad size. */
  public static final String SIZE_HINT =
      "sizes look like 4096, 4KiB, 100MiB, 2GiB (K/M/G/T = KiB/MiB/GiB/TiB; KB/MB/GB/TB are powers"
          + " of 1000)";

  /** The hint printed with every bad duration. */
  public static final String DURATION_HINT =
      "durations look like 500ms, 1s, 2.5s, 1m (units: ns, us, ms, s, m, h)";

  /** The hint printed with every bad rate. */
  public static final String RATE_HINT = "rates look like 10MiB/s, 512KiB/s, 1GB/s";

  /** The hint printed with every bad address. */
  public static final String ADDRESS_HINT =
      "addresses look like 0x7f0000000000 (hex) or 4096 (decimal)";

  private static final Pattern NUMBER = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?([^0-9.][^/]*)?");
  private static final Map<String, Long> SIZE_UNITS = new LinkedHashMap<>();
  private static final Map<String, Long> DURATION_UNITS = new LinkedHashMap<>();
  private static final List<String> SIZE_FORMAT_UNITS = List.of("TiB", "GiB", "MiB", "KiB");
  private static final List<String> DURATION_FORMAT_UNITS = List.of("h", "m", "s", "ms", "us");

  static {
    SIZE_UNITS.put("", 1L);
    SIZE_UNITS.put("B", 1L);
    String[] binary = {"K", "M", "G", "T"};
    for (int i = 0; i < binary.length; i++) {
      long value = 1L << (10 * (i + 1));
      SIZE_UNITS.put(binary[i], value);
      SIZE_UNITS.put(binary[i] + "iB", value);
      SIZE_UNITS.put(binary[i] + "B", BigInteger.TEN.pow(3 * (i + 1)).longValueExact());
    }
    DURATION_UNITS.put("ns", 1L);
    DURATION_UNITS.put("us", 1_000L);
    DURATION_UNITS.put("ms", 1_000_000L);
    DURATION_UNITS.put("s", 1_000_000_000L);
    DURATION_UNITS.put("m", 60_000_000_000L);
    DURATION_UNITS.put("h", 3_600_000_000_000L);
  }

  private Quantities() {}

  /**
   * Reads a size.
   *
   * @param text e.g. {@code 100MiB}
   * @return the size in bytes, at least 0
   * @throws QuantityException if it is not a size, has an unknown unit, is not a whole number of
   *     bytes or does not fit in a long
   */
  public static long parseSize(String text) throws QuantityException {
    return parseScaled(text, "size", "bytes", SIZE_UNITS, SIZE_HINT, false);
  }

  /**
   * Reads a duration.
   *
   * @param text e.g. {@code 2.5s}
   * @return the duration in nanoseconds, at least 0
   * @throws QuantityException if it has no unit, an unknown unit or does not fit
   */
  public static long parseDuration(String text) throws QuantityException {
    return parseScaled(text, "duration", "nanoseconds", DURATION_UNITS, DURATION_HINT, true);
  }

  /**
   * Reads a rate.
   *
   * @param text e.g. {@code 10MiB/s}
   * @return bytes per second, at least 0
   * @throws QuantityException if it is not {@code SIZE/s}
   */
  public static long parseRate(String text) throws QuantityException {
    int slash = text.lastIndexOf('/');
    if (slash < 0 || !text.substring(slash + 1).equals("s")) {
      throw new QuantityException("\"" + text + "\" is not a rate", RATE_HINT);
    }
    try {
      return parseSize(text.substring(0, slash));
    } catch (QuantityException e) {
      throw new QuantityException(e.getMessage(), RATE_HINT);
    }
  }

  /**
   * Reads an address: {@code 0x} and 1 to 16 hex digits, or a decimal number of bytes.
   *
   * @param text e.g. {@code 0x7f0000000000}
   * @return the address as an unsigned 64-bit value
   * @throws QuantityException if it is neither
   */
  public static long parseAddress(String text) throws QuantityException {
    if (text.startsWith("0x") || text.startsWith("0X")) {
      String digits = text.substring(2);
      if (digits.isEmpty() || digits.length() > 16 || !digits.matches("[0-9a-fA-F]+")) {
        throw new QuantityException("\"" + text + "\" is not an address", ADDRESS_HINT);
      }
      return Long.parseUnsignedLong(digits, 16);
    }
    if (!text.matches("[0-9]+")) {
      throw new QuantityException("\"" + text + "\" is not an address", ADDRESS_HINT);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new QuantityException("address " + text + " is too large", ADDRESS_HINT);
    }
  }

  /**
   * Reads a plain integer count, optionally negative.
   *
   * @param text e.g. {@code 25600}
   * @return the value
   * @throws QuantityException if it is not an integer that fits in a long
   */
  public static long parseCount(String text) throws QuantityException {
    if (!text.matches("-?[0-9]+")) {
      throw new QuantityException(
          "\"" + text + "\" is not a whole number", "counts are plain numbers like 25600");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new QuantityException(
          "number " + text + " is too large", "counts must be below 2^63 (9223372036854775807)");
    }
  }

  private static long parseScaled(
      String text,
      String what,
      String baseUnit,
      Map<String, Long> units,
      String hint,
      boolean needsUnit)
      throws QuantityException {
    Matcher m = NUMBER.matcher(text);
    if (!m.matches()) {
      throw new QuantityException("\"" + text + "\" is not a " + what, hint);
    }
    String unit = m.group(3) == null ? "" : m.group(3);
    if (needsUnit && unit.isEmpty()) {
      throw new QuantityException(what + " \"" + text + "\" needs a unit", hint);
    }
    Long scale = units.get(unit);
    if (scale == null) {
      throw new QuantityException(
          "unknown " + what + " unit \"" + unit + "\"", hint, text.length() - unit.length());
    }
    String number = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
    BigDecimal value = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
    if (value.stripTrailingZeros().scale() > 0) {
      throw new QuantityException(
          what + " " + text + " is not a whole number of " + baseUnit, hint);
    }
    if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new QuantityException(what + " " + text + " is too large", hint);
    }
    return value.longValueExact();
  }

  /**
   * Writes a size with the largest binary unit that divides it exactly ({@code 4096} → {@code
   * 4KiB}, {@code 4097} → {@code 4097B}); {@link #parseSize} reads it back to the same value.
   *
   * @param bytes a size, at least 0
   * @return the text
   */
  public static String formatSize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("Quantities.formatSize: negative size " + bytes);
    }
    return format(bytes, SIZE_FORMAT_UNITS, SIZE_UNITS, "B");
  }

  /**
   * Writes a duration with the largest unit that divides it exactly ({@code 1500000000} → {@code
   * 1500ms}); {@link #parseDuration} reads it back to the same value.
   *
   * @param nanos a duration, at least 0
   * @return the text
   */
  public static String formatDuration(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("Quantities.formatDuration: negative duration " + nanos);
    }
    return format(nanos, DURATION_FORMAT_UNITS, DURATION_UNITS, "ns");
  }

  /**
   * Writes a rate as a size per second ({@code 10485760} → {@code 10MiB/s}).
   *
   * @param bytesPerSecond a rate, at least 0
   * @return the text
   */
  public static String formatRate(long bytesPerSecond) {
    return formatSize(bytesPerSecond) + "/s";
  }

  private static String format(
      long value, List<String> candidates, Map<String, Long> units, String base) {
    if (value != 0) {
      for (String unit : candidates) {
        long scale = units.get(unit);
        if (value % scale == 0) {
          return value / scale + unit;
        }
      }
    }
    return value + base;
  }
}
