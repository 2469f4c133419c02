package dev.pagelab.site.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SVG writer: numbers, escaping, one document, and the charts built on it. */
class SvgTest {
  @Test
  void numbersArePrintedTheSameWayEverywhere() {
    assertEquals("12", Svg.num(12.0));
    assertEquals("12.5", Svg.num(12.5));
    assertEquals("0.33", Svg.num(1.0 / 3));
    assertEquals("0.01", Svg.num(0.005)); // half up
    assertEquals("0", Svg.num(-0.001));
    assertEquals("1234567", Svg.num(1234567));
    assertThrows(IllegalArgumentException.class, () -> Svg.num(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Svg.num(1 / 0.0));
  }

  @Test
  void textIsEscaped() {
    String svg =
        new Svg(10, 10, "a<b & \"c\"", "d'e").text(1, 2, "small", "<free & used>").toString();
    assertTrue(svg.contains("<title>a&lt;b &amp; &quot;c&quot;</title>"), svg);
    assertTrue(svg.contains("<desc>d&#39;e</desc>"), svg);
    assertTrue(svg.contains(">&lt;free &amp; used&gt;</text>"), svg);
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\""), svg);
    assertTrue(svg.endsWith("</svg>\n"));
  }

  @Test
  void aPolylineNeedsAsManyXAsY() {
    Svg svg = new Svg(10, 10, "t", "d");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> svg.polyline(new double[] {1, 2}, new double[] {1}, "#000", false));
    assertTrue(e.getMessage().startsWith("Svg.polyline"), e.getMessage());
  }

  @Test
  void scalesHaveRoundTicks() {
    Scale s = Scale.of(25615, 4, 100, 0);
    assertEquals(30000, s.max());
    assertEquals(List.of(0.0, 10000.0, 20000.0, 30000.0), s.ticks());
    assertEquals(100, s.at(0));
    assertEquals(0, s.at(30000));
    Scale f = Scale.fitted(14971, 16022, 4, 100, 0);
    assertEquals(14500, f.min());
    assertEquals(16500, f.max());
    assertEquals("25,600", Scale.label(25600));
    assertEquals("2.5", Scale.label(2.5));
  }

  @Test
  void chartsAreTheSameBytesEveryTime() {
    List<TimeChart.Panel> panels =
        List.of(
            new TimeChart.Panel(
                "MiB", List.of(new TimeChart.Series("RSS", new double[] {0, 10, 20})), true));
    String a =
        TimeChart.draw(
                "t",
                "d",
                "s",
                new double[] {0, 1, 2},
                panels,
                List.of(new TimeChart.Event(1, "mmap")))
            .toString();
    String b =
        TimeChart.draw(
                "t",
                "d",
                "s",
                new double[] {0, 1, 2},
                panels,
                List.of(new TimeChart.Event(1, "mmap")))
            .toString();
    assertEquals(a, b);
    assertTrue(a.contains(">mmap</text>") && a.contains(">RSS</text>"), a);
    String bars =
        BarChart.draw(
                "t", "d", "faults", List.of(new BarChart.Bar("4 KiB", 262144, "262,144", false)))
            .toString();
    assertTrue(bars.contains(">262,144</text>"), bars);
  }

  @Test
  void aSeriesMustHaveOneValuePerTime() {
    List<TimeChart.Panel> panels =
        List.of(
            new TimeChart.Panel(
                "MiB", List.of(new TimeChart.Series("RSS", new double[] {0})), true));
    assertThrows(
        IllegalArgumentException.class,
        () -> TimeChart.draw("t", "d", "s", new double[] {0, 1}, panels, List.of()));
  }
}
