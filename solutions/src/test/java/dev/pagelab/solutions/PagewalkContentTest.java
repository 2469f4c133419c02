package dev.pagelab.solutions;

/**
 * The content-level proof for exercise "pagewalk": each mutant loses points, the model answer earns
 * every point, and the stub fails every graded test with its "TODO(pagewalk)" exception and has the
 * answer's public API.
 */
class PagewalkContentTest extends ExerciseContentTest {
  @Override
  Exercise exercise() {
    return Exercise.PAGEWALK;
  }
}
