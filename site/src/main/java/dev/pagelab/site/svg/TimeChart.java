package dev.pagelab.site.svg;

import java.util.List;

/**
 * Values over time: one or more panels stacked over one time axis, each with its own vertical
 * scale, several lines and a legend, and events (a command run at a moment) drawn as dashed
 * vertical lines across all panels.
 */
public final class TimeChart {
  /**
   * One line.
   *
   * @param name its legend text
   * @param values its value at each time, as many as there are times
   */
  public record Series(String name, double[] values) {}

  /**
   * One panel.
   *
   * @param axisLabel the vertical axis label, with the unit
   * @param series its lines
   * @param fromZero whether the scale starts at 0 (otherwise it is fitted to the values)
   */
  public record Panel(String axisLabel, List<Series> series, boolean fromZero) {}

  /**
   * Something that happened at one moment.
   *
   * @param time when, on the time axis
   * @param label what (short)
   */
  public record Event(double time, String label) {}

  private static final double WIDTH = 760;
  private static final double LEFT = 78;
  private static final double RIGHT = 190;
  private static final double PANEL = 170;
  private static final double GAP = 34;

  private TimeChart() {}

  /**
   * Draws the chart.
   *
   * @param title the title above the chart
   * @param description what the chart shows, for screen readers
   * @param timeLabel the time axis label, with the unit
   * @param times the times, ascending
   * @param panels the panels, top first
   * @param events the events, drawn as dashed lines
   * @return the drawing
   */
  public static Svg draw(
      String title,
      String description,
      String timeLabel,
      double[] times,
      List<Panel> panels,
      List<Event> events) {
    if (times.length < 2) {
      throw new IllegalArgumentException("TimeChart.draw: needs two times at least");
    }
    double top = 36 + (events.isEmpty() ? 0 : 34);
    double height = top + panels.size() * (PANEL + GAP) + 30;
    Svg svg = new Svg(WIDTH, height, title, description);
    svg.text(LEFT, 22, "title", title);
    Scale x = Scale.of(times[times.length - 1], 10, LEFT, WIDTH - RIGHT);
    x = new Scale(0, times[times.length - 1], x.step(), LEFT, WIDTH - RIGHT);
    double bottom = top + panels.size() * (PANEL + GAP) - GAP;
    drawEvents(svg, x, events, top, bottom);
    int colour = 0;
    for (int p = 0; p < panels.size(); p++) {
      double y0 = top + p * (PANEL + GAP);
      colour = drawPanel(svg, x, times, panels.get(p), y0, colour, p == panels.size() - 1);
    }
    svg.text((LEFT + WIDTH - RIGHT) / 2, bottom + 40, "middle", timeLabel);
    return svg;
  }

  private static void drawEvents(Svg svg, Scale x, List<Event> events, double top, double bottom) {
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      double px = x.at(e.time());
      svg.line(px, top - 4 - (i % 2) * 14, px, bottom, "event");
      svg.text(px + 3, top - 8 - (i % 2) * 14, "small muted", e.label());
    }
  }

  /** Draws one panel and returns the next colour index. */
  private static int drawPanel(
      Svg svg, Scale x, double[] times, Panel panel, double y0, int colour, boolean timeTicks) {
    double max = 0;
    double min = Double.MAX_VALUE;
    for (Series s : panel.series()) {
      if (s.values().length != times.length) {
        throw new IllegalArgumentException(
            "TimeChart.drawPanel: series " + s.name() + " has " + s.values().length + " values");
      }
      for (double v : s.values()) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
    }
    Scale y =
        panel.fromZero()
            ? Scale.of(max, 4, y0 + PANEL, y0)
            : Scale.fitted(min, max, 4, y0 + PANEL, y0);
    for (double t : y.ticks()) {
      svg.line(LEFT, y.at(t), WIDTH - RIGHT, y.at(t), "grid");
      svg.text(LEFT - 6, y.at(t) + 4, "small end", Scale.label(t));
    }
    svg.line(LEFT, y0, LEFT, y0 + PANEL, "axis");
    svg.line(LEFT, y0 + PANEL, WIDTH - RIGHT, y0 + PANEL, "axis");
    for (double t : x.ticks()) {
      svg.line(x.at(t), y0 + PANEL, x.at(t), y0 + PANEL + 4, "axis");
      if (timeTicks) {
        svg.text(x.at(t), y0 + PANEL + 17, "small middle", Scale.label(t));
      }
    }
    svg.verticalText(16, y0 + PANEL / 2, panel.axisLabel());
    double legendY = y0 + 12;
    for (Series s : panel.series()) {
      String c = Svg.PALETTE.get(colour % Svg.PALETTE.size());
      double[] px = new double[times.length];
      double[] py = new double[times.length];
      for (int i = 0; i < times.length; i++) {
        px[i] = x.at(times[i]);
        py[i] = y.at(s.values()[i]);
      }
      svg.polyline(px, py, c, colour % 2 == 1);
      svg.rect(WIDTH - RIGHT + 14, legendY - 9, 18, 4, c);
      svg.text(WIDTH - RIGHT + 38, legendY - 3, "small", s.name());
      legendY += 20;
      colour++;
    }
    return colour;
  }
}
