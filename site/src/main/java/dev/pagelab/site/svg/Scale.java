package dev.pagelab.site.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear scale from data values to pixels, with round tick values (1, 2, 2.5 or 5 times a power
 * of ten) from a round bottom (usually 0) to at least the largest value.
 *
 * @param min the bottom of the scale
 * @param max the top of the scale, a round number at or above the data's largest value
 * @param step the distance between two ticks
 * @param from the pixel of 0
 * @param to the pixel of {@code max}
 */
public record Scale(double min, double max, double step, double from, double to) {

  /**
   * A scale from 0 to a round number at or above {@code dataMax}, with about {@code ticks} ticks.
   *
   * @param dataMax the largest value to show (0 or less gives a scale to 1)
   * @param ticks about how many ticks to draw
   * @param from the pixel of 0
   * @param to the pixel of the top of the scale
   * @return the scale
   */
  public static Scale of(double dataMax, int ticks, double from, double to) {
    double m = dataMax > 0 ? dataMax : 1;
    double raw = m / Math.max(1, ticks);
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = pow;
    for (double f : new double[] {1, 2, 2.5, 5, 10}) {
      if (f * pow >= raw) {
        step = f * pow;
        break;
      }
    }
    double max = Math.ceil(m / step - 1e-9) * step;
    return new Scale(0, max, step, from, to);
  }

  /**
   * A scale fitted to the data's range, for values that change little against their size (free
   * memory that moves by 1 GiB out of 16): its bottom is a round number at or below {@code
   * dataMin}.
   *
   * @param dataMin the smallest value to show
   * @param dataMax the largest value to show
   * @param ticks about how many ticks to draw
   * @param from the pixel of the bottom
   * @param to the pixel of the top
   * @return the scale
   */
  public static Scale fitted(double dataMin, double dataMax, int ticks, double from, double to) {
    Scale span = of(Math.max(dataMax - dataMin, 1), ticks, from, to);
    double min = Math.floor(dataMin / span.step()) * span.step();
    double max = Math.ceil(dataMax / span.step() - 1e-9) * span.step();
    if (max <= min) {
      max = min + span.step();
    }
    return new Scale(min, max, span.step(), from, to);
  }

  /**
   * The pixel of a value.
   *
   * @param v the value
   * @return its position between {@code from} and {@code to}
   */
  public double at(double v) {
    return from + (to - from) * (v - min) / (max - min);
  }

  /**
   * The tick values from {@code min} to {@code max}.
   *
   * @return the ticks, ascending
   */
  public List<Double> ticks() {
    List<Double> t = new ArrayList<>();
    for (int i = 0; min + i * step <= max + step / 1e6; i++) {
      t.add(min + i * step);
    }
    return t;
  }

  /**
   * A tick value as a label: thousands grouped with commas, at most one decimal.
   *
   * @param v the value
   * @return e.g. {@code 25,600} or {@code 2.5}
   */
  public static String label(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return String.format(Locale.ROOT, "%,d", (long) Math.rint(v));
    }
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  /**
   * About how wide a text is drawn at 13 px: CJK characters are square, others about half as wide.
   * Used only to lay out labels; the browser measures the real text.
   *
   * @param s the text
   * @param size the font size in pixels
   * @return the estimated width in pixels
   */
  public static double textWidth(String s, double size) {
    double w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL ? size : size * 0.6;
    }
    return w;
  }
}
