package dev.pagelab.sim.scenario;

/**
 * A size, duration, rate, address or count that cannot be read. The parser adds the position and
 * turns it into a {@link ScenarioException}.
 */
public final class QuantityException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String hint;

  /**
   * A bad quantity.
   *
   * @param problem what is wrong, one line
   * @param hint what a good value looks like, one line
   */
  public QuantityException(String problem, String hint) {
    super(problem);
    this.hint = hint;
  }

  /** What a good value looks like. */
  public String hint() {
    return hint;
  }
}
