package dev.pagelab.solutions;

/**
 * The content-level proof for exercise "oom": each of its mutants loses points and at least two of
 * them only to hidden tests, the model answer earns every point, and the stub fails every graded
 * test with its "TODO(oom)" exception and has the answer's public API.
 */
class OomContentTest extends ExerciseContentTest {
  @Override
  Exercise exercise() {
    return Exercise.OOM;
  }
}
