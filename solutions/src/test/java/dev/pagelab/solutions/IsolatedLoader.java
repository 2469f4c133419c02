package dev.pagelab.solutions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class loader in which one exercise package is loaded afresh: the classes the student writes
 * (with their nested classes) come from a directory of freshly compiled classes (a mutant, the stub
 * or the answer), and every other class of the package (the public and hidden tests and their
 * fixtures) is defined again from the parent's bytes, so that the tests link against those classes.
 * Everything else (the simulator, JUnit, the grader API) is shared with the parent.
 */
final class IsolatedLoader extends ClassLoader {
  private final String packageName;
  private final List<String> studentNames;
  private final Path studentClasses;

  /**
   * @param parent where the tests' bytes and all shared classes come from
   * @param exercise the exercise: its package and the classes the student writes
   * @param studentClasses the output directory of the compiled student classes
   */
  IsolatedLoader(ClassLoader parent, Exercise exercise, Path studentClasses) {
    super("isolated " + studentClasses.getFileName(), parent);
    this.packageName = exercise.packageName();
    this.studentNames = exercise.studentClasses().stream().map(c -> packageName + "." + c).toList();
    this.studentClasses = studentClasses;
  }

  private boolean isStudents(String name) {
    return studentNames.stream().anyMatch(s -> name.equals(s) || name.startsWith(s + "$"));
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    int dot = name.lastIndexOf('.');
    if (dot < 0 || !name.substring(0, dot).equals(packageName)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes = bytesOf(name);
        c = defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private byte[] bytesOf(String name) throws ClassNotFoundException {
    String file = name.replace('.', '/') + ".class";
    try {
      if (isStudents(name)) {
        Path path = studentClasses.resolve(file);
        if (!Files.exists(path)) {
          throw new ClassNotFoundException(
              "IsolatedLoader: " + name + " is not in " + studentClasses);
        }
        return Files.readAllBytes(path);
      }
      try (InputStream in = getParent().getResourceAsStream(file)) {
        if (in == null) {
          throw new ClassNotFoundException("IsolatedLoader: no class file for " + name);
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("IsolatedLoader: cannot read " + file, e);
    }
  }
}
