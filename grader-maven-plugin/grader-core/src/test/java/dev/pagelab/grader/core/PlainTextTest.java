package dev.pagelab.grader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {
  @Test
  void carriageReturnsCannotOverwriteALine() {
    assertEquals(
        "TODO(x)[INFO] Exercise pagewalk: 16/16 (100%)",
        PlainText.of("TODO(x)\r[INFO] Exercise pagewalk: 16/16 (100%)"));
  }

  @Test
  void escapeSequencesAreRemovedWhole() {
    assertEquals(
        "red text, title, end",
        PlainText.of("\u001B[31mred\u001B[0m text, \u001B]0;title\u0007title, \u001B[2Kend"));
  }

  @Test
  void otherControlsAndReorderingGoLineFeedsAndTabsStay() {
    assertEquals("a\tb\ncdefg", PlainText.of("a\tb\nc\u0008d\u0000e\u202Ef\u2028g\u0085"));
  }

  @Test
  void nullIsEmptyAndPlainTextIsKept() {
    assertEquals("", PlainText.of(null));
    String plain = "walk(0x1000): expected a fault at level 4 — 레벨 4";
    assertEquals(plain, PlainText.of(plain));
  }
}
