package dev.pagelab.grader.runner;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a failure into the text a student reads. A failure may be an object of the submission's own
 * class, whose {@code getMessage()}, {@code getCause()} or {@code getStackTrace()} can throw or
 * lie: every such call is guarded, and what it threw is named instead.
 */
final class Failures {
  private static final int MAX_FRAMES = 12;
  private static final int MAX_CAUSES = 8;

  private Failures() {}

  /**
   * What a student reads about a failure: for a failed assertion its message alone (the tests write
   * messages that teach); for any other exception its class, message and the frames outside JUnit
   * and the JDK, which point into the student's code, then its causes.
   */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "";
    }
    String message = message(failure);
    if (failure instanceof AssertionError && message != null && !isThrew(message)) {
      return message;
    }
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSES && seen.add(t); depth++) {
      if (depth > 0) {
        text.append("\nCaused by: ");
      }
      String m = depth == 0 ? message : message(t);
      text.append(t.getClass().getName()).append(m == null ? "" : ": " + m);
      appendFrames(t, text);
      t = cause(t);
    }
    return text.toString();
  }

  /** True if the cause chain holds UnsupportedOperationException("TODO(...") from a stub. */
  static boolean isStub(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20 && seen.add(t); depth++) {
      if (t instanceof UnsupportedOperationException) {
        String m = message(t);
        if (m != null && m.contains("TODO(")) {
          return true;
        }
      }
      t = cause(t);
    }
    return false;
  }

  /** {@code getMessage()}, or a note of what it threw. */
  static String message(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable e) {
      return "<getMessage() threw " + e.getClass().getName() + ">";
    }
  }

  private static boolean isThrew(String message) {
    return message.startsWith("<getMessage() threw ");
  }

  private static Throwable cause(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable e) {
      return null;
    }
  }

  private static void appendFrames(Throwable t, StringBuilder text) {
    StackTraceElement[] frames;
    try {
      frames = t.getStackTrace();
    } catch (Throwable e) {
      return;
    }
    int shown = 0;
    for (StackTraceElement frame : frames == null ? new StackTraceElement[0] : frames) {
      String cls = frame == null ? "java." : frame.getClassName();
      if (cls.startsWith("org.junit.")
          || cls.startsWith("org.opentest4j.")
          || cls.startsWith("jdk.")
          || cls.startsWith("java.")
          || cls.startsWith("dev.pagelab.grader.runner.")) {
        continue;
      }
      if (shown++ == MAX_FRAMES) {
        text.append("\n\t...");
        break;
      }
      text.append("\n\tat ").append(frame(frame));
    }
  }

  /** {@code a.B.m(B.java:12)}: the frame without its class loader's and module's names. */
  static String frame(StackTraceElement f) {
    String where =
        f.isNativeMethod()
            ? "Native Method"
            : f.getFileName() == null
                ? "Unknown Source"
                : f.getFileName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
    return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
  }

  /** Adds, to a "Could not initialize class X" failure, why the static initializer of X failed. */
  static String withInitFailures(String text, Map<String, String> initFailures) {
    StringBuilder out = new StringBuilder(text);
    for (Map.Entry<String, String> e : initFailures.entrySet()) {
      if (text.contains("Could not initialize class " + e.getKey())) {
        out.append("\nThe static initializer of ")
            .append(e.getKey())
            .append(" failed: ")
            .append(e.getValue());
      }
    }
    return out.toString();
  }
}
