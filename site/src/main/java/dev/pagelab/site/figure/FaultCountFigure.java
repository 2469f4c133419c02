package dev.pagelab.site.figure;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.SiteException;
import dev.pagelab.site.svg.BarChart;
import dev.pagelab.site.svg.Scale;
import dev.pagelab.site.svg.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page faults to write 1 GiB with 4 KiB pages, with THP and with 2 MiB hugetlb pages: the three
 * {@code write ... pages of buf: N minor} lines of the {@code page-table-size} scenario.
 */
public final class FaultCountFigure implements Figure {
  private static final Pattern WRITE =
      Pattern.compile(".*: write (\\d+) pages of buf: (\\d+) minor, (\\d+) major faults");

  @Override
  public String name() {
    return "fault-counts";
  }

  @Override
  public List<String> command() {
    return List.of("run", "page-table-size");
  }

  @Override
  public String title(Lang lang) {
    return lang.pick("1 GiB 에 쓰는 데 드는 페이지 폴트 수", "Page faults to write 1 GiB");
  }

  @Override
  public Svg draw(Lang lang, Pagelab pagelab) {
    List<Long> faults = new ArrayList<>();
    for (String line : output(pagelab).split("\n")) {
      Matcher m = WRITE.matcher(line);
      if (m.matches()) {
        faults.add(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
      }
    }
    if (faults.size() < 3) {
      throw new SiteException(
          "page-table-size printed " + faults.size() + " writes of buf, expected 3");
    }
    List<String> labels =
        List.of(
            lang.pick("4 KiB 페이지", "4 KiB pages"),
            lang.pick("THP (2 MiB)", "THP (2 MiB)"),
            lang.pick("hugetlb (2 MiB)", "hugetlb (2 MiB)"));
    List<BarChart.Bar> bars = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bars.add(new BarChart.Bar(labels.get(i), faults.get(i), Scale.label(faults.get(i)), false));
    }
    return BarChart.draw(
        title(lang),
        lang.pick(
            "4 KiB 페이지로는 페이지마다 한 번, THP 와 hugetlb 로는 2 MiB 마다 한 번 폴트가 난다",
            "One fault per 4 KiB page, or one per 2 MiB with THP and with hugetlb pages"),
        lang.pick("페이지 폴트 수", "page faults"),
        bars);
  }
}
