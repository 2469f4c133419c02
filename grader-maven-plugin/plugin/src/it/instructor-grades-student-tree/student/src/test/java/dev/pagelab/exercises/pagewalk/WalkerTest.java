package dev.pagelab.exercises.pagewalk;

import dev.pagelab.grader.api.Graded;
import org.junit.jupiter.api.Test;

/** The student's own "tests": never graded when the instructor grades. */
class WalkerTest {
  @Test
  @Graded(exercise = "pagewalk", points = 100)
  void freePoints() {}
}
