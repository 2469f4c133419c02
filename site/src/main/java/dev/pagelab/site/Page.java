package dev.pagelab.site;

import java.util.function.UnaryOperator;

/**
 * One page of the site in one language, before it is rendered.
 *
 * @param lang its language
 * @param path its path in the language's folder, e.g. {@code lessons/01-free-and-sar.html}
 * @param section the navigation section it belongs to ({@code lessons}, {@code exercises}, {@code
 *     reference}, {@code scenarios}, {@code instructors}, or {@code home})
 * @param title its title (its first heading)
 * @param markdown its Markdown
 * @param links how its link targets are rewritten (null drops a link, keeping its text)
 * @param origin where its Markdown comes from, for error messages
 */
public record Page(
    Lang lang,
    String path,
    String section,
    String title,
    String markdown,
    UnaryOperator<String> links,
    String origin) {

  /**
   * The page's path from the site's top folder.
   *
   * @return e.g. {@code ko/lessons/01-free-and-sar.html}
   */
  public String sitePath() {
    return lang.code() + "/" + path;
  }
}
