package dev.pagelab.site.svg;

import java.util.List;

/**
 * Vertical bars over the same categories in several panels stacked on one shared scale, so that the
 * panels compare at a glance (e.g. free memory per buddy order before and after compaction).
 */
public final class ColumnPanels {
  /**
   * One panel.
   *
   * @param title its heading
   * @param values one value per category
   * @param labels the text over each bar
   */
  public record Panel(String title, double[] values, String[] labels) {}

  private static final double WIDTH = 760;
  private static final double LEFT = 78;
  private static final double RIGHT = 20;
  private static final double PANEL = 130;
  private static final double GAP = 58;

  private ColumnPanels() {}

  /**
   * Draws the panels.
   *
   * @param title the title above the chart
   * @param description what the chart shows, for screen readers
   * @param categories the category names under the bars (two lines: split at {@code \n})
   * @param categoryLabel the label under the last panel's categories
   * @param valueLabel the value axis label, with the unit
   * @param panels the panels, top first
   * @return the drawing
   */
  public static Svg draw(
      String title,
      String description,
      List<String> categories,
      String categoryLabel,
      String valueLabel,
      List<Panel> panels) {
    double max = 0;
    for (Panel p : panels) {
      if (p.values().length != categories.size() || p.labels().length != categories.size()) {
        throw new IllegalArgumentException(
            "ColumnPanels.draw: panel " + p.title() + " does not have one value per category");
      }
      for (double v : p.values()) {
        max = Math.max(max, v);
      }
    }
    double top = 40;
    double height = top + panels.size() * (PANEL + GAP) + 20;
    Svg svg = new Svg(WIDTH, height, title, description);
    svg.text(LEFT, 22, "title", title);
    double slot = (WIDTH - LEFT - RIGHT) / categories.size();
    for (int p = 0; p < panels.size(); p++) {
      double y0 = top + 20 + p * (PANEL + GAP);
      Panel panel = panels.get(p);
      Scale y = Scale.of(max, 3, y0 + PANEL, y0);
      svg.text(LEFT, y0 - 8, "", panel.title());
      for (double t : y.ticks()) {
        svg.line(LEFT, y.at(t), WIDTH - RIGHT, y.at(t), "grid");
        svg.text(LEFT - 6, y.at(t) + 4, "small end", Scale.label(t));
      }
      for (int c = 0; c < categories.size(); c++) {
        double x = LEFT + c * slot;
        double v = panel.values()[c];
        String colour = Svg.PALETTE.get(p % Svg.PALETTE.size());
        svg.rect(x + slot * 0.15, y.at(v), slot * 0.7, y.at(0) - y.at(v), colour);
        svg.text(x + slot / 2, y.at(v) - 4, "small middle", panel.labels()[c]);
        String[] name = categories.get(c).split("\n");
        for (int k = 0; k < name.length; k++) {
          svg.text(
              x + slot / 2,
              y0 + PANEL + 15 + 13 * k,
              "small middle" + (k > 0 ? " muted" : ""),
              name[k]);
        }
      }
      svg.line(LEFT, y0, LEFT, y0 + PANEL, "axis");
      svg.line(LEFT, y0 + PANEL, WIDTH - RIGHT, y0 + PANEL, "axis");
      svg.verticalText(16, y0 + PANEL / 2, valueLabel);
    }
    svg.text((LEFT + WIDTH - RIGHT) / 2, height - 8, "middle", categoryLabel);
    return svg;
  }
}
