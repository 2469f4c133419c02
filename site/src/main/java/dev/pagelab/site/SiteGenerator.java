package dev.pagelab.site;

import dev.pagelab.site.figure.Figure;
import dev.pagelab.site.figure.Figures;
import dev.pagelab.site.markdown.Markdown;
import dev.pagelab.site.search.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the course site: reads the pages ({@link Sources}), renders their Markdown with the
 * directives run now ({@link DirectiveRenderer}), puts them into the layouts, draws the figures
 * they show (in both languages), writes the search index of each language, copies the assets, and
 * checks every link, anchor and translation ({@link LinkChecker}). Any problem stops it with a
 * message naming the file.
 *
 * <p>Run by the build ({@code exec-maven-plugin}, phase {@code prepare-package}) as {@code
 * SiteGenerator --site=DIR --repository=DIR --output=DIR [--source-url=URL]}.
 */
public final class SiteGenerator {
  /**
   * Where things are.
   *
   * @param site the site module's folder ({@code site/})
   * @param repository the repository's top folder
   * @param output where the site is written ({@code site/target/site})
   * @param sourceUrl the address of the repository's files (links to sources), or empty
   * @param bundledScenarioPages whether to make a page for every bundled scenario (each one runs);
   *     off only for quick builds of a test site
   */
  public record Config(
      Path site, Path repository, Path output, String sourceUrl, boolean bundledScenarioPages) {}

  private final Config config;
  private final Pagelab pagelab;
  private final Figures figures = new Figures();
  private final Layout layout = new Layout();

  /**
   * A generator.
   *
   * @param config where things are
   */
  public SiteGenerator(Config config) {
    this(config, new Pagelab(config.repository()));
  }

  /**
   * A generator that runs its commands through a given runner (whose remembered outputs it reuses).
   *
   * @param config where things are
   * @param pagelab the command runner
   */
  public SiteGenerator(Config config, Pagelab pagelab) {
    this.config = config;
    this.pagelab = pagelab;
  }

