package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Positive;

class QuantitiesPropertiesTest {
  @Property
  void formattedSizesParseBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes)
      throws QuantityException {
    assertEquals(bytes, Quantities.parseSize(Quantities.formatSize(bytes)));
  }

  @Property
  void pageMultiplesParseBack(@ForAll @LongRange(min = 0, max = 1L << 40) long pages)
      throws QuantityException {
    long bytes = pages * 4096;
    assertEquals(bytes, Quantities.parseSize(Quantities.formatSize(bytes)));
  }

  @Property
  void formattedDurationsParseBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nanos)
      throws QuantityException {
    assertEquals(nanos, Quantities.parseDuration(Quantities.formatDuration(nanos)));
  }

  @Property
  void formattedRatesParseBack(@ForAll @Positive long bytesPerSecond) throws QuantityException {
    assertEquals(bytesPerSecond, Quantities.parseRate(Quantities.formatRate(bytesPerSecond)));
  }

  /** N followed by a unit means N times the unit, whenever that fits in a long. */
  @Property
  void unitsMultiply(
      @ForAll @LongRange(min = 0, max = 1L << 42) long n, @ForAll("units") String unit)
      throws QuantityException {
    BigInteger expected = BigInteger.valueOf(n).multiply(BigInteger.valueOf(scale(unit)));
    if (expected.bitLength() < 63) {
      assertEquals(expected.longValueExact(), Quantities.parseSize(n + unit));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> units() {
    return net.jqwik.api.Arbitraries.of(
        "", "B", "K", "KiB", "KB", "M", "MiB", "MB", "G", "GiB", "GB", "T", "TiB", "TB");
  }

  /** The unit table written out independently of the parser's. */
  private static long scale(String unit) {
    switch (unit) {
      case "K", "KiB":
        return 1024L;
      case "M", "MiB":
        return 1024L * 1024;
      case "G", "GiB":
        return 1024L * 1024 * 1024;
      case "T", "TiB":
        return 1024L * 1024 * 1024 * 1024;
      case "KB":
        return 1000L;
      case "MB":
        return 1000L * 1000;
      case "GB":
        return 1000L * 1000 * 1000;
      case "TB":
        return 1000L * 1000 * 1000 * 1000;
      default:
        return 1;
    }
  }
}
