package dev.pagelab.site.svg;

import java.util.List;

/** Horizontal bars, one row each, with the value written after each bar. */
public final class BarChart {
  /**
   * One bar.
   *
   * @param label the row's label, left of the bar
   * @param value its length
   * @param valueLabel the text after the bar
   * @param highlight whether to draw it in the highlight colour (and bold frame)
   */
  public record Bar(String label, double value, String valueLabel, boolean highlight) {}

  private static final double BAR_AREA = 400;
  private static final double ROW = 24;

  private BarChart() {}

  /**
   * Draws the chart.
   *
   * @param title the title above the chart
   * @param description what the chart shows, for screen readers
   * @param axisLabel the value axis label, with the unit
   * @param bars the bars, top first
   * @return the drawing
   */
  public static Svg draw(String title, String description, String axisLabel, List<Bar> bars) {
    double labelWidth = 0;
    double valueWidth = 0;
    double max = 0;
    for (Bar b : bars) {
      labelWidth = Math.max(labelWidth, Scale.textWidth(b.label(), 13));
      valueWidth = Math.max(valueWidth, Scale.textWidth(b.valueLabel(), 13));
      max = Math.max(max, b.value());
    }
    double left = 16 + labelWidth + 10;
    double top = 40;
    double width = Math.max(left + BAR_AREA + valueWidth + 30, Scale.textWidth(title, 15) + 40);
    double height = top + bars.size() * ROW + 56;
    Svg svg = new Svg(width, height, title, description);
    svg.text(16, 22, "title", title);
    Scale x = Scale.of(max, 5, left, left + BAR_AREA);
    double bottom = top + bars.size() * ROW;
    for (double t : x.ticks()) {
      svg.line(x.at(t), top, x.at(t), bottom, "grid");
      svg.text(x.at(t), bottom + 16, "small middle", Scale.label(t));
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = top + i * ROW;
      double w = Math.max(1.5, x.at(b.value()) - left);
      svg.rect(left, y + 4, w, ROW - 8, b.highlight() ? "hl" : Svg.PALETTE.get(0));
      svg.text(left - 8, y + ROW / 2 + 4, "end" + (b.highlight() ? " title" : ""), b.label());
      svg.text(left + w + 6, y + ROW / 2 + 4, b.highlight() ? "title" : "", b.valueLabel());
    }
    svg.line(left, top, left, bottom, "axis");
    svg.line(left, bottom, left + BAR_AREA, bottom, "axis");
    svg.text(left + BAR_AREA / 2, bottom + 40, "middle", axisLabel);
    return svg;
  }
}
