package dev.pagelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell pipelines a page writes after {@code pagelab}: parsing and the filters' meaning. */
class PipelineTest {
  private static final String OUT = "a1\nb2\n--- part\nc3\nd4\n--- end\ne5\n";

  @Test
  void argumentsAreShellWords() {
    Pipeline p = Pipeline.parse("run \"my file.scn\" --x 'a|b'");
    assertEquals(List.of("run", "my file.scn", "--x", "a|b"), p.args());
    assertEquals(List.of(), p.filters());
    assertEquals(OUT, p.filter(OUT));
  }

  @Test
  void headAndTail() {
    assertEquals("a1\nb2\n", Pipeline.parse("x | head -n 2").filter(OUT));
    assertEquals("--- end\ne5\n", Pipeline.parse("x | tail -n 2").filter(OUT));
    assertEquals("d4\n--- end\ne5\n", Pipeline.parse("x | tail -n +5").filter(OUT));
  }

  @Test
  void grepFixedExtendedInvertedAndWithContext() {
    assertEquals("--- part\n--- end\n", Pipeline.parse("x | grep -F '---'").filter(OUT));
    assertEquals("a1\nc3\n", Pipeline.parse("x | grep -E '^[ac]'").filter(OUT));
    assertEquals("a1\nb2\nc3\nd4\ne5\n", Pipeline.parse("x | grep -v -F -- ---").filter(OUT));
    assertEquals(
        "a1\nb2\n--\nd4\n--- end\n", Pipeline.parse("x | grep -E -A 1 'a1|d4'").filter(OUT));
  }

  @Test
  void sedPrintsRanges() {
    assertEquals(
        "--- part\nc3\nd4\n--- end\n", Pipeline.parse("x | sed -n '/part/,/end/p'").filter(OUT));
    assertEquals("b2\n--- part\n", Pipeline.parse("x | sed -n '2,3p'").filter(OUT));
    // + is a plain character in a basic regular expression; the end is looked for after the start
    assertEquals(
        "a+b\nc\na+b\n", Pipeline.parse("x | sed -n '/a+b/,/a+b/p'").filter("a+b\nc\na+b\nd\n"));
  }

  @Test
  void filtersCombine() {
    assertEquals("c3\n", Pipeline.parse("x | sed -n '/part/,/end/p' | grep -E '^c'").filter(OUT));
  }

  @Test
  void unknownFiltersAndBadPatternsAreNamed() {
    SiteException e = assertThrows(SiteException.class, () -> Pipeline.parse("x | awk '{print}'"));
    assertTrue(e.getMessage().contains("unknown filter \"awk {print}\""), e.getMessage());
    e = assertThrows(SiteException.class, () -> Pipeline.parse("x | grep y"));
    assertTrue(e.getMessage().contains("grep -F|-E"), e.getMessage());
    e = assertThrows(SiteException.class, () -> Pipeline.parse("x | grep -E 'a('"));
    assertTrue(e.getMessage().contains("bad pattern"), e.getMessage());
    e = assertThrows(SiteException.class, () -> Pipeline.parse("x 'open"));
    assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
  }
}
