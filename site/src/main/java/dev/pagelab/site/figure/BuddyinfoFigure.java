package dev.pagelab.site.figure;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.SiteException;
import dev.pagelab.site.svg.ColumnPanels;
import dev.pagelab.site.svg.Scale;
import dev.pagelab.site.svg.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free memory per buddy order in the {@code fragmentation} scenario: its three {@code cat
 * /proc/buddyinfo} outputs (fragmented, compacted with pinned pages, compacted without), all zones
 * added up. A bar is the memory free in blocks of that order; the number over it is how many
 * blocks.
 */
public final class BuddyinfoFigure implements Figure {
  private static final Pattern ZONE =
      Pattern.compile("Node \\d+, zone\\s+\\S+((?:\\s+\\d+){11})\\s*");

  @Override
  public String name() {
    return "buddyinfo";
  }

  @Override
  public List<String> command() {
    return List.of("run", "fragmentation");
  }

  @Override
  public String title(Lang lang) {
    return lang.pick(
        "fragmentation: 오더별 빈 메모리 (/proc/buddyinfo)",
        "fragmentation: free memory per order (/proc/buddyinfo)");
  }

  @Override
  public Svg draw(Lang lang, Pagelab pagelab) {
    List<long[]> snapshots = new ArrayList<>();
    long[] current = null;
    for (String line : output(pagelab).split("\n")) {
      Matcher m = ZONE.matcher(line);
      if (m.matches()) {
        if (current == null) {
          current = new long[11];
          snapshots.add(current);
        }
        String[] n = m.group(1).strip().split("\\s+");
        for (int o = 0; o < 11; o++) {
          current[o] += Long.parseLong(n[o]);
        }
      } else {
        current = null;
      }
    }
    if (snapshots.size() != 3) {
      throw new SiteException(
          "fragmentation printed " + snapshots.size() + " buddyinfo tables, expected 3");
    }
    List<String> titles =
        List.of(
            lang.pick("단편화된 상태", "fragmented"),
            lang.pick("압축 후 (1 MiB마다 고정된 페이지 하나)", "after compaction, one page per MiB pinned"),
            lang.pick("고정을 푼 뒤 다시 압축", "after compaction, unpinned"));
    List<ColumnPanels.Panel> panels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      double[] mib = new double[11];
      String[] labels = new String[11];
      for (int o = 0; o < 11; o++) {
        mib[o] = snapshots.get(i)[o] * (4096L << o) / (1024.0 * 1024);
        labels[o] = Scale.label(snapshots.get(i)[o]);
      }
      panels.add(new ColumnPanels.Panel(titles.get(i), mib, labels));
    }
    List<String> orders = new ArrayList<>();
    for (int o = 0; o < 11; o++) {
      orders.add(o + "\n" + size(4L << o));
    }
    return ColumnPanels.draw(
        title(lang),
        lang.pick(
            "빈 메모리는 비슷하지만 압축 전에는 작은 블록뿐이고, 압축 후에는 오더 9·10 블록이 생긴다",
            "About as much memory is free each time, but before compaction only in small blocks; after"
                + " it, in blocks of order 9 and 10"),
        orders,
        lang.pick(
            "오더 (블록 크기), 막대 위 숫자는 블록 수", "order (block size); the number over a bar counts blocks"),
        lang.pick("빈 메모리 (MiB)", "free (MiB)"),
        panels);
  }

  private static String size(long kib) {
    return kib >= 1024 ? (kib / 1024) + "M" : kib + "K";
  }
}
