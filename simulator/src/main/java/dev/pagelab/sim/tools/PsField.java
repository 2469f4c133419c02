package dev.pagelab.sim.tools;

import java.util.Objects;

/**
 * One column of a parsed {@code -o} list: the specifier with its header (maybe renamed by {@code
 * spec=HEADER}) and its final width ({@code src/ps/sortformat.c do_one_spec}).
 *
 * @param column the specifier
 * @param header the header text, empty for {@code spec=}
 * @param width the width: the specifier's, widened for {@code kernel.pid_max} and for a longer
 *     renamed header
 */
public record PsField(PsColumn column, String header, int width) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the width is not positive
   */
  public PsField {
    Objects.requireNonNull(column, "PsField: column");
    Objects.requireNonNull(header, "PsField: header");
    if (width < 1) {
      throw new IllegalArgumentException("PsField: width " + width + " for " + column.spec());
    }
  }
}
