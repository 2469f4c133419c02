package dev.pagelab.grader.runner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.AccessController;
import java.security.CodeSource;
import java.security.Permissions;
import java.security.PrivilegedAction;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Defines the submission's classes and the instructor's test classes from the bytes the grader sent
 * (see {@link ForkRequest}); everything else (JUnit, the simulator, the JDK) comes from the parent.
 *
 * <ul>
 *   <li>A test class wins over a submission class of the same name (the static checks reject such a
 *       submission anyway).
 *   <li>A class of the exercise's package that is neither in the submission nor among the tests is
 *       not looked for elsewhere, so a model answer on the classpath can never stand in for it.
 *   <li>Submission classes get a protection domain with no permissions; test classes one that the
 *       {@link Guard}'s policy grants everything.
 *   <li>The runner's own classes are hidden, and the test files can be read as resources only by
 *       code without submission frames on its stack (when the guard runs).
 * </ul>
 */
final class GradingClassLoader extends ClassLoader {
  private static final String RUNNER_PACKAGE = "dev.pagelab.grader.";

  private final String exercisePrefix;
  private final Map<String, byte[]> submission;
  private final Map<String, byte[]> testFiles;
  private final ProtectionDomain submissionDomain;
  private final ProtectionDomain testDomain;

  GradingClassLoader(
      ClassLoader parent,
      String exercisePackage,
      Map<String, byte[]> submission,
      Map<String, byte[]> testFiles) {
    super("pagelab-grading", parent);
    this.exercisePrefix = exercisePackage + ".";
    this.submission = submission;
    this.testFiles = testFiles;
    CodeSource none = new CodeSource(null, (Certificate[]) null);
    this.submissionDomain = new ProtectionDomain(none, new Permissions());
    this.testDomain = new ProtectionDomain(none, null, this, null);
  }

  /** The protection domain of every submission class: no permissions, whatever the policy. */
  ProtectionDomain submissionDomain() {
    return submissionDomain;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = find(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private Class<?> find(String name) throws ClassNotFoundException {
    boolean runner = name.startsWith(RUNNER_PACKAGE) && !name.startsWith("dev.pagelab.grader.api.");
    if (runner) {
      throw new ClassNotFoundException(name + " is the grader's own class");
    }
    byte[] bytes = testFiles.get(name.replace('.', '/') + ".class");
    if (bytes != null) {
      return defineClass(name, bytes, 0, bytes.length, testDomain);
    }
    bytes = submission.get(name);
    if (bytes != null) {
      return defineClass(name, bytes, 0, bytes.length, submissionDomain);
    }
    if (name.startsWith(exercisePrefix) && name.indexOf('.', exercisePrefix.length()) < 0) {
      throw new ClassNotFoundException(name + " is neither in the submission nor a test class");
    }
    return getParent().loadClass(name);
  }

  @Override
  public URL getResource(String name) {
    byte[] data = testFile(name);
    return data != null ? memoryUrl(name, data) : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>();
    byte[] data = testFile(name);
    if (data != null) {
      urls.add(memoryUrl(name, data));
    }
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    byte[] data = testFile(name);
    return data != null ? new ByteArrayInputStream(data) : getParent().getResourceAsStream(name);
  }

  /** The bytes of a test file, after checking that the caller may read it. */
  @SuppressWarnings("removal")
  private byte[] testFile(String name) {
    byte[] data = testFiles.get(name);
    if (data != null && System.getSecurityManager() != null) {
      AccessController.checkPermission(Guard.READ_TESTS);
    }
    return data;
  }

  @SuppressWarnings("removal")
  private static URL memoryUrl(String name, byte[] data) {
    return AccessController.doPrivileged(
        (PrivilegedAction<URL>)
            () -> {
              try {
                return new URL(null, "pagelab-test:/" + name, new MemoryHandler(data));
              } catch (MalformedURLException e) {
                throw new IllegalStateException("GradingClassLoader.memoryUrl: " + name, e);
              }
            });
  }

  /** Serves one in-memory test file. */
  private static final class MemoryHandler extends URLStreamHandler {
    private final byte[] data;

    MemoryHandler(byte[] data) {
      this.data = data;
    }

    @Override
    protected URLConnection openConnection(URL url) {
      return new URLConnection(url) {
        @Override
        public void connect() {
          connected = true;
        }

        @Override
        public InputStream getInputStream() {
          return new ByteArrayInputStream(data);
        }
      };
    }
  }
}
