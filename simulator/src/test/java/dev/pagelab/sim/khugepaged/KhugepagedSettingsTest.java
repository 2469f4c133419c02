package dev.pagelab.sim.khugepaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The knobs' defaults and the store functions' validation in mm/khugepaged.c. */
class KhugepagedSettingsTest {
  private static final KhugepagedSettings D = KhugepagedSettings.DEFAULTS;

  @Test
  void defaultsAreThoseOfKhugepagedInit() {
    int nr = KhugepagedSettings.HPAGE_PMD_NR;
    assertEquals(4096, D.pagesToScan());
    assertEquals(nr * 8, D.pagesToScan());
    assertEquals(10000, D.scanSleepMillisecs());
    assertEquals(60000, D.allocSleepMillisecs());
    assertEquals(nr - 1, D.maxPtesNone());
    assertEquals(nr / 8, D.maxPtesSwap());
    assertEquals(nr / 2, D.maxPtesShared());
    assertTrue(D.defrag());
  }

  @ParameterizedTest
  @CsvSource({
    "defrag, 1",
    "max_ptes_none, 511",
    "max_ptes_swap, 64",
    "max_ptes_shared, 256",
    "pages_to_scan, 4096",
    "scan_sleep_millisecs, 10000",
    "alloc_sleep_millisecs, 60000"
  })
  void showPrintsTheDefaultsWithANewline(String knob, String value) {
    assertEquals(value + "\n", D.show(knob));
  }

  @ParameterizedTest
  @CsvSource({
    "max_ptes_none, 0",
    "max_ptes_none, 511",
    "max_ptes_swap, 0",
    "max_ptes_swap, 511",
    "max_ptes_shared, 511",
    "pages_to_scan, 1",
    "pages_to_scan, 4294967295",
    "scan_sleep_millisecs, 0",
    "alloc_sleep_millisecs, 4294967295",
    "defrag, 0"
  })
  void acceptedWritesAreShownBack(String knob, String value) throws Exception {
    KhugepagedSettings s = D.withKnob(knob, value + "\n");
    assertEquals(value + "\n", s.show(knob));
  }

  @Test
  void aWriteChangesOnlyItsKnob() throws Exception {
    KhugepagedSettings s = D.withKnob("max_ptes_swap", "+7");
    assertEquals(7, s.maxPtesSwap());
    assertEquals(D.maxPtesNone(), s.maxPtesNone());
    assertEquals(D.pagesToScan(), s.pagesToScan());
    assertFalse(D.withKnob("defrag", "0").defrag());
  }

  @ParameterizedTest
  @CsvSource({
    "max_ptes_none, 512, 0..511",
    "max_ptes_swap, 600, 0..511",
    "max_ptes_shared, 99999999999999999999999, 0..511",
    "pages_to_scan, 0, 1..4294967295",
    "pages_to_scan, 4294967296, 1..4294967295",
    "scan_sleep_millisecs, 4294967296, 0..4294967295",
    "defrag, 2, 0..1"
  })
  void outOfRangeWritesAreEinvalNamingKnobValueAndRange(String knob, String value, String range) {
    SysfsWriteException e = assertThrows(SysfsWriteException.class, () -> D.withKnob(knob, value));
    assertEquals("EINVAL", e.errno());
    assertEquals(
        "khugepaged/" + knob + ": '" + value + "' is out of range, expected " + range,
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"max_ptes_none, -1", "pages_to_scan, 12k", "defrag, ''", "scan_sleep_millisecs, 1 0"})
  void nonNumbersAreEinval(String knob, String value) {
    SysfsWriteException e = assertThrows(SysfsWriteException.class, () -> D.withKnob(knob, value));
    assertEquals("EINVAL", e.errno());
    assertTrue(e.getMessage().startsWith("khugepaged/" + knob + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith("is not an unsigned decimal number"), e.getMessage());
  }

  @Test
  void readOnlyAndUnknownFiles() {
    assertEquals(
        "EACCES",
        assertThrows(SysfsWriteException.class, () -> D.withKnob("full_scans", "0")).errno());
    assertEquals(
        "ENOENT",
        assertThrows(SysfsWriteException.class, () -> D.withKnob("max_ptes_all", "0")).errno());
  }

  @Test
  void theConstructorRejectsOutOfRangeValuesNamingTheKnob() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KhugepagedSettings(4096, 10000, 60000, 512, 64, 256, true));
    assertEquals("khugepaged/max_ptes_none: 512 is out of range, expected 0..511", e.getMessage());
  }
}
