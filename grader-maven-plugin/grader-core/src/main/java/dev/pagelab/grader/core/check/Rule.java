package dev.pagelab.grader.core.check;

/** Why a static check rejects a use; the report explains each in Korean and English. */
public enum Rule {
  /** A class from a package outside the allowed list. */
  PACKAGE_NOT_ALLOWED,
  /** A student class declared in a package the grader, the simulator or JUnit owns. */
  RESERVED_PACKAGE,
  /** {@code System.exit}, {@code Runtime}, {@code Runtime.halt}, shutdown hooks. */
  EXIT,
  /** Threads, thread pools, timers, parallel streams. */
  THREADS,
  /** Starting or inspecting processes. */
  PROCESSES,
  /** Reflection, method handles, class objects beyond their names. */
  REFLECTION,
  /** Class loaders, service loaders, modules, native libraries. */
  CLASS_LOADING,
  /** Files, network, standard input, environment, system properties, redirecting output. */
  SYSTEM_ACCESS,
  /** {@code sun.misc.Unsafe} and the JDK's internals. */
  UNSAFE
}
