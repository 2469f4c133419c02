package dev.pagelab.grader.core.validate;

import dev.pagelab.grader.core.GraderException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a directory of Java sources with the running JDK's compiler ({@code javax.tools}). */
public final class SourceCompiler {
  private SourceCompiler() {}

  /**
   * Compiles every {@code .java} file under {@code sources} into {@code out} for Java 17.
   *
   * @throws GraderException with the first error as {@code file:line: message}
   */
  public static void compile(Path sources, List<Path> classpath, Path out) throws GraderException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new GraderException("no Java compiler: run the build with a JDK, not a JRE");
    }
    List<Path> files = javaFiles(sources);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      Files.createDirectories(out);
      List<String> options =
          new ArrayList<>(
              List.of("-d", out.toString(), "--release", "17", "-nowarn", "-proc:none"));
      options.add("-cp");
      options.add(
          classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
      boolean ok =
          javac
              .getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
      if (!ok) {
        Diagnostic<? extends JavaFileObject> first =
            diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .findFirst()
                .orElseThrow();
        String file = first.getSource() == null ? sources.toString() : first.getSource().getName();
        throw new GraderException(
            file
                + ":"
                + first.getLineNumber()
                + ": does not compile: "
                + first.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
      }
    } catch (IOException e) {
      throw new GraderException("cannot compile " + sources + ": " + e.getMessage(), e);
    }
  }

  /** The {@code .java} files under a directory, sorted. */
  static List<Path> javaFiles(Path sources) throws GraderException {
    if (!Files.isDirectory(sources)) {
      throw new GraderException("source directory " + sources + " does not exist");
    }
    try (Stream<Path> walk = Files.walk(sources)) {
      List<Path> files =
          walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
      if (files.isEmpty()) {
        throw new GraderException("source directory " + sources + " holds no .java file");
      }
      return files;
    } catch (IOException e) {
      throw new GraderException("cannot read " + sources + ": " + e.getMessage(), e);
    }
  }
}
