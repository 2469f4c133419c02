package dev.pagelab.sim.scenario;

/**
 * A size, duration, rate, address or count that cannot be read. The parser adds the position and
 * turns it into a {@link ScenarioException}.
 */
public final class QuantityException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String hint;
  private final int offset;

  /**
   * A bad quantity; the whole text is at fault.
   *
   * @param problem what is wrong, one line
   * @param hint what a good value looks like, one line
   */
  public QuantityException(String problem, String hint) {
    this(problem, hint, 0);
  }

  /**
   * A bad quantity whose fault starts inside the text (e.g. at its unit).
   *
   * @param problem what is wrong, one line
   * @param hint what a good value looks like, one line
   * @param offset the index of the first offending character in the text
   */
  public QuantityException(String problem, String hint, int offset) {
    super(problem);
    this.hint = hint;
    this.offset = offset;
  }

  /** The index of the first offending character in the quantity's text. */
  public int offset() {
    return offset;
  }

  /** What a good value looks like. */
  public String hint() {
    return hint;
  }
}
