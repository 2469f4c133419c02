package dev.pagelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's own check of a written site: links, anchors, and pages in one language only. */
class LinkCheckerTest {
  @TempDir Path site;

  private void write(String path, String html) throws IOException {
    Path p = site.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, html);
  }

  @Test
  void aSoundSiteHasNoProblems() throws IOException {
    write(
        "ko/a.html",
        "<a href=\"b.html#%EA%B0%80\">b</a><img src=\"../img/x.svg\"><a href=\"https://x\">");
    write("ko/b.html", "<h2 id=\"가\">가</h2><a href=\"#가\">top</a>");
    write("en/a.html", "<a href=\"b.html#x&amp;y\">b</a>");
    write("en/b.html", "<h2 id=\"x&amp;y\">x</h2>");
    write("img/x.svg", "<svg/>");
    assertEquals(List.of(), new LinkChecker(site).problems());
  }

  @Test
  void brokenLinksAnchorsAndMissingTranslationsAreEachNamed() throws IOException {
    write("ko/a.html", "<a href=\"nope.html\">x</a><a href=\"a.html#missing\">y</a>");
    write("en/a.html", "<a href=\"\">z</a>");
    write("en/only.html", "<p>");
    assertEquals(
        List.of(
            "en/a.html: empty link",
            "ko/a.html: broken link \"nope.html\": no file ko/nope.html",
            "ko/a.html: broken anchor \"a.html#missing\": ko/a.html has no id \"missing\"",
            "en/only.html: exists in English only; add ko/only.html"),
        new LinkChecker(site).problems());
  }

  @Test
  void relativeAddresses() {
    assertEquals("../figures/b.svg", Urls.relative("ko/lessons/a.html", "ko/figures/b.svg"));
    assertEquals("b.html", Urls.relative("ko/a.html", "ko/b.html"));
    assertEquals("../../en/x.html", Urls.relative("ko/e/a.html", "en/x.html"));
    assertEquals("ko/x.html", Urls.resolve("ko/lessons/a.html", "../x.html"));
    assertEquals(null, Urls.resolve("ko/a.html", "../../x.html"));
  }
}
