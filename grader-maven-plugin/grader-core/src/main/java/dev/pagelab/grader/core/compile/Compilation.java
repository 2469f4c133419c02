package dev.pagelab.grader.core.compile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the compiler made of a submission's sources.
 *
 * @param classes binary name to class file, sorted by name; empty if there are errors
 * @param errors the compiler's errors, in its order; empty if the sources compile
 */
public record Compilation(Map<String, byte[]> classes, List<CompileError> errors) {
  /** Defensive copies. */
  public Compilation {
    classes = new LinkedHashMap<>(classes);
    errors = List.copyOf(errors);
  }

  /** True if the sources compile. */
  public boolean succeeded() {
    return errors.isEmpty();
  }
}
