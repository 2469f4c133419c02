package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "4096, 4096",
    "4096B, 4096",
    "1K, 1024",
    "4KiB, 4096",
    "1KB, 1000",
    "100MiB, 104857600",
    "100M, 104857600",
    "80MB, 80000000",
    "2GiB, 2147483648",
    "1GB, 1000000000",
    "1TiB, 1099511627776",
    "1TB, 1000000000000",
    "1.5GiB, 1610612736",
    "0.5KiB, 512",
    "1.000KB, 1000",
    "8388607TiB, 9223370937343148032",
    "9223372036854775807, 9223372036854775807"
  })
  void sizes(String text, long bytes) throws QuantityException {
    assertEquals(bytes, Quantities.parseSize(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "MiB",
        "-1",
        "1.5B",
        "0.1KiB",
        "100MB2",
        "4kb",
        "4kB",
        "4 KiB",
        "1.2.3",
        "8388608TiB",
        "9223372036854775808",
        "0x10"
      })
  void badSizes(String text) {
    QuantityException e = assertThrows(QuantityException.class, () -> Quantities.parseSize(text));
    assertEquals(Quantities.SIZE_HINT, e.hint());
  }

  @Test
  void unknownUnitPointsAtTheUnit() {
    QuantityException e =
        assertThrows(QuantityException.class, () -> Quantities.parseSize("100MB2"));
    assertEquals("unknown size unit \"MB2\"", e.getMessage());
    assertEquals(3, e.offset());
  }

  @ParameterizedTest
  @CsvSource({
    "500ms, 500000000",
    "1s, 1000000000",
    "2.5s, 2500000000",
    "1m, 60000000000",
    "1h, 3600000000000",
    "7ns, 7",
    "3us, 3000",
    "0s, 0",
    "0.001ms, 1000"
  })
  void durations(String text, long nanos) throws QuantityException {
    assertEquals(nanos, Quantities.parseDuration(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5x", "1.5ns", "s", "-1s", "1min", "3000000h"})
  void badDurations(String text) {
    QuantityException e =
        assertThrows(QuantityException.class, () -> Quantities.parseDuration(text));
    assertEquals(Quantities.DURATION_HINT, e.hint());
  }

  @ParameterizedTest
  @CsvSource({"10MiB/s, 10485760", "512KiB/s, 524288", "1GB/s, 1000000000", "4096/s, 4096"})
  void rates(String text, long bytesPerSecond) throws QuantityException {
    assertEquals(bytesPerSecond, Quantities.parseRate(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10MiB", "10MiB/m", "/s", "10MiB/s/s", "x/s"})
  void badRates(String text) {
    QuantityException e = assertThrows(QuantityException.class, () -> Quantities.parseRate(text));
    assertEquals(Quantities.RATE_HINT, e.hint());
  }

  @ParameterizedTest
  @CsvSource({
    "0x0, 0",
    "0, 0",
    "0x401000, 4198400",
    "0X7FFFFFFFF000, 140737488351232",
    "4096, 4096",
    "0xffffffffffffffff, -1"
  })
  void addresses(String text, long address) throws QuantityException {
    assertEquals(address, Quantities.parseAddress(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0x", "0xg", "0x10000000000000000", "buf", "-4096", "99999999999999999999"})
  void badAddresses(String text) {
    assertThrows(QuantityException.class, () -> Quantities.parseAddress(text));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0B",
    "1, 1B",
    "4095, 4095B",
    "4096, 4KiB",
    "1048576, 1MiB",
    "1536, 1536B",
    "3145728, 3MiB",
    "1073741824, 1GiB",
    "1099511627776, 1TiB",
    "104857600, 100MiB"
  })
  void formatSize(long bytes, String text) {
    assertEquals(text, Quantities.formatSize(bytes));
  }

  @ParameterizedTest
  @CsvSource({"0, 0ns", "1500000000, 1500ms", "60000000000, 1m", "1000, 1us", "7, 7ns"})
  void formatDuration(long nanos, String text) {
    assertEquals(text, Quantities.formatDuration(nanos));
  }

  @Test
  void formatRejectsNegatives() {
    assertThrows(IllegalArgumentException.class, () -> Quantities.formatSize(-1));
    assertThrows(IllegalArgumentException.class, () -> Quantities.formatDuration(-1));
  }
}
