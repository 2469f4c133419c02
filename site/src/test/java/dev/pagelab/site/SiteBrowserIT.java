package dev.pagelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.site.search.Tokenizer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.htmlunit.ScriptException;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.SilentJavaScriptErrorListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built site (target/site) in HtmlUnit, a browser engine in pure Java: every page of both
 * languages loads and runs its scripts without an error; every link, image, stylesheet and script
 * it names exists, and every {@code #anchor} is an id of its page; the search page finds terms in
 * each language; and search.js cuts text into terms exactly as {@link Tokenizer} does.
 */
class SiteBrowserIT {
  private static Path site;
  private static WebClient browser;
  private static final List<String> scriptErrors = new ArrayList<>();
  private static final Map<String, HtmlPage> loaded = new HashMap<>();

  @BeforeAll
  static void open() {
    site = Path.of(System.getProperty("pagelab.site.dir", "target/site")).toAbsolutePath();
    assertTrue(
        Files.isRegularFile(site.resolve("index.html")),
        "no site in " + site + ": run ./mvnw -pl site -am verify (the site is built in package)");
    browser = new WebClient();
    browser.getOptions().setThrowExceptionOnScriptError(true);
    browser.getOptions().setCssEnabled(true);
    browser.setCssErrorHandler(new org.htmlunit.SilentCssErrorHandler());
    browser.setJavaScriptErrorListener(
        new SilentJavaScriptErrorListener() {
          @Override
          public void scriptException(HtmlPage page, ScriptException e) {
            scriptErrors.add(page.getUrl() + ": " + e.getMessage());
          }
        });
  }

  @AfterAll
  static void close() {
    browser.close();
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> s = Files.walk(site)) {
      return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
  }

  private static HtmlPage load(URL url) throws IOException {
    String key = url.toString().replaceFirst("#.*", "");
    HtmlPage p = loaded.get(key);
    if (p == null) {
      p = browser.getPage(new URL(key));
      loaded.put(key, p);
    }
    return p;
  }

  @Test
  void everyPageOfBothLanguagesLoadsWithoutScriptErrors() throws IOException {
    List<Path> pages = pages();
    assertTrue(pages.size() > 40, "only " + pages.size() + " pages");
    long ko = pages.stream().filter(p -> site.relativize(p).startsWith("ko")).count();
    long en = pages.stream().filter(p -> site.relativize(p).startsWith("en")).count();
    assertEquals(ko, en, "as many Korean pages as English ones");
    for (Path p : pages) {
      HtmlPage page = load(p.toUri().toURL());
      String lang = page.getDocumentElement().getAttribute("lang");
      assertTrue(lang.equals("ko") || lang.equals("en"), p + ": html lang=" + lang);
      assertFalse(page.getTitleText().isBlank(), p + ": no title");
    }
    assertEquals(List.of(), scriptErrors);
  }

  @Test
  void everyLinkImageAndAnchorResolves() throws IOException, URISyntaxException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path p : pages()) {
      HtmlPage page = load(p.toUri().toURL());
      for (DomElement e : page.getDocumentElement().getHtmlElementDescendants()) {
        String attr = e.hasAttribute("href") ? "href" : e.hasAttribute("src") ? "src" : null;
        if (attr == null) {
          continue;
        }
        String ref = e.getAttribute(attr);
        URL url = page.getFullyQualifiedUrl(ref);
        if (!url.getProtocol().equals("file")) {
          assertTrue(url.getProtocol().startsWith("http"), p + ": odd link " + ref);
          continue;
        }
        checked++;
        String problem = problem(url);
        if (problem != null) {
          broken.add(
              site.relativize(p)
                  + ": "
                  + e.getTagName()
                  + " "
                  + attr
                  + "=\""
                  + ref
                  + "\": "
                  + problem);
        }
      }
    }
    assertTrue(checked > 1000, "only " + checked + " links checked");
    assertEquals(List.of(), broken);
  }

  private static String problem(URL url) throws IOException, URISyntaxException {
    Path target = Path.of(new URI(url.getProtocol(), null, url.getPath(), null));
    if (!Files.isRegularFile(target)) {
      return "no file " + target;
    }
    if (target.toString().endsWith(".svg")) {
      String svg = Files.readString(target, StandardCharsets.UTF_8);
      return svg.startsWith("<svg") && svg.strip().endsWith("</svg>") ? null : "not an SVG";
    }
    String fragment = url.getRef();
    if (fragment != null && target.toString().endsWith(".html")) {
      String id = java.net.URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
      HtmlPage page = load(url);
      if (page.getElementById(id) == null) {
        return "no element with id \"" + id + "\"";
      }
    }
    return null;
  }

  private static List<DomNode> searchResults(String lang, String query) throws IOException {
    URL url =
        new URL(
            site.resolve(lang + "/search.html").toUri().toURL()
                + "?q="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
    HtmlPage page = browser.getPage(url);
    return page.querySelectorAll(".search-results li a");
  }

  @Test
  void theSearchFindsATermInEachLanguage() throws IOException, URISyntaxException {
    List<DomNode> ko = searchResults("ko", "페이지 캐시");
    assertFalse(ko.isEmpty(), "페이지 캐시: nothing found");
    assertTrue(ko.get(0).getTextContent().contains("캐시"), ko.get(0).getTextContent());
    List<DomNode> particle = searchResults("ko", "디맨드 페이징을");
    assertFalse(particle.isEmpty(), "a word with a particle attached is found by its bigrams");
    List<DomNode> en = searchResults("en", "demand paging");
    assertFalse(en.isEmpty(), "demand paging: nothing found");
    assertTrue(searchResults("en", "zzzzqqqq").isEmpty());
    HtmlPage first = ((DomElement) en.get(0)).click();
    assertTrue(first.getUrl().toString().contains("/en/"), first.getUrl().toString());
    assertEquals(null, problem(first.getUrl()), "the first hit's address resolves");
  }

  @Test
  void searchScriptCutsTermsAsTheJavaIndexDoes() throws IOException {
    HtmlPage page = browser.getPage(site.resolve("ko/search.html").toUri().toURL());
    for (String text :
        List.of(
            "페이지 캐시를 비우면 buff/cache 가 줄어든다",
            "min_flt 값이 25,600번, VmPTE 2160 kB",
            "The OOM killer's __oom_badness() — 점수 (oom_score_adj)",
            "한 Ｆｕｌｌ width ＡＢＣ and é")) {
      Object js =
          page.executeJavaScript("JSON.stringify(pagelabSearch.terms(" + literal(text) + "))")
              .getJavaScriptResult();
      StringBuilder java = new StringBuilder("[");
      for (String t : Tokenizer.terms(text)) {
        java.append(java.length() > 1 ? "," : "").append('"').append(t).append('"');
      }
      assertEquals(java.append(']').toString(), String.valueOf(js), text);
    }
  }

  /** A JavaScript string literal: ASCII only, so nothing depends on the page's encoding. */
  private static String literal(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
