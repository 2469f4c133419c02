package dev.pagelab.site.figure;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.SiteException;
import dev.pagelab.site.svg.BarChart;
import dev.pagelab.site.svg.Svg;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code oom_score} of every process the OOM killer may choose in a real Linux 6.18 snapshot
 * ({@code site/src/data/oom-snapshot1}, 82 processes), as {@code pagelab oom --proc} computes them,
 * with the victim highlighted. Kernel threads and init, which it never chooses, are left out.
 */
public final class OomScoreFigure implements Figure {
  @Override
  public String name() {
    return "oom-scores";
  }

  @Override
  public List<String> command() {
    return List.of("oom", "--proc", "site/src/data/oom-snapshot1");
  }

  @Override
  public String title(Lang lang) {
    return lang.pick(
        "실제 스냅샷의 oom_score (죽일 수 있는 프로세스)", "oom_score in a real snapshot (killable processes)");
  }

  @Override
  public Svg draw(Lang lang, Pagelab pagelab) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (String line : output(pagelab).split("\n")) {
      // PID RSS SWAP PGTABLES ADJ BADNESS OOM_SCORE KERNEL COMM [NOTE]
      String[] w = line.strip().split("\\s+");
      if (w.length < 9 || !w[0].matches("\\d+") || w[5].equals("-")) {
        continue;
      }
      boolean victim = line.contains("<- victim");
      String label = w[0] + " " + w[8] + " (adj " + w[4] + ", " + rssMiB(w[1]) + ")";
      bars.add(new BarChart.Bar(label, Double.parseDouble(w[6]), w[6], victim));
    }
    if (bars.isEmpty() || bars.stream().noneMatch(BarChart.Bar::highlight)) {
      throw new SiteException("pagelab oom printed no killable process or no victim");
    }
    return BarChart.draw(
        title(lang),
        lang.pick(
            "RSS 와 oom_score_adj 에 따라 점수가 정해지고, 가장 높은 프로세스가 희생자다",
            "The score grows with RSS and with oom_score_adj; the highest is the victim"),
        lang.pick("oom_score (강조: 희생자)", "oom_score (highlighted: the victim)"),
        bars);
  }

  private static String rssMiB(String kb) {
    long k = Long.parseLong(kb.replace("kB", ""));
    return (k < 1024 ? k + " KiB" : Math.round(k / 1024.0) + " MiB") + " RSS";
  }
}
