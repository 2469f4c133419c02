package dev.pagelab.grader.core.check;

import java.util.List;

/** What member resolution needs to know of one class, own or external. */
interface ClassInfo {
  /** The binary name, e.g. {@code java.util.Map$Entry}. */
  String name();

  /** The superclass's binary name, or null for {@code Object} and interfaces. */
  String superName();

  /** The direct superinterfaces' binary names. */
  List<String> interfaces();

  /** True for an interface. */
  boolean isInterface();

  /** True if code elsewhere can name it. */
  boolean isPublic();

  /** True if this class declares a field or method of that name (and, for a method, parameters). */
  boolean declares(String member, String descriptor, boolean field);

  /** The parameter part of a method descriptor, {@code (IJ)} of {@code (IJ)V}. */
  static String parameters(String descriptor) {
    return descriptor.substring(0, descriptor.indexOf(')') + 1);
  }
}
