package dev.pagelab.site;

/** Relative addresses between files of the site, so the site works from any folder or host. */
public final class Urls {
  private Urls() {}

  /**
   * The address of one site file as seen from another.
   *
   * @param from the page's path from the site's top, e.g. {@code ko/lessons/a.html}
   * @param to the target's path from the site's top, e.g. {@code ko/figures/b.svg}
   * @return a relative address, e.g. {@code ../figures/b.svg}
   */
  public static String relative(String from, String to) {
    String[] a = from.split("/");
    String[] b = to.split("/");
    int common = 0;
    while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
      common++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = common; i < a.length - 1; i++) {
      sb.append("../");
    }
    for (int i = common; i < b.length; i++) {
      sb.append(b[i]).append(i + 1 < b.length ? "/" : "");
    }
    return sb.toString();
  }

  /**
   * Resolves a relative address against a page.
   *
   * @param from the page's path from the site's top
   * @param href a relative address without a fragment
   * @return the target's path from the site's top, or null if it leaves the site
   */
  public static String resolve(String from, String href) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    String[] base = from.split("/");
    for (int i = 0; i < base.length - 1; i++) {
      parts.addLast(base[i]);
    }
    for (String p : href.split("/")) {
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else if (!p.equals(".") && !p.isEmpty()) {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }
}
