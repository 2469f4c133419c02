package dev.pagelab.grader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.api.Visibility;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading tasks, titles, visibility and the order of declaration from compiled test classes. */
class GradedTestScannerTest {
  private static final String PUBLIC =
      """
      package t;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.DisplayName;
      import org.junit.jupiter.api.Test;
      class ZTest {
        @Test @Graded(exercise = "walk", task = 2, title = "Faults", titleKo = "폴트")
        void zeta() {}
        @Test @DisplayName("Translates a page") @Graded(exercise = "walk", task = 1, points = 2)
        void omega() {}
        void helper() {}
        @Test @Graded(exercise = "walk", task = 1) void alpha() {}
        @Test @Graded(exercise = "other") void elsewhere() {}
      }
      """;

  private static final String HIDDEN =
      """
      package t;
      import dev.pagelab.grader.api.Graded;
      import dev.pagelab.grader.api.Visibility;
      import org.junit.jupiter.api.Test;
      class AHiddenTest {
        @Test @Graded(exercise = "walk", task = 1, visibility = Visibility.HIDDEN) void b() {}
        @Test @Graded(exercise = "walk", task = 1, visibility = Visibility.AFTER_DUE_DATE)
        void a() {}
      }
      """;

  @Test
  void testsComeByTaskPublicFirstInTheOrderTheirClassDeclaresThem(@TempDir Path dir)
      throws Exception {
    Path classes =
        Fixtures.compile(
            dir, "t", Map.of("t.ZTest", PUBLIC, "t.AHiddenTest", HIDDEN), Fixtures.testLibraries());
    List<GradedTest> tests = GradedTestScanner.scan(classes, "walk");
    assertEquals(
        List.of("omega", "alpha", "b", "a", "zeta"),
        tests.stream().map(GradedTest::methodName).toList());
    GradedTest omega = tests.get(0);
    assertEquals(1, omega.task());
    assertEquals("Translates a page", omega.title("en"));
    assertEquals("Translates a page", omega.title("ko"), "no Korean title: the display name");
    assertEquals("alpha", tests.get(1).title("ko"), "no title at all: the method's name");
    GradedTest zeta = tests.get(4);
    assertEquals("Faults", zeta.title("en"));
    assertEquals("폴트", zeta.title("ko"));
    assertEquals(Visibility.HIDDEN, tests.get(2).visibility());
    assertEquals(Visibility.AFTER_DUE_DATE, tests.get(3).visibility());
    assertTrue(tests.get(2).hidden() && !omega.hidden());
    assertEquals(5, GradedTestScanner.scan(classes, null).size() - 1);
  }

  @Test
  void aNegativeTaskIsRefusedWithTheMethodNamed(@TempDir Path dir) throws Exception {
    String bad =
        """
        package t;
        import dev.pagelab.grader.api.Graded;
        class BadTest { @Graded(exercise = "walk", task = -1) void m() {} }
        """;
    Path classes = Fixtures.compile(dir, "t", Map.of("t.BadTest", bad), Fixtures.testLibraries());
    GraderException e =
        assertThrows(GraderException.class, () -> GradedTestScanner.scan(classes, null));
    assertEquals(
        "@Graded on t.BadTest#m: task = -1, expected the assignment's task number", e.getMessage());
  }
}
