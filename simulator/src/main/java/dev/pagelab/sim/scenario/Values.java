package dev.pagelab.sim.scenario;

/** Reads a token as a quantity and turns a {@link QuantityException} into a positioned error. */
final class Values {
  private Values() {}

  static long size(Line line, Token t) throws ScenarioException {
    try {
      return Quantities.parseSize(t.text());
    } catch (QuantityException e) {
      throw line.error(t.valueAfter(e.offset()), e.getMessage(), e.hint());
    }
  }

  /** A size above 0; {@code what} names it in the error. */
  static long positiveSize(Line line, Token t, String what) throws ScenarioException {
    long v = size(line, t);
    if (v <= 0) {
      throw line.error(t, what + " must be above 0", Quantities.SIZE_HINT);
    }
    return v;
  }

  /** A size that is a whole number of 4 KiB pages. */
  static long pageMultiple(Line line, Token t, String what) throws ScenarioException {
    long v = size(line, t);
    if (v % 4096 != 0) {
      throw line.error(
          t,
          what + " " + t.text() + " is not a multiple of 4KiB",
          "the kernel works in whole 4KiB pages here: use e.g. 4KiB, 8KiB, 1MiB");
    }
    return v;
  }

  static long duration(Line line, Token t) throws ScenarioException {
    try {
      return Quantities.parseDuration(t.text());
    } catch (QuantityException e) {
      throw line.error(t.valueAfter(e.offset()), e.getMessage(), e.hint());
    }
  }

  static long rate(Line line, Token t) throws ScenarioException {
    try {
      return Quantities.parseRate(t.text());
    } catch (QuantityException e) {
      throw line.error(t.valueAfter(e.offset()), e.getMessage(), e.hint());
    }
  }

  static long address(Line line, Token t) throws ScenarioException {
    try {
      return Quantities.parseAddress(t.text());
    } catch (QuantityException e) {
      throw line.error(t.valueAfter(e.offset()), e.getMessage(), e.hint());
    }
  }

  static long count(Line line, Token t) throws ScenarioException {
    try {
      return Quantities.parseCount(t.text());
    } catch (QuantityException e) {
      throw line.error(t.valueAfter(e.offset()), e.getMessage(), e.hint());
    }
  }

  /** A count in {@code [min, max]}; {@code what} names it in the error. */
  static long countIn(Line line, Token t, String what, long min, long max)
      throws ScenarioException {
    long v = count(line, t);
    if (v < min || v > max) {
      throw line.error(
          t, what + " " + v + " is out of range", what + " must be between " + min + " and " + max);
    }
    return v;
  }
}
