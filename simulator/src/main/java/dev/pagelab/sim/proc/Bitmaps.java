package dev.pagelab.sim.proc;

/**
 * The kernel's {@code %*pb} and {@code %*pbl} bitmap formats ({@code lib/vsprintf.c bitmap_string}
 * and {@code bitmap_list_string}) for bitmaps whose set bits all lie below bit 64.
 */
final class Bitmaps {

  private Bitmaps() {}

  /**
   * {@code %*pb}: 32-bit chunks in hex from the most significant, separated by commas; the first
   * chunk has only as many digits as its bits need.
   */
  static String hex(long bits, int nbits) {
    if (nbits < 1) {
      throw new IllegalArgumentException("hex: bitmap width must be >= 1, got " + nbits);
    }
    StringBuilder out = new StringBuilder();
    int chunk = nbits % 32 == 0 ? 32 : nbits % 32;
    for (int i = (nbits + 31) / 32 * 32 - 32; i >= 0; i -= 32) {
      long value = i >= 64 ? 0 : (bits >>> i) & ((1L << chunk) - 1);
      if (out.length() > 0) {
        out.append(',');
      }
      String digits = Long.toHexString(value);
      int width = (chunk + 3) / 4;
      out.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
      chunk = 32;
    }
    return out.toString();
  }

  /** {@code %*pbl}: ranges of set bits, {@code "0-1,4"}; empty for no bits. */
  static String list(long bits) {
    StringBuilder out = new StringBuilder();
    int bit = 0;
    while (bit < 64) {
      if ((bits >>> bit & 1) == 0) {
        bit++;
        continue;
      }
      int end = bit;
      while (end + 1 < 64 && (bits >>> (end + 1) & 1) == 1) {
        end++;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(bit);
      if (end > bit) {
        out.append('-').append(end);
      }
      bit = end + 1;
    }
    return out.toString();
  }

  /** Reads a {@code %*pb} string: its value (below bit 64) and its width in bits. */
  static long[] parseHex(String text) {
    String[] chunks = text.split(",", -1);
    long value = 0;
    for (int k = 0; k < chunks.length; k++) {
      String c = chunks[k];
      if (c.isEmpty() || c.length() > 8 || (k > 0 && c.length() != 8)) {
        throw new NumberFormatException("bad bitmap chunk '" + c + "'");
      }
      long v = Long.parseLong(c, 16);
      int shift = 32 * (chunks.length - 1 - k);
      if (shift >= 64 && v != 0) {
        throw new NumberFormatException("bitmap bit above 63 in '" + text + "'");
      }
      if (shift < 64) {
        value |= v << shift;
      }
    }
    long width = 4L * chunks[0].length() + 32L * (chunks.length - 1);
    return new long[] {value, width};
  }
}
