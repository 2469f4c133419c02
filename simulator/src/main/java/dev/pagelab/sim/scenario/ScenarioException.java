package dev.pagelab.sim.scenario;

import java.util.Optional;

/**
 * A scenario that cannot be read or run: a syntax error, an unknown name, a value out of range.
 *
 * <p>{@link #getMessage()} is what a user sees: {@code file:line:column: message} and, when there
 * is one, a second line {@code hint: ...}. It never needs a stack trace.
 */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Pos pos;
  private final String problem;
  private final String hint;

  /**
   * An error at a place in a scenario.
   *
   * @param pos where (the column points at the offending token)
   * @param problem what is wrong, one line
   * @param hint what would be right, one line, or null
   */
  public ScenarioException(Pos pos, String problem, String hint) {
    super(render(pos, problem, hint));
    this.pos = pos;
    this.problem = problem;
    this.hint = hint;
  }

  /**
   * An error that has no place in a text (e.g. an unknown bundled scenario name).
   *
   * @param problem what is wrong, one line
   * @param hint what would be right, one line, or null
   */
  public ScenarioException(String problem, String hint) {
    this(null, problem, hint);
  }

  private static String render(Pos pos, String problem, String hint) {
    String head = pos == null ? problem : pos + ": " + problem;
    return hint == null ? head : head + "\nhint: " + hint;
  }

  /** Where the error is, if it is in a text. */
  public Optional<Pos> pos() {
    return Optional.ofNullable(pos);
  }

  /** The problem alone, without position or hint. */
  public String problem() {
    return problem;
  }

  /** The hint alone, if there is one. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /** The first line of the message: {@code file:line:column: problem}. */
  public String headline() {
    return pos == null ? problem : pos + ": " + problem;
  }
}
