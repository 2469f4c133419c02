package dev.pagelab.sim.cli;

import dev.pagelab.sim.tools.InputException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --classes DIR}: where the exercise classes that {@code --walker} and {@code --oom-policy}
 * name are loaded from. The class's own package is read from {@code DIR} first, so the classes
 * built there are the ones that run even if a copy of that package is on the classpath.
 */
final class StudentClasses {
  @Option(
      names = "--classes",
      paramLabel = "DIR",
      description = {
        "Where --walker and --oom-policy load 'student' or CLASS from (default:"
            + " exercises/target/classes of this checkout). Example: --classes exercises/target/classes",
        "--walker, --oom-policy 의 student 또는 CLASS 를 읽어 올 폴더 (기본값: 이 체크아웃의"
            + " exercises/target/classes)."
      })
  Path classes;

  /**
   * Creates an instance of {@code className} from {@code DIR} with its public no-argument
   * constructor.
   *
   * @param option the option that named it, for messages, e.g. {@code --oom-policy}
   * @param className the class's binary name
   * @param contract the interface it must implement
   * @return the instance
   * @throws InputException if the directory or class is missing or the class cannot be created
   */
  <T> T load(String option, String className, Class<T> contract) throws InputException {
    Path dir = classes != null ? classes : defaultClasses();
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          "--classes "
              + dir
              + ": no such directory; build the exercise first: ./mvnw -pl exercises"
              + " -am compile");
    }
    try {
      ClassLoader loader = new PackageFirstLoader(dir.toUri().toURL(), className);
      Object instance = Class.forName(className, true, loader).getConstructor().newInstance();
      if (!contract.isInstance(instance)) {
        throw new InputException(
            option
                + " "
                + className
                + ": the class does not implement "
                + contract.getSimpleName());
      }
      return contract.cast(instance);
    } catch (ClassNotFoundException e) {
      throw new InputException(
          option
              + " "
              + className
              + ": no such class in "
              + dir
              + " (build it: ./mvnw -pl exercises -am compile)");
    } catch (MalformedURLException | ReflectiveOperationException | LinkageError e) {
      throw new InputException(option + " " + className + ": cannot create it: " + oneLine(e));
    } catch (RuntimeException e) {
      throw new InputException(option + " " + className + ": its constructor threw " + oneLine(e));
    }
  }

  /** A throwable as one line of text. */
  static String oneLine(Throwable e) {
    return e.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  private static Path defaultClasses() {
    String home = System.getProperty("pagelab.home", ".");
    return Path.of(home, "exercises", "target", "classes");
  }

  /**
   * Loads the named class's package from the directory before asking the parent, and everything
   * else (the simulator's contracts, the JDK) from the parent only.
   */
  private static final class PackageFirstLoader extends URLClassLoader {
    private final String prefix;
    private final String className;

    PackageFirstLoader(URL dir, String className) {
      super(new URL[] {dir}, StudentClasses.class.getClassLoader());
      int dot = className.lastIndexOf('.');
      this.prefix = dot < 0 ? null : className.substring(0, dot + 1);
      this.className = className;
    }

    private boolean ours(String name) {
      return prefix != null
          ? name.startsWith(prefix)
          : name.equals(className) || name.startsWith(className + "$");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!ours(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
