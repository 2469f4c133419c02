package dev.pagelab.site;

import dev.pagelab.site.figure.Figure;
import dev.pagelab.site.figure.Figures;
import dev.pagelab.site.markdown.Highlighter;
import dev.pagelab.site.markdown.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders the site's directives, the fenced blocks whose info string starts with {@code pagelab}:
 *
 * <ul>
 *   <li>{@code pagelab ARGS [| FILTER]...}: runs {@code pagelab ARGS} now and shows the command and
 *       its output (filtered by {@link Pipeline}'s filters) as a terminal, naming the scenario it
 *       ran with a link to the scenario's page;
 *   <li>{@code pagelab-figure NAME}: the figure of that name ({@link Figures}), the block's text as
 *       its caption, and the command it was drawn from;
 *   <li>{@code pagelab-file PATH}: a file of the repository, highlighted by its extension;
 *   <li>{@code pagelab-list exercises|scenarios}: links to every exercise or scenario page.
 * </ul>
 */
public final class DirectiveRenderer {
  /**
   * A link in a generated list.
   *
   * @param path the target's path in the language's folder
   * @param title the link text
   * @param note a short text after it, or empty
   */
  public record Entry(String path, String title, String note) {}

  private final Path repository;
  private final Pagelab pagelab;
  private final Figures figures;
  private final Map<String, List<Entry>> lists;
  private final Set<String> scenarioPages;
  private final Set<String> figuresUsed = new TreeSet<>();

  /**
   * A renderer.
   *
   * @param repository the repository's top folder (for {@code pagelab-file})
   * @param pagelab the command runner
   * @param figures the figures
   * @param lists the lists {@code pagelab-list} may show, by name
   * @param scenarioPages the names of the scenarios that have a page
   */
  public DirectiveRenderer(
      Path repository,
      Pagelab pagelab,
      Figures figures,
      Map<String, List<Entry>> lists,
      Set<String> scenarioPages) {
    this.repository = repository;
    this.pagelab = pagelab;
    this.figures = figures;
    this.lists = lists;
    this.scenarioPages = scenarioPages;
  }

  /**
   * The names of the figures the pages rendered so far show.
   *
   * @return the names
   */
  public Set<String> figuresUsed() {
    return Set.copyOf(figuresUsed);
  }

  /**
   * The directive renderer of one page.
   *
   * @param page the page
   * @return what {@link Markdown#render} calls for each directive
   */
  public Markdown.Directives forPage(Page page) {
    return (info, body) -> {
      try {
        return render(page, info, body);
      } catch (SiteException e) {
        throw new SiteException(page.origin() + ": " + e.getMessage(), e);
      }
    };
  }

  private String render(Page page, String info, String body) {
    int space = info.indexOf(' ');
    String kind = space < 0 ? info : info.substring(0, space);
    String rest = space < 0 ? "" : info.substring(space + 1).strip();
    return switch (kind) {
      case "pagelab" -> terminal(page, Pipeline.parse(rest));
      case "pagelab-figure" -> figure(page, rest, body);
      case "pagelab-file" -> file(page, rest);
      case "pagelab-list" -> list(page, rest);
      default ->
          throw new SiteException(
              "unknown directive \""
                  + kind
                  + "\": expected pagelab, pagelab-figure, pagelab-file or pagelab-list");
    };
  }

  private String terminal(Page page, Pipeline p) {
    Pagelab.Output o = pagelab.run(p.args());
    if (o.status() != 0) {
      throw new SiteException(
          "./pagelab "
              + p.text()
              + " exited with status "
              + o.status()
              + (o.err().isBlank() ? "" : ": " + o.err().strip())
              + "\n"
              + tail(o.out()));
    }
    String output = p.filter(o.out() + o.err());
    if (output.isBlank()) {
      throw new SiteException("./pagelab " + p.text() + " printed nothing after its filters");
    }
    boolean source = p.args().size() >= 3 && p.args().get(1).equals("--show");
    String code =
        source
            ? Highlighter.highlight(output, "scn")
            : Highlighter.terminal(
                output.endsWith("\n") ? output.substring(0, output.length() - 1) : output);
    return "<div class=\"terminal\">"
        + caption(page, p.args())
        + "<pre><code><span class=\"tok-prompt\">$ </span><span class=\"tok-cmd\">"
        + Highlighter.escape("./pagelab " + p.text())
        + "</span>\n"
        + code
        + "</code></pre></div>";
  }

  /** The line above a terminal: which scenario ran (with a link to its page) or what command. */
  private String caption(Page page, List<String> args) {
    Lang l = page.lang();
    String scenario = scenarioOf(args);
    StringBuilder sb = new StringBuilder("<p class=\"terminal-caption\">");
    if (scenario != null) {
      String link =
          scenarioPages.contains(scenario)
              ? "<a href=\""
                  + Urls.relative(page.sitePath(), l.code() + "/scenarios/" + scenario + ".html")
                  + "\">"
                  + Highlighter.escape(scenario)
                  + "</a>"
              : Highlighter.escape(scenario);
      sb.append(l.pick("시나리오 ", "Scenario ")).append(link).append(" · ");
    }
    sb.append(
        l.pick(
            "아래 명령을 사이트를 빌드할 때 실행한 출력입니다 (저장소 맨 위 폴더에서 재현됩니다).",
            "The output of the command below, run when this site was built (run it from the"
                + " repository's top folder to reproduce it)."));
    return sb.append("</p>").toString();
  }

  /** The scenario a command runs or shows, or null. */
  static String scenarioOf(List<String> args) {
    String name = null;
    if (args.size() >= 2 && args.get(0).equals("run")) {
      name = args.get(args.size() - 1);
    } else if (args.size() >= 3
        && args.get(0).equals("scenarios")
        && args.get(1).equals("--show")) {
      name = args.get(2);
    } else {
      int i = args.indexOf("--scenario");
      name = i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
    if (name == null || name.startsWith("-")) {
      return null; // e.g. run --help
    }
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.endsWith(".scn") ? name.substring(0, name.length() - 4) : name;
  }

  private String figure(Page page, String name, String body) {
    Figure f = figures.get(name);
    figuresUsed.add(name);
    Lang l = page.lang();
    String src = Urls.relative(page.sitePath(), l.code() + "/figures/" + name + ".svg");
    String caption = body.isBlank() ? "" : Markdown.inline(body.strip()) + " ";
    return "<figure class=\"figure\" id=\"figure-"
        + name
        + "\"><img src=\""
        + src
        + "\" alt=\""
        + Highlighter.escape(f.title(l))
        + "\"><figcaption>"
        + caption
        + "<span class=\"figure-source\">"
        + l.pick("빌드할 때 그린 그림, 데이터: ", "Drawn at build time from ")
        + "<code>./pagelab "
        + Highlighter.escape(String.join(" ", f.command()))
        + "</code></span></figcaption></figure>";
  }

  private String file(Page page, String path) {
    Path p = repository.resolve(path).normalize();
    if (!p.startsWith(repository.normalize()) || !Files.isRegularFile(p)) {
      throw new SiteException("pagelab-file " + path + ": no such file in the repository");
    }
    String text;
    try {
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SiteException("pagelab-file " + path + ": " + e.getMessage(), e);
    }
    String ext = path.substring(path.lastIndexOf('.') + 1);
    return "<div class=\"terminal\"><p class=\"terminal-caption\">"
        + Highlighter.escape(path)
        + "</p><pre class=\"code\"><code>"
        + Highlighter.highlight(text, ext)
        + "</code></pre></div>";
  }

  private String list(Page page, String name) {
    List<Entry> entries = lists.getOrDefault(name + "-" + page.lang().code(), lists.get(name));
    if (entries == null) {
      throw new SiteException(
          "pagelab-list " + name + ": expected one of " + String.join(", ", lists.keySet()));
    }
    StringBuilder sb = new StringBuilder("<ul class=\"entries\">\n");
    for (Entry e : entries) {
      sb.append("<li><a href=\"")
          .append(Urls.relative(page.sitePath(), page.lang().code() + "/" + e.path()))
          .append("\">")
          .append(Highlighter.escape(e.title()))
          .append("</a>")
          .append(e.note().isEmpty() ? "" : " — " + Highlighter.escape(e.note()))
          .append("</li>\n");
    }
    return sb.append("</ul>").toString();
  }

  private static String tail(String out) {
    String[] lines = out.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
  }
}
