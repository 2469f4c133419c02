package dev.pagelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny site built end to end from a temporary repository: the build fails, naming the file, when
 * a page or an assignment exists in one language only or a link is broken; a new exercise folder
 * gets its pages without any change to the site.
 */
class SourcesTest {
  /** One repository for all tests, emptied before each, so that one runner serves them all. */
  @TempDir static Path repo;

  /** Shared by the tests, so that each command runs only once. */
  private static Pagelab pagelab;

  @BeforeEach
  void empty() throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(repo)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(repo)) {
          Files.delete(p);
        }
      }
    }
  }

  private void write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private SiteGenerator.Summary build() {
    if (pagelab == null) {
      pagelab = new Pagelab(repo);
    }
    return new SiteGenerator(
            new SiteGenerator.Config(
                repo.resolve("site"), repo, repo.resolve("site/target/site"), "", false),
            pagelab)
        .generate();
  }

  private void minimalSite() throws IOException {
    for (String l : List.of("ko", "en")) {
      write("site/src/pages/" + l + "/index.md", "# Home " + l + "\n\n[ex](exercises/demo.md)\n");
      write("site/src/pages/" + l + "/_exercise-footer.md", "## Kit\n\n{{exercise}}\n");
    }
    write("site/src/pages/ko/_scenario-language-note.md", "> 참고\n");
    write("site/src/data/x.scn", "# description: a test\nmachine ram=256MiB swap=0\nfree\n");
    write("site/src/assets/site.css", "body{}");
    write("site/src/assets/search.js", "");
    write("docs/scenarios.md", "# The scenario language\n\ntext\n");
    write(
        "exercises/demo/README.md",
        "# Demo\n\n[한국어](README.ko.md) [src](../src/X.java) [next](../demo/README.md#demo)\n");
    write("exercises/demo/README.ko.md", "# 데모\n\n[English](README.md#demo)\n");
  }

  @Test
  void aNewExerciseGetsItsPagesInBothLanguages() throws IOException {
    minimalSite();
    build();
    Path out = repo.resolve("site/target/site");
    String en = Files.readString(out.resolve("en/exercises/demo.html"));
    assertTrue(en.contains("<a href=\"../../ko/exercises/demo.html\">한국어</a>"), en);
    assertTrue(
        en.contains("</a> src <a"), "without a source URL a link to a source is text: " + en);
    assertTrue(
        en.contains("<a href=\"../../en/exercises/demo.html#demo\">next</a>"),
        "a link to an assignment goes to its page: " + en);
    assertTrue(Files.readString(out.resolve("ko/exercises/demo.html")).contains("데모"));
    assertTrue(Files.exists(out.resolve("ko/scenarios/x.html")));
    assertTrue(Files.exists(out.resolve("en/reference/cli.html")));
  }

  @Test
  void twoBuildsGiveTheSameBytes() throws IOException {
    minimalSite();
    write("site/src/pages/en/index.md", "# Home\n\n```pagelab run site/src/data/x.scn\n```\n");
    build();
    Map<String, String> first = files(repo.resolve("site/target/site"));
    build();
    assertEquals(first, files(repo.resolve("site/target/site")));
    assertTrue(first.get("en/search-index.js").contains("\"home\""), "the index has the page");
  }

  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  @Test
  void aPageInOneLanguageOnlyFailsTheBuild() throws IOException {
    minimalSite();
    write("site/src/pages/ko/lessons/01-x.md", "# x\n");
    SiteException e = assertThrows(SiteException.class, this::build);
    assertEquals(
        "site/src/pages/ko/lessons/01-x.md has no translation: add site/src/pages/en/lessons/01-x.md",
        e.getMessage());
  }

  @Test
  void anAssignmentInOneLanguageOnlyFailsTheBuild() throws IOException {
    minimalSite();
    write("exercises/thp/README.md", "# THP\n");
    SiteException e = assertThrows(SiteException.class, this::build);
    assertTrue(
        e.getMessage().contains("exercises/thp has README.md but no README.ko.md"), e.getMessage());
  }

  @Test
  void aBrokenLinkOrAnchorFailsTheBuild() throws IOException {
    minimalSite();
    write("site/src/pages/en/index.md", "# Home\n\n[gone](lessons/none.md) [a](#nowhere)\n");
    SiteException e = assertThrows(SiteException.class, this::build);
    assertTrue(
        e.getMessage().contains("en/index.html: broken link \"lessons/none.html\""),
        e.getMessage());
    assertTrue(e.getMessage().contains("broken anchor \"#nowhere\""), e.getMessage());
  }

  @Test
  void aFailingCommandFailsTheBuildNamingThePage() throws IOException {
    minimalSite();
    write("site/src/pages/en/index.md", "# Home\n\n```pagelab run no-such-scenario\n```\n");
    SiteException e = assertThrows(SiteException.class, this::build);
    assertTrue(
        e.getMessage()
            .startsWith(
                "site/src/pages/en/index.md: ./pagelab run no-such-scenario exited with status 1"),
        e.getMessage());
  }
}
