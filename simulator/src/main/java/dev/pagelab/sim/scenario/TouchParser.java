package dev.pagelab.sim.scenario;

import java.util.OptionalLong;

/** Parses {@code p touch TARGET [read|write|exec] [stride=] [count=] [order=] [rate=] ...}. */
final class TouchParser {
  private TouchParser() {}

  static TouchStmt parse(ParseState state, Line line, Pos pos, ParseState.Proc p)
      throws ScenarioException {
    String hint = ProcessCommands.TOUCH_HINT;
    SpanParser sp =
        new SpanParser(state, line, p, "touch", hint, false, "stride", "count", "order", "rate");
    Options o = sp.options();
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (o.offer(t)) {
        continue;
      }
      if (!t.text().equals("read") && !t.text().equals("write") && !t.text().equals("exec")) {
        throw line.error(t, "unknown touch word \"" + t.text() + "\"", hint);
      }
      o.claim("access", t);
    }
    Span span = sp.finish();
    AccessKind access =
        o.claimed("access") == null
            ? AccessKind.WRITE
            : AccessKind.valueOf(o.claimed("access").text().toUpperCase(java.util.Locale.ROOT));
    long stride =
        o.value("stride") == null
            ? TouchStmt.DEFAULT_STRIDE
            : Values.positiveSize(line, o.value("stride"), "stride=");
    OptionalLong count =
        o.value("count") == null
            ? OptionalLong.empty()
            : OptionalLong.of(Values.countIn(line, o.value("count"), "count=", 1, Long.MAX_VALUE));
    TouchOrder order = order(line, o.value("order"));
    OptionalLong rate = OptionalLong.empty();
    if (o.value("rate") != null) {
      long r = Values.rate(line, o.value("rate"));
      if (r <= 0) {
        throw line.error(o.value("rate"), "rate= must be above 0", Quantities.RATE_HINT);
      }
      rate = OptionalLong.of(r);
    }
    checkCount(line, sp, span, stride, count, o);
    return new TouchStmt(pos, p.alias, span, access, stride, count, order, rate);
  }

  private static TouchOrder order(Line line, Token t) throws ScenarioException {
    if (t == null) {
      return TouchOrder.FORWARD;
    }
    switch (t.text()) {
      case "forward":
        return TouchOrder.FORWARD;
      case "backward":
        return TouchOrder.BACKWARD;
      case "random":
        return TouchOrder.RANDOM;
      default:
        throw line.error(
            t, "unknown order \"" + t.text() + "\"", "order is forward, backward or random");
    }
  }

  /** With a known span length, {@code count} accesses {@code stride} apart must fit in it. */
  private static void checkCount(
      Line line, SpanParser sp, Span span, long stride, OptionalLong count, Options o)
      throws ScenarioException {
    long length =
        span.length().isPresent()
            ? span.length().getAsLong()
            : sp.regionSize() > 0 ? sp.regionSize() - span.offset() : -1;
    if (count.isEmpty() || length < 0) {
      return;
    }
    long c = count.getAsLong();
    boolean fits = c - 1 <= (length - 1) / stride;
    if (!fits) {
      throw line.error(
          o.value("count"),
          "count="
              + c
              + " with stride="
              + Quantities.formatSize(stride)
              + " runs past the end of the span ("
              + Quantities.formatSize(length)
              + ")",
          "at most " + ((length - 1) / stride + 1) + " accesses fit");
    }
  }
}
