package dev.pagelab.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The navigation every page shows: its sections and links, the lessons' pager, the UI texts. */
public final class Navigation {
  private Navigation() {}

  /**
   * The side navigation of a page.
   *
   * @param page the page
   * @param pages every page of the site
   * @return the sections: lessons, exercises, reference, instructors
   */
  public static List<Layout.NavSection> sections(Page page, List<Page> pages) {
    Lang l = page.lang();
    List<Layout.NavSection> nav = new ArrayList<>();
    nav.add(section(page, pages, l.pick("강의", "Lessons"), "lessons/"));
    nav.add(section(page, pages, l.pick("과제", "Exercises"), "exercises/"));
    List<Layout.NavItem> ref = new ArrayList<>();
    for (String path :
        List.of("reference/scenario-language.html", "reference/cli.html", "scenarios/index.html")) {
      find(pages, l, path).ifPresent(p -> ref.add(item(page, p)));
    }
    nav.add(new Layout.NavSection(l.pick("참고", "Reference"), ref));
    List<Layout.NavItem> teach = new ArrayList<>();
    find(pages, l, "instructors.html").ifPresent(p -> teach.add(item(page, p)));
    nav.add(new Layout.NavSection(l.pick("강사용", "For instructors"), teach));
    return nav;
  }

  private static Layout.NavSection section(Page page, List<Page> pages, String title, String dir) {
    List<Layout.NavItem> items = new ArrayList<>();
    find(pages, page.lang(), dir + "index.html").ifPresent(p -> items.add(item(page, p)));
    for (Page p : pages) {
      if (p.lang() == page.lang() && p.path().startsWith(dir) && !p.path().endsWith("index.html")) {
        items.add(item(page, p));
      }
    }
    return new Layout.NavSection(title, items);
  }

  private static java.util.Optional<Page> find(List<Page> pages, Lang l, String path) {
    return pages.stream().filter(p -> p.lang() == l && p.path().equals(path)).findFirst();
  }

  private static Layout.NavItem item(Page from, Page to) {
    return new Layout.NavItem(
        to.title(), Urls.relative(from.sitePath(), to.sitePath()), from.equals(to));
  }

  /**
   * The previous and next lesson of a lesson.
   *
   * @param page the page
   * @param pages every page
   * @return {@code prev} and {@code next} links where they exist (empty for other pages)
   */
  public static Map<String, Object> pager(Page page, List<Page> pages) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!page.section().equals("lessons")) {
      return m;
    }
    List<Page> lessons =
        pages.stream()
            .filter(p -> p.lang() == page.lang() && p.section().equals("lessons"))
            .filter(p -> !p.path().endsWith("index.html"))
            .toList();
    int i = lessons.indexOf(page);
    if (i > 0) {
      m.put("prev", item(page, lessons.get(i - 1)));
    }
    if (i >= 0 && i + 1 < lessons.size()) {
      m.put("next", item(page, lessons.get(i + 1)));
    }
    return m;
  }

  /**
   * The texts of the layout.
   *
   * @param l the language
   * @return the texts by key
   */
  public static Map<String, String> texts(Lang l) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("skip", l.pick("본문으로 건너뛰기", "Skip to the content"));
    t.put("tagline", l.pick("리눅스 메모리 관리 실습", "Linux memory management, hands on"));
    t.put("search", l.pick("검색", "Search"));
    t.put("searchPlaceholder", l.pick("강의 검색", "Search the lessons"));
    t.put("navigation", l.pick("사이트 목차", "Site contents"));
    t.put("pager", l.pick("이전·다음 강의", "Previous and next lesson"));
    t.put(
        "footer",
        l.pick(
            "모든 출력과 그림은 이 사이트를 빌드할 때 pagelab 시뮬레이터가 만든 것입니다.",
            "Every output and figure on this site was made by the pagelab simulator when the site"
                + " was built."));
    return t;
  }
}
