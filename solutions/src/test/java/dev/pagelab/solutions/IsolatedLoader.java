package dev.pagelab.solutions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class loader in which one exercise package is loaded afresh: its {@code Walker} classes come
 * from a directory of freshly compiled classes (a mutant, the stub or the answer), and every other
 * class of the package (the public and hidden tests and their fixtures) is defined again from the
 * parent's bytes, so that the tests link against that {@code Walker}. Everything else (the
 * simulator, JUnit, the grader API) is shared with the parent.
 */
final class IsolatedLoader extends ClassLoader {
  private final String packageName;
  private final String walkerName;
  private final Path walkerClasses;

  /**
   * @param parent where the tests' bytes and all shared classes come from
   * @param packageName the exercise package, e.g. {@code dev.pagelab.exercises.pagewalk}
   * @param walkerClasses the output directory of the compiled {@code Walker.java}
   */
  IsolatedLoader(ClassLoader parent, String packageName, Path walkerClasses) {
    super("isolated " + walkerClasses.getFileName(), parent);
    this.packageName = packageName;
    this.walkerName = packageName + ".Walker";
    this.walkerClasses = walkerClasses;
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
    boolean walker = name.equals(walkerName) || name.startsWith(walkerName + "$");
    try {
      if (walker) {
        Path path = walkerClasses.resolve(file);
        if (!Files.exists(path)) {
          throw new ClassNotFoundException(
              "IsolatedLoader: " + name + " is not in " + walkerClasses);
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
