package dev.pagelab.site.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Markdown rendering: directives, highlighted fences, rewritten and dropped links, headings. */
class MarkdownTest {
  @Test
  void directivesAreReplacedAndOtherFencesHighlighted() {
    String html =
        Markdown.render(
            "# T\n\n```pagelab run memuse | head -n 3\n```\n\n```scn\nfree\n```\n",
            l -> l,
            (info, body) -> "<p>[" + info + "]</p>");
    assertTrue(html.contains("<p>[pagelab run memuse | head -n 3]</p>"), html);
    assertTrue(
        html.contains("<pre class=\"code lang-scn\"><code><span class=\"tok-kw\">free</span>"),
        html);
  }

  @Test
  void linksAreRewrittenOrDroppedKeepingTheirText() {
    String html =
        Markdown.render(
            "See [the lesson](a.md#x) and [the source](../src/Walker.java).",
            l -> l.startsWith("../") ? null : l.replace(".md", ".html"),
            (info, body) -> "");
    assertTrue(html.contains("<a href=\"a.html#x\">the lesson</a>"), html);
    assertTrue(html.contains("and the source."), html);
    assertFalse(html.contains("Walker.java\""), html);
  }

  @Test
  void headingsGetIdsAndTheTitleIsTheFirstH1() {
    String html = Markdown.render("# 가상 메모리\n\n## Page faults\n", l -> l, (i, b) -> "");
    assertTrue(html.contains("<h2 id=\"page-faults\">"), html);
    assertTrue(html.contains("<h1 id=\"가상-메모리\">"), html);
    assertEquals("가상 메모리", Markdown.title("intro\n\n# 가상 메모리\n\n# other"));
    assertEquals(null, Markdown.title("no heading"));
    assertEquals("a <em>b</em>", Markdown.inline("a *b*"));
  }
}
