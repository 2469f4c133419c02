package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.Policy;
import dev.pagelab.grader.core.compile.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles small student and test sources for the grader's own tests. */
final class Fixtures {
  private Fixtures() {}

  /** The jars a graded JUnit test needs: Jupiter, the platform, opentest4j and grader-api. */
  static List<Path> testLibraries() {
    Set<Path> jars = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            org.junit.jupiter.api.Test.class,
            org.junit.jupiter.engine.JupiterTestEngine.class,
            org.junit.jupiter.params.ParameterizedTest.class,
            org.junit.platform.engine.TestEngine.class,
            org.junit.platform.commons.JUnitException.class,
            org.opentest4j.AssertionFailedError.class,
            org.apiguardian.api.API.class,
            dev.pagelab.grader.api.Graded.class)) {
      try {
        jars.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return new ArrayList<>(jars);
  }

  /** The grader's own tests' policy: package {@code student}, java.lang basics, a few more. */
  static Policy demoPolicy() {
    try (InputStream in = Fixtures.class.getResourceAsStream("demo-policy.txt")) {
      return Policy.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-policy.txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GraderException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sources of a submission, each file named after its class's simple name. */
  static Submission.Sources sources(Map<String, String> classes) {
    List<SourceFile> files = new ArrayList<>();
    classes.forEach(
        (name, text) ->
            files.add(new SourceFile(name.substring(name.lastIndexOf('.') + 1) + ".java", text)));
    return new Submission.Sources(files);
  }

  /** Writes the sources (binary name to text) and compiles them into {@code out}. */
  static Path compile(Path root, String name, Map<String, String> sources, List<Path> classpath)
      throws IOException {
    Path src = root.resolve(name + "-src");
    Path out = root.resolve(name);
    Files.createDirectories(out);
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      files.add(file);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      List<String> options = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
      if (!classpath.isEmpty()) {
        StringBuilder cp = new StringBuilder();
        classpath.forEach(
            p -> cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(p));
        options.addAll(List.of("-cp", cp.toString()));
      }
      if (!javac.getTask(errors, fm, null, options, null, units).call()) {
        throw new IllegalStateException("fixture " + name + " does not compile:\n" + errors);
      }
    }
    return out;
  }
}
