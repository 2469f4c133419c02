package dev.pagelab.sim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A parsed scenario.
 *
 * @param source the name the text came from, used in every {@link Pos}
 * @param machine the machine to build: the {@code machine} line, or {@link MachineStmt#defaults}
 * @param statements every statement in order, including the {@code machine} line if there is one (a
 *     runner builds the machine from {@link #machine} and may skip that statement)
 * @param lines the source text split into lines, so a runner can quote a line in an error
 */
public record Scenario(
    String source, MachineStmt machine, List<Statement> statements, List<String> lines) {
  /** Copies the lists. */
  public Scenario {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(machine, "machine");
    statements = List.copyOf(statements);
    lines = List.copyOf(lines);
  }

  /**
   * The text of a source line.
   *
   * @param line 1-based
   * @return the line without its end-of-line characters
   */
  public String lineText(int line) {
    if (line < 1 || line > lines.size()) {
      throw new IllegalArgumentException(
          "Scenario.lineText: line " + line + " outside 1.." + lines.size());
    }
    return lines.get(line - 1);
  }
}
