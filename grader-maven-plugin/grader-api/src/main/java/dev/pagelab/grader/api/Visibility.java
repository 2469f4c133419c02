package dev.pagelab.grader.api;

/**
 * When a student may see a graded test's name, result and failure message in their feedback. The
 * points always count; the names match Gradescope's {@code visibility} values.
 */
public enum Visibility {
  /** Always shown (every public test). */
  VISIBLE,
  /** Shown once the exercise's due date has passed. */
  AFTER_DUE_DATE,
  /** Never shown to the student; only its points reach the total. */
  HIDDEN
}
