package dev.pagelab.grader.core.compile;

import dev.pagelab.grader.core.GraderException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a submission's sources with the running JDK's compiler ({@code javax.tools}), in memory,
 * for Java 17, against a given classpath: no file is read but the classpath's and none is written,
 * no annotation processor runs, and nothing compiled is loaded.
 */
public final class InMemoryCompiler {
  private static final int MAX_ERRORS = 50;

  private InMemoryCompiler() {}

  /**
   * Compiles.
   *
   * @param sources the files, each compiled as given (their folder does not matter)
   * @param classpath the jars and directories the sources may refer to
   * @param locale the language of the compiler's messages, where the JDK has it
   * @throws GraderException if no compiler is available (a JRE, not a JDK)
   */
  public static Compilation compile(List<SourceFile> sources, List<Path> classpath, Locale locale)
      throws GraderException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new GraderException("no Java compiler: run the grader with a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager standard =
        javac.getStandardFileManager(
            diagnostics, locale, java.nio.charset.StandardCharsets.UTF_8)) {
      standard.setLocation(StandardLocation.SOURCE_PATH, List.of());
      standard.setLocation(
          StandardLocation.CLASS_PATH,
          classpath.stream().map(Path::toFile).collect(Collectors.toList()));
      Output output = new Output(standard);
      List<JavaFileObject> units = new ArrayList<>();
      sources.forEach(s -> units.add(new Source(s)));
      List<String> options =
          List.of(
              "--release",
              "17",
              "-proc:none",
              "-implicit:none",
              "-g",
              "-nowarn",
              "-Xmaxerrs",
              "" + MAX_ERRORS);
      boolean ok = javac.getTask(null, output, diagnostics, options, null, units).call();
      List<CompileError> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(error(d, locale));
        }
      }
      if (!ok && errors.isEmpty()) {
        errors.add(new CompileError("javac", 0, 0, "the compiler failed without a message"));
      }
      return new Compilation(ok ? output.classes() : Map.of(), errors);
    } catch (IOException e) {
      throw new GraderException("cannot run the Java compiler: " + e.getMessage(), e);
    }
  }

  /** The path separator-joined classpath, for messages. */
  static String joined(List<Path> classpath) {
    return classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  private static CompileError error(Diagnostic<? extends JavaFileObject> d, Locale locale) {
    String file = d.getSource() == null ? "javac" : ((Source) d.getSource()).file.name();
    String message = d.getMessage(locale);
    return new CompileError(
        file,
        Math.max(0, d.getLineNumber()),
        Math.max(0, d.getColumnNumber()),
        message == null ? "" : message.lines().findFirst().orElse(""));
  }

  /** A source file in memory. */
  private static final class Source extends SimpleJavaFileObject {
    final SourceFile file;

    Source(SourceFile file) {
      super(URI.create("string:///" + file.name().replace('\\', '/')), Kind.SOURCE);
      this.file = file;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return file.text();
    }
  }

  /** Keeps every class file the compiler writes in memory. */
  private static final class Output extends ForwardingJavaFileManager<JavaFileManager> {
    private final Map<String, ByteArrayOutputStream> written = new TreeMap<>();

    Output(JavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          written.put(className, bytes);
          return bytes;
        }
      };
    }

    Map<String, byte[]> classes() {
      Map<String, byte[]> classes = new TreeMap<>();
      written.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
      return classes;
    }
  }
}
