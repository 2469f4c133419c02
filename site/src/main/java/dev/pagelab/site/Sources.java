package dev.pagelab.site;

import dev.pagelab.site.markdown.Markdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Every page of the site, in both languages: the written pages ({@code site/src/pages/ko} and
 * {@code en}, which must hold the same files), one page per exercise found in {@code
 * exercises/NAME/README.md} and {@code README.ko.md}, one per scenario (the bundled ones that
 * {@code pagelab scenarios} lists and the site's own in {@code site/src/data}), the scenario
 * language reference ({@code docs/scenarios.md}), the CLI reference (each command's {@code --help})
 * and the search page. Files whose name starts with {@code _} are parts included in generated
 * pages, not pages.
 */
public final class Sources {
  private final SiteGenerator.Config config;
  private final Pagelab pagelab;
  private final Map<String, String> scenarioDescriptions = new LinkedHashMap<>();
  private final Map<String, String> siteScenarios = new LinkedHashMap<>();
  private final Map<Lang, List<DirectiveRenderer.Entry>> exerciseEntries = new LinkedHashMap<>();

  /**
   * The sources of one site.
   *
   * @param config where things are
   * @param pagelab the command runner (for the scenario list and the help texts)
   */
  public Sources(SiteGenerator.Config config, Pagelab pagelab) {
    this.config = config;
    this.pagelab = pagelab;
  }

  /**
   * Reads every page.
   *
   * @return the pages, Korean first, each language in the same order
   * @throws SiteException when a page or an exercise's assignment exists in one language only
   */
  public List<Page> pages() {
    readScenarios();
    List<Page> pages = new ArrayList<>();
    Set<String> written = writtenPaths();
    List<String> exercises = exercises();
    for (Lang l : Lang.values()) {
      exerciseEntries.put(l, new ArrayList<>());
      for (String w : written) {
        pages.add(writtenPage(l, w));
      }
      for (String e : exercises) {
        Page p = exercisePage(l, e);
        pages.add(p);
        exerciseEntries.get(l).add(new DirectiveRenderer.Entry(p.path(), p.title(), ""));
      }
      for (String s : scenarioDescriptions.keySet()) {
        pages.add(scenarioPage(l, s));
      }
      pages.add(languageReference(l));
      pages.add(cliReference(l));
      pages.add(searchPage(l));
    }
    return pages;
  }

  /**
   * The lists {@code pagelab-list} can show.
   *
   * @return {@code exercises-ko}, {@code exercises-en}, {@code scenarios}
   */
  public Map<String, List<DirectiveRenderer.Entry>> lists() {
    Map<String, List<DirectiveRenderer.Entry>> lists = new LinkedHashMap<>();
    for (Lang l : Lang.values()) {
      lists.put("exercises-" + l.code(), exerciseEntries.get(l));
    }
    List<DirectiveRenderer.Entry> scenarios = new ArrayList<>();
    scenarioDescriptions.forEach(
        (name, d) ->
            scenarios.add(new DirectiveRenderer.Entry("scenarios/" + name + ".html", name, d)));
    lists.put("scenarios", scenarios);
    return lists;
  }

  /**
   * The scenarios that have a page.
   *
   * @return their names
   */
  public Set<String> scenarioNames() {
    return scenarioDescriptions.keySet();
  }

  private Set<String> writtenPaths() {
    Path root = config.site().resolve("src/pages");
    Map<Lang, Set<String>> found = new LinkedHashMap<>();
    for (Lang l : Lang.values()) {
      found.put(l, markdownFiles(root.resolve(l.code())));
    }
    List<String> problems = new ArrayList<>();
    for (Lang l : Lang.values()) {
      for (String f : found.get(l)) {
        if (!found.get(l.other()).contains(f)) {
          problems.add(
              "site/src/pages/"
                  + l.code()
                  + "/"
                  + f
                  + " has no translation: add site/src/pages/"
                  + l.other().code()
                  + "/"
                  + f);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SiteException(String.join("\n  ", problems));
    }
    return found.get(Lang.KO);
  }

  private static Set<String> markdownFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      Set<String> files = new TreeSet<>();
      s.filter(p -> p.toString().endsWith(".md"))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.substring(p.lastIndexOf('/') + 1).startsWith("_"))
          .forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Page writtenPage(Lang l, String md) {
    String source = "site/src/pages/" + l.code() + "/" + md;
    String text = read(config.site().resolve("src/pages/" + l.code() + "/" + md));
    String path = md.substring(0, md.length() - 3) + ".html";
    String section =
        path.contains("/") ? path.substring(0, path.indexOf('/')) : path.replace(".html", "");
    return new Page(l, path, section, title(text, source), text, this::sitePageLink, source);
  }

  /** A written page's links: {@code x.md} to {@code x.html}, {@code repo:PATH} to the sources. */
  private String sitePageLink(String href) {
    if (href.startsWith("repo:")) {
      return sourceLink(href.substring(5));
    }
    if (href.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") || href.startsWith("#")) {
      return href;
    }
    return href.replaceFirst("\\.md(#|$)", ".html$1");
  }

  /** A link to a file of the repository: to the published sources, or none. */
  private String sourceLink(String repoPath) {
    String url = config.sourceUrl();
    return url.isEmpty() ? null : url.replaceAll("/+$", "") + "/" + repoPath;
  }

  /** The exercises: folders of {@code exercises/} that hold an assignment. */
  private List<String> exercises() {
    Path dir = config.repository().resolve("exercises");
    List<String> names = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
        boolean en = Files.isRegularFile(d.resolve("README.md"));
        boolean ko = Files.isRegularFile(d.resolve("README.ko.md"));
        if (en && ko) {
          names.add(d.getFileName().toString());
        } else if (en || ko) {
          problems.add(
              "exercises/"
                  + d.getFileName()
                  + " has "
                  + (en ? "README.md but no README.ko.md" : "README.ko.md but no README.md")
                  + ": every assignment exists in Korean and English");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new SiteException(String.join("\n  ", problems));
    }
    return names;
  }

  private Page exercisePage(Lang l, String name) {
    String file = l == Lang.KO ? "README.ko.md" : "README.md";
    String source = "exercises/" + name + "/" + file;
    String text = read(config.repository().resolve(source));
    String footer =
        read(config.site().resolve("src/pages/" + l.code() + "/_exercise-footer.md"))
            .replace("{{exercise}}", name);
    UnaryOperator<String> links = href -> exerciseLink(name, href);
    return new Page(
        l,
        "exercises/" + name + ".html",
        "exercises",
        title(text, source),
        text + "\n\n" + footer,
        links,
        source);
  }

  private static final java.util.regex.Pattern ASSIGNMENT =
      java.util.regex.Pattern.compile("exercises/([^/]+)/README(\\.ko)?\\.md");

  /**
   * An assignment's links: to its other language's page, to another exercise's page, or to the
   * repository's files.
   */
  private String exerciseLink(String exercise, String href) {
    if (href.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") || href.startsWith("#")) {
      return href;
    }
    int hash = href.indexOf('#');
    String path = hash < 0 ? href : href.substring(0, hash);
    String fragment = hash < 0 ? "" : href.substring(hash);
    if (path.equals("README.md")) {
      return "../../en/exercises/" + exercise + ".html" + fragment;
    }
    if (path.equals("README.ko.md")) {
      return "../../ko/exercises/" + exercise + ".html" + fragment;
    }
    String repoPath = Urls.resolve("exercises/" + exercise + "/README.md", path);
    if (repoPath == null) {
      return null;
    }
    java.util.regex.Matcher other = ASSIGNMENT.matcher(repoPath);
    if (other.matches()) { // another exercise's assignment: its page
      String lang = other.group(2) == null ? "en" : "ko";
      return "../../" + lang + "/exercises/" + other.group(1) + ".html" + fragment;
    }
    return sourceLink(repoPath);
  }

  /** The bundled scenarios ({@code pagelab scenarios}) and the site's own. */
  private void readScenarios() {
    String bundled = config.bundledScenarioPages() ? pagelab.stdout("scenarios") : "";
    for (String line : bundled.split("\n")) {
      String[] w = line.strip().split("\\s+", 2);
      if (!w[0].isEmpty()) {
        scenarioDescriptions.put(w[0], w.length > 1 ? w[1] : "");
      }
    }
    try (Stream<Path> s = Files.list(config.site().resolve("src/data"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".scn")).sorted().toList()) {
        String name = f.getFileName().toString().replace(".scn", "");
        String first = read(f).lines().findFirst().orElse("");
        if (!first.startsWith("# description: ")) {
          throw new SiteException(
              "site/src/data/" + f.getFileName() + ":1: expected \"# description: ...\"");
        }
        scenarioDescriptions.put(name, first.substring("# description: ".length()));
        siteScenarios.put(name, "site/src/data/" + f.getFileName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Page scenarioPage(Lang l, String name) {
    String file = siteScenarios.get(name);
    String run = file == null ? name : file;
    String show = file == null ? "```pagelab scenarios --show " + name : "```pagelab-file " + file;
    String md =
        "# "
            + name
            + "\n\n"
            + scenarioDescriptions.get(name)
            + "\n\n"
            + l.pick(
                file == null
                    ? "시뮬레이터에 들어 있는 시나리오입니다. 내용을 복사해 바꿔 보려면 `./pagelab scenarios --show "
                        + name
                        + " > my.scn` 하고 `./pagelab run my.scn` 으로 실행하세요."
                    : "이 사이트가 쓰는 시나리오입니다. 저장소의 `"
                        + file
                        + "` 에 있고, [내려받아](../../data/"
                        + name
                        + ".scn) 실행할 수도 있습니다.",
                file == null
                    ? "A scenario bundled with the simulator. To change it, copy it with `./pagelab"
                        + " scenarios --show "
                        + name
                        + " > my.scn` and run `./pagelab run my.scn`."
                    : "A scenario of this site, in `"
                        + file
                        + "` of the repository; you can also [download it](../../data/"
                        + name
                        + ".scn).")
            + "\n\n## "
            + l.pick("시나리오", "The scenario")
            + "\n\n"
            + show
            + "\n```\n\n## "
            + l.pick("실행 결과", "What it prints")
            + "\n\n```pagelab run "
            + run
            + "\n```\n";
    return new Page(
        l,
        "scenarios/" + name + ".html",
        "scenarios",
        name,
        md,
        this::sitePageLink,
        "scenario " + name);
  }

  private Page languageReference(Lang l) {
    String source = "docs/scenarios.md";
    String text = read(config.repository().resolve(source));
    if (l == Lang.KO) {
      String note = read(config.site().resolve("src/pages/ko/_scenario-language-note.md"));
      int nl = text.indexOf('\n');
      text = text.substring(0, nl + 1) + "\n" + note + "\n" + text.substring(nl + 1);
    }
    UnaryOperator<String> links =
        href ->
            href.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") || href.startsWith("#")
                ? href
                : sourceLink(Urls.resolve(source, href));
    return new Page(
        l,
        "reference/scenario-language.html",
        "reference",
        l == Lang.KO ? "시나리오 언어 참고서 (영어)" : title(text, source),
        text,
        links,
        source);
  }

  private Page cliReference(Lang l) {
    StringBuilder md = new StringBuilder();
    md.append(l.pick("# 명령줄 참고서 (pagelab)\n\n", "# Command-line reference (pagelab)\n\n"));
    md.append(
        l.pick(
            "이 페이지의 도움말은 사이트를 빌드할 때 `pagelab` 이 직접 출력한 것이라 프로그램과 항상 같습니다."
                + " `./pagelab COMMAND --help` 로도 볼 수 있습니다. 도움말은 영어로 나옵니다.\n\n",
            "Every help text on this page was printed by `pagelab` itself when the site was built,"
                + " so it always matches the program. `./pagelab COMMAND --help` prints the same.\n\n"));
    md.append("## pagelab\n\n```pagelab --help\n```\n\n");
    for (String command : subcommands()) {
      md.append("## pagelab ")
          .append(command)
          .append("\n\n```pagelab ")
          .append(command)
          .append(" --help\n```\n\n");
    }
    String text = md.toString();
    return new Page(
        l,
        "reference/cli.html",
        "reference",
        title(text, "cli"),
        text,
        this::sitePageLink,
        "CLI reference");
  }

  /** The subcommands as {@code pagelab --help} lists them under {@code Commands:}. */
  private List<String> subcommands() {
    Set<String> commands = new LinkedHashSet<>();
    boolean in = false;
    for (String line : pagelab.stdout("--help").split("\n")) {
      if (line.startsWith("Commands:")) {
        in = true;
      } else if (in && line.matches("  \\S.*")) {
        commands.add(line.strip().split("\\s+")[0]);
      }
    }
    if (commands.isEmpty()) {
      throw new SiteException("pagelab --help lists no commands under \"Commands:\"");
    }
    return List.copyOf(commands);
  }

  private Page searchPage(Lang l) {
    String md =
        l.pick(
            "# 검색\n\n<div id=\"search-box\" data-lang=\"ko\"><p class=\"search-status\">"
                + "검색어를 위 칸에 입력하세요.</p><ol class=\"search-results\"></ol></div>\n\n"
                + "<noscript><p>검색에는 자바스크립트가 필요합니다. 왼쪽 목록에서 강의를 고를 수 있습니다.</p></noscript>\n",
            "# Search\n\n<div id=\"search-box\" data-lang=\"en\"><p class=\"search-status\">"
                + "Type what you are looking for in the box above.</p><ol class=\"search-results\">"
                + "</ol></div>\n\n<noscript><p>Search needs JavaScript. The lessons are listed on the"
                + " left.</p></noscript>\n");
    return new Page(
        l, "search.html", "search", l.pick("검색", "Search"), md, this::sitePageLink, "search page");
  }

  private static String title(String markdown, String source) {
    String t = Markdown.title(markdown);
    if (t == null) {
      throw new SiteException(source + ": no title: start the page with a \"# Title\" line");
    }
    return t;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SiteException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
