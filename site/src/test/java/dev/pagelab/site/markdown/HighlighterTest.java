package dev.pagelab.site.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Highlighting at build time: the token classes of each language, and escaping everywhere. */
class HighlighterTest {
  @Test
  void scenarioLanguage() {
    String h =
        Highlighter.highlight("p mmap 100MiB rw as buf   # a <comment>\necho \"a & b\"", "scn");
    assertTrue(h.contains("<span class=\"tok-kw\">mmap</span>"), h);
    assertTrue(h.contains("<span class=\"tok-num\">100MiB</span>"), h);
    assertTrue(h.contains("<span class=\"tok-com\"># a &lt;comment&gt;</span>"), h);
    assertTrue(h.contains("<span class=\"tok-str\">&quot;a &amp; b&quot;</span>"), h);
    assertTrue(h.startsWith("p "), "an alias is a plain word: " + h);
  }

  @Test
  void shell() {
    String h = Highlighter.highlight("./mvnw -pl exercises verify # grade\n", "sh");
    assertTrue(h.startsWith("<span class=\"tok-kw\">./mvnw</span>"), h);
    assertTrue(h.contains("<span class=\"tok-attr\">-pl</span>"), h);
    assertTrue(h.contains("<span class=\"tok-com\"># grade</span>"), h);
  }

  @Test
  void javaAndXml() {
    String j =
        Highlighter.highlight("@Graded(points = 2) // two\nWalkResult walk(long va)", "java");
    assertTrue(j.contains("<span class=\"tok-attr\">@Graded</span>"), j);
    assertTrue(j.contains("<span class=\"tok-type\">WalkResult</span>"), j);
    assertTrue(j.contains("<span class=\"tok-kw\">long</span>"), j);
    assertTrue(j.contains("<span class=\"tok-com\">// two</span>"), j);
    String x = Highlighter.highlight("<goal>grade</goal> <!-- x -->", "xml");
    assertTrue(x.contains("<span class=\"tok-kw\">&lt;goal</span>"), x);
    assertTrue(x.contains("<span class=\"tok-com\">&lt;!-- x --&gt;</span>"), x);
  }

  @Test
  void unknownLanguagesAreOnlyEscaped() {
    assertEquals("a &lt; b &amp;&amp; c", Highlighter.highlight("a < b && c", "text"));
  }

  @Test
  void terminalOutputMarksTimesCommandsAndComments() {
    String t = Highlighter.terminal("# machine: 16 GiB\n[    1.000] $ free -k\nMem: 1 <2>");
    assertEquals(
        "<span class=\"tok-com\"># machine: 16 GiB</span>\n"
            + "<span class=\"tok-time\">[    1.000]</span><span class=\"tok-cmd\"> $ free -k</span>\n"
            + "Mem: 1 &lt;2&gt;",
        t);
  }
}