  /**
   * The command line entry point.
   *
   * @param args {@code --site=DIR --repository=DIR --output=DIR [--source-url=URL]}
   */
  public static void main(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        System.err.println("site: unexpected argument \"" + a + "\": expected --key=value");
        System.exit(2);
      }
      opts.put(a.substring(2, eq), a.substring(eq + 1));
    }
    for (String k : List.of("site", "repository", "output")) {
      if (!opts.containsKey(k)) {
        System.err.println("site: missing --" + k + "=DIR");
        System.exit(2);
      }
    }
    long start = System.nanoTime();
    try {
      Config c =
          new Config(
              Path.of(opts.get("site")).toAbsolutePath().normalize(),
              Path.of(opts.get("repository")).toAbsolutePath().normalize(),
              Path.of(opts.get("output")).toAbsolutePath().normalize(),
              opts.getOrDefault("source-url", "").strip(),
              true);
      Summary s = new SiteGenerator(c).generate();
      System.out.printf(
          "site: %d pages, %d figures, %d pagelab commands in %.1f s -> %s%n",
          s.pages(), s.figures(), s.commands(), (System.nanoTime() - start) / 1e9, c.output());
    } catch (SiteException e) {
      System.err.println("site: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * What a build made.
   *
   * @param pages HTML pages written (both languages)
   * @param figures SVG files written
   * @param commands distinct {@code pagelab} commands run
   */
  public record Summary(int pages, int figures, int commands) {}

  /**
   * Builds the whole site into the output folder (emptied first).
   *
   * @return what was made
   * @throws SiteException for any broken source, link or translation
   */
  public Summary generate() {
    deleteTree(config.output());
    Sources sources = new Sources(config, pagelab);
    List<Page> pages = sources.pages();
    DirectiveRenderer directives =
        new DirectiveRenderer(
            config.repository(), pagelab, figures, sources.lists(), sources.scenarioNames());
    pagelab.prefetch(commands(pages));
    Map<Lang, SearchIndex> indexes = new LinkedHashMap<>();
    for (Lang l : Lang.values()) {
      indexes.put(l, new SearchIndex());
    }
    int written = 0;
    for (Page p : pages) {
      String content = Markdown.render(p.markdown(), p.links(), directives.forPage(p));
      write(p.sitePath(), layout.render("page.ftlh", model(p, content, pages)));
      if (!p.section().equals("search")) {
        index(indexes.get(p.lang()), p, content);
      }
      written++;
    }
    int svgs = 0;
    for (String name : directives.figuresUsed()) {
      Figure f = figures.get(name);
      for (Lang l : Lang.values()) {
        write(l.code() + "/figures/" + f.name() + ".svg", f.draw(l, pagelab).toString());
        svgs++;
      }
    }
    for (Lang l : Lang.values()) {
      write(l.code() + "/search-index.js", indexes.get(l).script());
    }
    write("index.html", layout.render("root.ftlh", Map.of()));
    copyTree(config.site().resolve("src/assets"), config.output().resolve("assets"));
    copyScenarioFiles();
    List<String> problems = new LinkChecker(config.output()).problems();
    if (!problems.isEmpty()) {
      throw new SiteException(
          problems.size()
              + " broken link(s) or missing translation(s):\n  "
              + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))));
    }
    return new Summary(written, svgs, pagelab.commandsRun());
  }

  private static final Pattern RUN = Pattern.compile("(?m)^\\s*```pagelab(-figure)? (.*)$");

  /** Every command the pages' directives and figures will run, in the order they appear. */
  private List<List<String>> commands(List<Page> pages) {
    java.util.Set<List<String>> all = new java.util.LinkedHashSet<>();
    for (Page p : pages) {
      Matcher m = RUN.matcher(p.markdown());
      while (m.find()) {
        try {
          all.add(
              m.group(1) == null
                  ? Pipeline.parse(m.group(2)).args()
                  : figures.get(m.group(2).strip()).command());
        } catch (SiteException e) {
          // reported with the page's name when the page is rendered
        }
      }
    }
    return List.copyOf(all);
  }

  private Map<String, Object> model(Page p, String content, List<Page> pages) {
    Lang l = p.lang();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lang", l.code());
    m.put("otherLang", l.other().code());
    m.put("otherLangName", l.other().nativeName());
    m.put("otherHref", Urls.relative(p.sitePath(), l.other().code() + "/" + p.path()));
    m.put("title", p.title());
    m.put("section", p.section());
    m.put("content", content);
    m.put("root", Urls.relative(p.sitePath(), "x").replace("x", ""));
    m.put("home", Urls.relative(p.sitePath(), l.code() + "/index.html"));
    m.put("searchHref", Urls.relative(p.sitePath(), l.code() + "/search.html"));
    m.put("nav", Navigation.sections(p, pages));
    Navigation.pager(p, pages).forEach(m::put);
    m.put("text", Navigation.texts(l));
    List<String> scripts = new ArrayList<>();
    if (p.section().equals("search")) {
      scripts.add(Urls.relative(p.sitePath(), l.code() + "/search-index.js"));
      scripts.add(Urls.relative(p.sitePath(), "assets/search.js"));
    }
    m.put("scripts", scripts);
    return m;
  }

  private static final Pattern HEADING =
      Pattern.compile("<h([12]) id=\"([^\"]*)\">(.*?)</h\\1>", Pattern.DOTALL);
  private static final Pattern TERMINAL =
      Pattern.compile("<div class=\"terminal\">.*?</pre></div>", Pattern.DOTALL);

  /** Adds a page's sections (text under each h1/h2) to its language's index. */
  private static void index(SearchIndex index, Page p, String html) {
    String body = TERMINAL.matcher(html).replaceAll(" ");
    Matcher m = HEADING.matcher(body);
    int last = 0;
    String anchor = "";
    String heading = p.title();
    while (m.find()) {
      addSection(index, p, anchor, heading, body.substring(last, m.start()));
      anchor = m.group(1).equals("1") ? "" : m.group(2);
      heading = m.group(1).equals("1") ? p.title() : p.title() + " — " + text(m.group(3));
      last = m.end();
    }
    addSection(index, p, anchor, heading, body.substring(last));
  }

  private static void addSection(SearchIndex index, Page p, String anchor, String title, String h) {
    String t = text(h);
    if (!t.isBlank() || anchor.isEmpty()) { // the page's top is found by its title alone too
      index.add(p.path() + (anchor.isEmpty() ? "" : "#" + anchor), title, t);
    }
  }

  private static String text(String html) {
    return html.replaceAll("<[^>]*>", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** The site's own scenario files, so a reader can download and run them. */
  private void copyScenarioFiles() {
    Path data = config.site().resolve("src/data");
    try (Stream<Path> s = Files.list(data)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".scn")).sorted().toList()) {
        Files.createDirectories(config.output().resolve("data"));
        Files.copy(f, config.output().resolve("data").resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String sitePath, String text) {
    Path p = config.output().resolve(sitePath);
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.sorted().toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
