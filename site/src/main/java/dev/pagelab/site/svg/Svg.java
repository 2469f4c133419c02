package dev.pagelab.site.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A small SVG writer: one document, elements appended in order, every text escaped and every number
 * printed the same way (at most two decimals, no exponent, {@code .} as the point), so the same
 * drawing gives the same bytes on every machine. Colours and fonts come from one style sheet in the
 * document, by class name.
 */
public final class Svg {
  /** The font list of every figure: Korean glyphs first (fonts-noto-cjk on Linux). */
  public static final String FONTS =
      "'Noto Sans CJK KR','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',"
          + "'DejaVu Sans',Arial,sans-serif";

  /** Colours that stay apart for colour-blind readers and in grey print (Okabe and Ito). */
  public static final List<String> PALETTE =
      List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000");

  private static final String STYLE =
      "text{font-family:"
          + FONTS
          + ";font-size:13px;fill:#222}"
          + ".small{font-size:11px}.title{font-size:15px;font-weight:bold}"
          + ".mono{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace}"
          + ".axis{stroke:#444;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}"
          + ".event{stroke:#888;stroke-width:1;stroke-dasharray:4 3}"
          + ".box{fill:#fff;stroke:#444;stroke-width:1}.field{fill:#e8f1fa;stroke:#444;stroke-width:1}"
          + ".hl{fill:#fde7d3;stroke:#D55E00;stroke-width:2}"
          + ".arrow{stroke:#444;stroke-width:1.5;fill:none;marker-end:url(#arrowhead)}"
          + ".muted{fill:#666}.end{text-anchor:end}.middle{text-anchor:middle}";

  private final StringBuilder body = new StringBuilder();
  private final double width;
  private final double height;
  private final String title;
  private final String description;

  /**
   * A new document.
   *
   * @param width its width in pixels
   * @param height its height in pixels
   * @param title its accessible title (the {@code <title>} element)
   * @param description a sentence saying what it shows (the {@code <desc>} element)
   */
  public Svg(double width, double height, String title, String description) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.description = description;
  }

  /**
   * A rectangle.
   *
   * @param x left
   * @param y top
   * @param w width
   * @param h height
   * @param cls its class, or a fill colour when it starts with {@code #}
   * @return this
   */
  public Svg rect(double x, double y, double w, double h, String cls) {
    body.append("<rect x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(Math.max(0, w)))
        .append("\" height=\"")
        .append(num(Math.max(0, h)))
        .append('"')
        .append(paint(cls))
        .append("/>\n");
    return this;
  }

  /**
   * A straight line.
   *
   * @param x1 start x
   * @param y1 start y
   * @param x2 end x
   * @param y2 end y
   * @param cls its class ({@code axis}, {@code grid}, {@code event}, {@code arrow})
   * @return this
   */
  public Svg line(double x1, double y1, double x2, double y2, String cls) {
    body.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\" class=\"")
        .append(escape(cls))
        .append("\"/>\n");
    return this;
  }

  /**
   * An open line through points.
   *
   * @param xs the x coordinates
   * @param ys the y coordinates, as many
   * @param colour the stroke colour
   * @param dashed whether to dash it (to tell series apart in grey print)
   * @return this
   */
  public Svg polyline(double[] xs, double[] ys, String colour, boolean dashed) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "Svg.polyline: " + xs.length + " x values but " + ys.length + " y values");
    }
    body.append("<polyline fill=\"none\" stroke=\"").append(escape(colour)).append('"');
    body.append(" stroke-width=\"2\"").append(dashed ? " stroke-dasharray=\"6 3\"" : "");
    body.append(" points=\"");
    for (int i = 0; i < xs.length; i++) {
      body.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
    }
    body.append("\"/>\n");
    return this;
  }

  /**
   * A line of text.
   *
   * @param x the anchor's x
   * @param y the baseline's y
   * @param cls classes ({@code end}, {@code middle}, {@code small}, {@code title}, {@code mono},
   *     {@code muted}), space-separated, or empty
   * @param text the text (escaped here)
   * @return this
   */
  public Svg text(double x, double y, String cls, String text) {
    body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
    if (!cls.isEmpty()) {
      body.append(" class=\"").append(escape(cls)).append('"');
    }
    body.append('>').append(escape(text)).append("</text>\n");
    return this;
  }

  /**
   * Text turned a quarter to the left, for a vertical axis label.
   *
   * @param x the anchor's x
   * @param y the anchor's y
   * @param text the text
   * @return this
   */
  public Svg verticalText(double x, double y, String text) {
    body.append("<text class=\"middle\" transform=\"translate(")
        .append(num(x))
        .append(',')
        .append(num(y))
        .append(") rotate(-90)\">")
        .append(escape(text))
        .append("</text>\n");
    return this;
  }

  /**
   * The whole document.
   *
   * @return the SVG text, ending with a newline
   */
  @Override
  public String toString() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + num(width)
        + "\" height=\""
        + num(height)
        + "\" viewBox=\"0 0 "
        + num(width)
        + ' '
        + num(height)
        + "\" role=\"img\">\n<title>"
        + escape(title)
        + "</title>\n<desc>"
        + escape(description)
        + "</desc>\n<defs><style>"
        + STYLE
        + "</style><marker id=\"arrowhead\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\""
        + " refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#444\"/></marker></defs>\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        + body
        + "</svg>\n";
  }

  private static String paint(String cls) {
    return cls.startsWith("#")
        ? " fill=\"" + escape(cls) + "\""
        : cls.isEmpty() ? "" : " class=\"" + escape(cls) + "\"";
  }

  /**
   * A number as every figure prints it: rounded half-up to two decimals, trailing zeros dropped.
   *
   * @param v the number
   * @return e.g. {@code 12}, {@code 12.5}, {@code -0.25}
   * @throws IllegalArgumentException for NaN or infinity, which no drawing may contain
   */
  public static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("Svg.num: not a finite number: " + v);
    }
    BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    String s = d.toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /**
   * Escapes text for XML content and attribute values.
   *
   * @param s the text
   * @return the text with {@code & < > " '} escaped
   */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
