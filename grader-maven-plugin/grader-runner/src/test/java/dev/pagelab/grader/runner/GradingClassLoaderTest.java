package dev.pagelab.grader.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AllPermission;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingClassLoaderTest {
  @TempDir Path tmp;

  /** Compiles {@code a.<name>} whose {@code toString()} returns {@code who}; returns its bytes. */
  private byte[] compile(String dir, String name, String who) throws IOException {
    Path src = tmp.resolve(dir + "-src/a/" + name + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        "package a;\npublic class "
            + name
            + " {\n  @Override public String toString() { return \""
            + who
            + "\"; }\n}\n");
    Path out = tmp.resolve(dir);
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", out.toString(), "--release", "17", src.toString());
    assertEquals(0, rc);
    return Files.readAllBytes(out.resolve("a/" + name + ".class"));
  }

  private static String who(Class<?> c) throws ReflectiveOperationException {
    return c.getDeclaredConstructor().newInstance().toString();
  }

  @Test
  void theExercisePackageComesOnlyFromTheSubmissionAndTheTests() throws Exception {
    byte[] student = compile("student", "Walker", "student");
    compile("answer", "Walker", "answer");
    compile("answer", "Helper", "answer");
    byte[] test = compile("tests", "WalkerTest", "test");
    try (URLClassLoader parent =
        new URLClassLoader(new URL[] {tmp.resolve("answer").toUri().toURL()}, null)) {
      GradingClassLoader loader =
          new GradingClassLoader(
              parent, "a", Map.of("a.Walker", student), Map.of("a/WalkerTest.class", test));
      assertEquals("student", who(loader.loadClass("a.Walker")));
      assertEquals("test", who(loader.loadClass("a.WalkerTest")));
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("a.Helper"));
      assertEquals("answer", who(parent.loadClass("a.Helper")), "the parent does have it");
    }
  }

  @Test
  void aTestClassWinsOverASubmissionClassOfTheSameName() throws Exception {
    byte[] student = compile("student", "Fixture", "student");
    byte[] test = compile("tests", "Fixture", "test");
    GradingClassLoader loader =
        new GradingClassLoader(
            getClass().getClassLoader(),
            "a",
            Map.of("a.Fixture", student),
            Map.of("a/Fixture.class", test));
    assertEquals("test", who(loader.loadClass("a.Fixture")));
  }

  @Test
  void theSubmissionHasNoPermissionAndTheRunnerIsHidden() throws Exception {
    byte[] student = compile("student", "Walker", "student");
    GradingClassLoader loader =
        new GradingClassLoader(
            getClass().getClassLoader(), "a", Map.of("a.Walker", student), Map.of());
    Class<?> walker = loader.loadClass("a.Walker");
    assertTrue(walker.getProtectionDomain() == loader.submissionDomain());
    assertFalse(walker.getProtectionDomain().implies(new AllPermission()));
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass(ForkMain.class.getName()));
    assertEquals(List.class, loader.loadClass("java.util.List"));
  }

  @Test
  void theTestsFilesAreResourcesOfTheLoader() throws Exception {
    GradingClassLoader loader =
        new GradingClassLoader(
            getClass().getClassLoader(), "a", Map.of(), Map.of("a/data.txt", new byte[] {42}));
    assertEquals(42, loader.getResourceAsStream("a/data.txt").read());
    assertEquals(42, loader.getResource("a/data.txt").openStream().read());
    assertTrue(loader.getResources("a/data.txt").hasMoreElements());
  }
}
