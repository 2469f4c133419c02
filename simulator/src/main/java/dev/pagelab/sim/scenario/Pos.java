package dev.pagelab.sim.scenario;

import java.util.Objects;

/**
 * A place in a scenario text, printed as {@code source:line:column} like a compiler does.
 *
 * @param source the file name the text came from (e.g. {@code demo.scn})
 * @param line the 1-based line number
 * @param column the 1-based column of the first character of the token
 */
public record Pos(String source, int line, int column) {
  /** Checks that the source is given and the numbers are not negative. */
  public Pos {
    Objects.requireNonNull(source, "source");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("Pos: negative line or column " + line + ":" + column);
    }
  }

  /** {@code source:line:column}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
