package dev.pagelab.site.figure;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.SiteException;
import dev.pagelab.site.svg.Svg;
import dev.pagelab.site.svg.TimeChart;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Figures of values a scenario's sampler printed over simulated time. */
public final class TimelineFigures {
  private TimelineFigures() {}

  /** A line {@code [ 12.000] ...}: its time and the rest. */
  static final Pattern STAMP = Pattern.compile("\\[\\s*(\\d+\\.\\d+)\\] (.*)");

  /**
   * VSZ, RSS and min_flt of the demand-paging experiment, from its {@code ps -o
   * vsz,rss,maj_flt,min_flt --no-headers} sampler, with the mmap and the end of the touch marked.
   */
  public static final class DemandPaging implements Figure {
    private static final Pattern PS =
        Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*");

    @Override
    public String name() {
      return "demand-paging";
    }

    @Override
    public List<String> command() {
      return List.of("run", "demand-paging");
    }

    @Override
    public String title(Lang lang) {
      return lang.pick(
          "demand-paging: 시간에 따른 VSZ, RSS, min_flt",
          "demand-paging: VSZ, RSS and min_flt over time");
    }

    @Override
    public Svg draw(Lang lang, Pagelab pagelab) {
      List<double[]> rows = new ArrayList<>();
      List<TimeChart.Event> events = new ArrayList<>();
      for (String line : output(pagelab).split("\n")) {
        Matcher m = STAMP.matcher(line);
        if (!m.matches()) {
          continue;
        }
        double t = Double.parseDouble(m.group(1));
        Matcher ps = PS.matcher(m.group(2));
        if (ps.matches()) {
          rows.add(
              new double[] {
                t,
                Double.parseDouble(ps.group(1)),
                Double.parseDouble(ps.group(2)),
                Double.parseDouble(ps.group(4))
              });
        } else if (m.group(2).contains(": mmap(")) {
          events.add(new TimeChart.Event(t, "mmap"));
        } else if (m.group(2).matches(".*: write \\d+ pages of .*")) {
          events.add(new TimeChart.Event(t, lang.pick("접근 끝", "touch done")));
        } else if (m.group(2).contains("exit_group")) {
          events.add(new TimeChart.Event(t, "exit"));
        }
      }
      if (rows.size() < 2) {
        throw new SiteException("demand-paging printed fewer than two ps samples");
      }
      double[] times = column(rows, 0);
      return TimeChart.draw(
          title(lang),
          lang.pick(
              "mmap 으로 VSZ 가 한 번에 100 MiB 늘고, 접근하는 동안 RSS 와 min_flt 가 함께 늘어난다",
              "VSZ jumps by 100 MiB at the mmap; RSS and min_flt climb together while the pages are"
                  + " touched"),
          lang.pick("시뮬레이션 시간 (초)", "simulated time (s)"),
          times,
          List.of(
              new TimeChart.Panel(
                  "MiB",
                  List.of(
                      new TimeChart.Series("VSZ", scale(column(rows, 1), 1024)),
                      new TimeChart.Series("RSS", scale(column(rows, 2), 1024))),
                  true),
              new TimeChart.Panel(
                  lang.pick("마이너 폴트 (누적)", "minor faults (total)"),
                  List.of(new TimeChart.Series("min_flt", column(rows, 3))),
                  true)),
          events);
    }
  }

  /**
   * used, buff/cache, free and available while a 1 GiB file is written, synced, read twice and
   * deleted, from the {@code free -m} sampler of the site's {@code page-cache-timeline} scenario.
   */
  public static final class PageCache implements Figure {
    private static final Pattern MEM =
        Pattern.compile("Mem:\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*");

    @Override
    public String name() {
      return "page-cache";
    }

    @Override
    public List<String> command() {
      return List.of("run", "site/src/data/page-cache-timeline.scn");
    }

    @Override
    public String title(Lang lang) {
      return lang.pick(
          "1 GiB 파일을 쓰고, 읽고, 지우는 동안의 free -m",
          "free -m while a 1 GiB file is written, read and deleted");
    }

    @Override
    public Svg draw(Lang lang, Pagelab pagelab) {
      List<double[]> rows = new ArrayList<>();
      List<TimeChart.Event> events = new ArrayList<>();
      double now = 0;
      for (String line : output(pagelab).split("\n")) {
        Matcher m = STAMP.matcher(line);
        if (m.matches()) {
          now = Double.parseDouble(m.group(1));
          String cmd = m.group(2);
          for (String c : new String[] {"dd", "sync", "cat", "rm"}) {
            if (cmd.startsWith("$ " + c + " ") || cmd.equals("$ " + c)) {
              events.add(new TimeChart.Event(now, c));
            }
          }
          continue;
        }
        Matcher mem = MEM.matcher(line);
        if (mem.matches()) {
          rows.add(
              new double[] {
                now,
                Double.parseDouble(mem.group(2)),
                Double.parseDouble(mem.group(3)),
                Double.parseDouble(mem.group(5)),
                Double.parseDouble(mem.group(6))
              });
        }
      }
      if (rows.size() < 2) {
        throw new SiteException("page-cache-timeline printed fewer than two free samples");
      }
      return TimeChart.draw(
          title(lang),
          lang.pick(
              "buff/cache 가 1 GiB 늘었다 돌아오는 동안 free 는 그만큼 줄었다 돌아오고, available 은 거의 그대로다",
              "buff/cache rises by 1 GiB and falls back while free falls and rises by as much;"
                  + " available hardly moves"),
          lang.pick("시뮬레이션 시간 (초)", "simulated time (s)"),
          column(rows, 0),
          List.of(
              new TimeChart.Panel(
                  "MiB",
                  List.of(
                      new TimeChart.Series("buff/cache", column(rows, 3)),
                      new TimeChart.Series("used", column(rows, 1))),
                  true),
              new TimeChart.Panel(
                  "MiB",
                  List.of(
                      new TimeChart.Series("free", column(rows, 2)),
                      new TimeChart.Series("available", column(rows, 4))),
                  false)),
          events);
    }
  }

  static double[] column(List<double[]> rows, int c) {
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rows.get(i)[c];
    }
    return v;
  }

  static double[] scale(double[] v, double divisor) {
    double[] s = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = v[i] / divisor;
    }
    return s;
  }
}
