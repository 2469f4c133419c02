package dev.pagelab.sim.cli;

import dev.pagelab.sim.paging.ReferenceWalker;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.tools.InputException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --walker} and {@code --classes}: run the machine on another page-table walker. */
final class WalkerOption {
  /** The class the page-walk exercise asks students to write. */
  static final String STUDENT_CLASS = "dev.pagelab.exercises.pagewalk.Walker";

  @Option(
      names = "--walker",
      paramLabel = "reference|student|CLASS",
      defaultValue = "reference",
      description =
          "The page-table walker the MMU uses: the simulator's own (reference), your exercise"
              + " solution (student = "
              + STUDENT_CLASS
              + "), or any class implementing dev.pagelab.sim.spi.PageTableWalker."
              + " Example: --walker student. 내 과제 워커로 실행하려면 --walker student.")
  String walker;

  @Option(
      names = "--classes",
      paramLabel = "DIR",
      description =
          "Where --walker student or CLASS is loaded from (default: exercises/target/classes of this"
              + " checkout). Example: --classes exercises/target/classes. 내 Walker를 불러올 폴더"
              + "(기본: exercises/target/classes).")
  Path classes;

  /** True unless the reference walker was chosen. */
  boolean custom() {
    return !walker.equals("reference");
  }

  /** The walker chosen, guarded so that its exceptions are reported, not thrown at the user. */
  PageTableWalker walker() throws InputException {
    if (!custom()) {
      return new ReferenceWalker();
    }
    String className = walker.equals("student") ? STUDENT_CLASS : walker;
    Path dir = classes != null ? classes : defaultClasses();
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          "--classes "
              + dir
              + ": no such directory; build the exercise first: ./mvnw -pl exercises"
              + " -am compile");
    }
    try {
      URL url = dir.toUri().toURL();
      ClassLoader loader = new URLClassLoader(new URL[] {url}, WalkerOption.class.getClassLoader());
      Object instance = Class.forName(className, true, loader).getConstructor().newInstance();
      if (!(instance instanceof PageTableWalker w)) {
        throw new InputException(
            "--walker " + className + ": the class does not implement PageTableWalker");
      }
      return new GuardedWalker(w, className);
    } catch (ClassNotFoundException e) {
      throw new InputException(
          "--walker "
              + className
              + ": no such class in "
              + dir
              + " (build it: ./mvnw -pl exercises"
              + " -am compile)");
    } catch (MalformedURLException | ReflectiveOperationException | LinkageError e) {
      throw new InputException("--walker " + className + ": cannot create it: " + e);
    }
  }

  private static Path defaultClasses() {
    String home = System.getProperty("pagelab.home", ".");
    return Path.of(home, "exercises", "target", "classes");
  }
}
