package dev.pagelab.grader.core.check;

import java.util.List;
import java.util.Set;

/**
 * Which {@link Rule} best explains why a class or member off the allow-list is dangerous, so the
 * report says more than "not allowed". This only names the reason: what is allowed is the policy's
 * business alone.
 */
final class Categories {
  private static final Set<String> PROPERTY_READERS =
      Set.of(
          "java.lang.Integer#getInteger",
          "java.lang.Long#getLong",
          "java.lang.Boolean#getBoolean",
          "java.lang.System#getProperty",
          "java.lang.System#getProperties",
          "java.lang.System#setProperty",
          "java.lang.System#setProperties",
          "java.lang.System#clearProperty",
          "java.lang.System#getenv",
          "java.lang.System#setIn",
          "java.lang.System#setOut",
          "java.lang.System#setErr",
          "java.lang.System#in",
          "java.lang.System#console",
          "java.lang.System#inheritedChannel",
          "java.lang.System#getLogger",
          "java.lang.System#getSecurityManager",
          "java.lang.System#setSecurityManager");

  private static final List<String> THREAD_CLASSES =
      List.of(
          "java.lang.Thread",
          "java.lang.ThreadGroup",
          "java.lang.ThreadLocal",
          "java.lang.InheritableThreadLocal",
          "java.util.concurrent.",
          "java.util.Timer",
          "java.util.TimerTask",
          "java.util.stream.StreamSupport",
          "java.lang.ref.");

  private static final List<String> SYSTEM_CLASSES =
      List.of(
          "java.io.",
          "java.nio.",
          "java.net.",
          "java.util.Formatter",
          "java.util.Scanner",
          "java.util.Properties",
          "java.util.prefs.",
          "java.util.logging.",
          "java.util.zip.",
          "java.util.jar.",
          "java.lang.System",
          "java.sql.",
          "java.awt.",
          "java.rmi.",
          "javax.");

  private Categories() {}

  /** The rule for a class off the list, or for one of its members ({@code member} may be null). */
  static Rule of(String className, String member) {
    String key = className + "#" + member;
    if (className.equals("java.lang.Runtime") && "exec".equals(member)) {
      return Rule.PROCESSES;
    }
    if (key.equals("java.lang.System#exit")
        || key.equals("java.lang.Runtime#halt")
        || className.equals("java.lang.Runtime")
        || className.equals("java.lang.Shutdown")) {
      return Rule.EXIT;
    }
    if (PROPERTY_READERS.contains(key)) {
      return Rule.SYSTEM_ACCESS;
    }
    if (key.equals("java.lang.System#load") || key.equals("java.lang.System#loadLibrary")) {
      return Rule.CLASS_LOADING;
    }
    if (member != null
        && (member.startsWith("parallel")
            || member.equals("wait")
            || member.startsWith("notify"))) {
      return Rule.THREADS;
    }
    if (className.equals("java.lang.Class")) {
      return member == null
          ? Rule.REFLECTION
          : member.equals("forName") || member.equals("getClassLoader")
              ? Rule.CLASS_LOADING
              : member.startsWith("getResource") ? Rule.SYSTEM_ACCESS : Rule.REFLECTION;
    }
    return ofClass(className);
  }

  private static Rule ofClass(String name) {
    if (startsWithAny(name, THREAD_CLASSES)) {
      return Rule.THREADS;
    }
    if (name.startsWith("java.lang.Process")) {
      return Rule.PROCESSES;
    }
    if (name.startsWith("java.lang.reflect.")
        || name.startsWith("java.lang.invoke.")
        || name.equals("java.lang.StackWalker")
        || name.equals("java.lang.ClassValue")) {
      return Rule.REFLECTION;
    }
    if (name.endsWith("ClassLoader")
        || name.equals("java.util.ServiceLoader")
        || name.startsWith("java.lang.Module")
        || name.startsWith("java.lang.module.")
        || name.equals("java.lang.Package")
        || name.startsWith("java.lang.instrument.")) {
      return Rule.CLASS_LOADING;
    }
    if (startsWithAny(name, SYSTEM_CLASSES)) {
      return Rule.SYSTEM_ACCESS;
    }
    if (name.startsWith("sun.") || name.startsWith("jdk.") || name.startsWith("com.sun.")) {
      return Rule.UNSAFE;
    }
    return Rule.NOT_ALLOWED;
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    for (String p : prefixes) {
      if (p.endsWith(".") ? name.startsWith(p) : name.equals(p) || name.startsWith(p + "$")) {
        return true;
      }
    }
    return false;
  }
}
