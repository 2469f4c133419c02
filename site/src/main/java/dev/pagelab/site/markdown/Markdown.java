package dev.pagelab.site.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown to HTML with commonmark-java (GitHub tables, heading ids): fenced blocks whose info
 * string starts with {@code pagelab} are directives handed to a {@link Directives}; other fenced
 * blocks are highlighted by {@link Highlighter}; link and image targets go through a rewriter (e.g.
 * {@code lesson.md} to {@code lesson.html}), which may also drop a link and keep its text.
 */
public final class Markdown {
  /** Renders a directive block into HTML. */
  public interface Directives {
    /**
     * Renders one directive.
     *
     * @param info the fence's info string, e.g. {@code pagelab run demand-paging}
     * @param body the block's text (a figure's caption; often empty)
     * @return the HTML that replaces the block
     */
    String render(String info, String body);
  }

  private static final List<Extension> EXTENSIONS =
      List.of(TablesExtension.create(), HeadingAnchorExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  private Markdown() {}

  /**
   * Renders a page.
   *
   * @param markdown the page's Markdown
   * @param links rewrites a link or image target; returning null drops the link, keeping its text
   * @param directives renders the {@code pagelab} blocks
   * @return the HTML
   */
  public static String render(String markdown, UnaryOperator<String> links, Directives directives) {
    Node doc = PARSER.parse(markdown);
    rewriteLinks(doc, links);
    HtmlRenderer renderer =
        HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .nodeRendererFactory(ctx -> new FenceRenderer(ctx, directives))
            .build();
    return renderer.render(doc);
  }

  /**
   * Renders a short text (a caption) without the paragraph around it.
   *
   * @param markdown inline Markdown
   * @return the HTML
   */
  public static String inline(String markdown) {
    String html = HtmlRenderer.builder().build().render(PARSER.parse(markdown)).strip();
    if (html.startsWith("<p>") && html.endsWith("</p>")) {
      html = html.substring(3, html.length() - 4);
    }
    return html;
  }

  /**
   * The text of the page's first level-1 heading.
   *
   * @param markdown the page
   * @return the title, or null if the page has no {@code # } heading
   */
  public static String title(String markdown) {
    Node doc = PARSER.parse(markdown);
    String[] found = {null};
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            if (heading.getLevel() == 1 && found[0] == null) {
              found[0] = TextContentRenderer.builder().build().render(heading).strip();
            }
          }
        });
    return found[0];
  }

  private static void rewriteLinks(Node doc, UnaryOperator<String> links) {
    List<Link> dropped = new ArrayList<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            String to = links.apply(link.getDestination());
            if (to == null) {
              dropped.add(link);
            } else {
              link.setDestination(to);
            }
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            String to = links.apply(image.getDestination());
            image.setDestination(to == null ? image.getDestination() : to);
          }
        });
    for (Link link : dropped) {
      Node child = link.getFirstChild();
      if (child == null) {
        link.insertBefore(new Text(link.getDestination()));
      }
      while (child != null) {
        Node next = child.getNext();
        link.insertBefore(child);
        child = next;
      }
      link.unlink();
    }
  }

  /** Renders fenced code blocks: directives, or highlighted code. */
  private static final class FenceRenderer implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final Directives directives;

    FenceRenderer(HtmlNodeRendererContext context, Directives directives) {
      this.context = context;
      this.directives = directives;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
      FencedCodeBlock block = (FencedCodeBlock) node;
      String info = block.getInfo() == null ? "" : block.getInfo().strip();
      String body = block.getLiteral();
      if (info.equals("pagelab") || info.startsWith("pagelab ") || info.startsWith("pagelab-")) {
        context.getWriter().line();
        context.getWriter().raw(directives.render(info, body));
        context.getWriter().line();
        return;
      }
      String lang = info.isEmpty() ? "text" : info.split("\\s+")[0];
      context.getWriter().line();
      context
          .getWriter()
          .raw(
              "<pre class=\"code lang-"
                  + Highlighter.escape(lang)
                  + "\"><code>"
                  + Highlighter.highlight(body, lang)
                  + "</code></pre>");
      context.getWriter().line();
    }
  }
}
