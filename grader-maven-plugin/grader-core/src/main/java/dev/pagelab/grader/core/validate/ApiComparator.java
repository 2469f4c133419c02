package dev.pagelab.grader.core.validate;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.check.StaticChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares the public API (public and protected types and members, with modifiers, types and
 * signatures) of two directories of class files, read with ArchUnit without loading them.
 */
public final class ApiComparator {
  private ApiComparator() {}

  /**
   * Returns the differences, e.g. {@code only in the answer: method a.Walker: public int x()};
   * empty if the APIs are equal.
   */
  public static List<String> differences(Path stubClasses, Path answerClasses)
      throws GraderException {
    SortedSet<String> stub = api(stubClasses);
    SortedSet<String> answer = api(answerClasses);
    List<String> diffs = new ArrayList<>();
    stub.stream()
        .filter(s -> !answer.contains(s))
        .forEach(s -> diffs.add("only in the stub: " + s));
    answer.stream()
        .filter(s -> !stub.contains(s))
        .forEach(s -> diffs.add("only in the answer: " + s));
    return diffs;
  }

  /** One line per public or protected type and member. */
  static SortedSet<String> api(Path classes) throws GraderException {
    SortedSet<String> lines = new TreeSet<>();
    for (JavaClass c : StaticChecker.importClasses(classes)) {
      if (!visible(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        continue;
      }
      String supers =
          c.getRawSuperclass().map(s -> " extends " + s.getName()).orElse("")
              + c.getRawInterfaces().stream()
                  .map(JavaClass::getName)
                  .sorted()
                  .collect(Collectors.joining(", ", " implements ", ""));
      lines.add("type " + c.getName() + ": " + modifiers(c.getModifiers()) + kind(c) + supers);
      for (JavaMember m : c.getMembers()) {
        if (visible(m.getModifiers())
            && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
            && !m.getModifiers().contains(JavaModifier.BRIDGE)) {
          lines.add("member " + c.getName() + ": " + modifiers(m.getModifiers()) + signature(m));
        }
      }
    }
    return lines;
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static String kind(JavaClass c) {
    return c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
  }

  private static String modifiers(Set<JavaModifier> modifiers) {
    StringBuilder text = new StringBuilder();
    for (JavaModifier m : JavaModifier.values()) {
      if (modifiers.contains(m) && m != JavaModifier.SYNTHETIC && m != JavaModifier.BRIDGE) {
        text.append(m.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      }
    }
    return text.toString();
  }

  private static String signature(JavaMember m) {
    if (m instanceof JavaField f) {
      return f.getRawType().getName() + " " + f.getName();
    }
    JavaCodeUnit u = (JavaCodeUnit) m;
    String params =
        u.getRawParameterTypes().stream().map(JavaClass::getName).collect(Collectors.joining(", "));
    String throwsClause =
        u.getThrowsClause().getTypes().stream()
            .map(JavaClass::getName)
            .sorted()
            .collect(Collectors.joining(", "));
    return u.getRawReturnType().getName()
        + " "
        + u.getName()
        + "("
        + params
        + ")"
        + (throwsClause.isEmpty() ? "" : " throws " + throwsClause);
  }
}
