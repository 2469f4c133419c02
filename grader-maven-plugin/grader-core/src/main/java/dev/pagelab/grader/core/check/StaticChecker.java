package dev.pagelab.grader.core.check;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.pagelab.grader.core.GraderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks the class files of the student's code against a {@link StaticPolicy} and the fixed list of
 * what no submission may use, and returns every violation, sorted, with file and line.
 */
public final class StaticChecker {
  private static final List<String> RESERVED_PACKAGES =
      List.of(
          "dev.pagelab.grader..",
          "dev.pagelab.sim..",
          "org.junit..",
          "org.opentest4j..",
          "org.apiguardian..",
          "java..",
          "javax..",
          "jdk..",
          "sun..",
          "com.sun..");

  private static final Map<String, Rule> FORBIDDEN_CLASSES =
      Map.ofEntries(
          Map.entry("java.lang.Runtime", Rule.EXIT),
          Map.entry("java.lang.Thread", Rule.THREADS),
          Map.entry("java.lang.ThreadGroup", Rule.THREADS),
          Map.entry("java.lang.InheritableThreadLocal", Rule.THREADS),
          Map.entry("java.util.Timer", Rule.THREADS),
          Map.entry("java.util.TimerTask", Rule.THREADS),
          Map.entry("java.lang.Process", Rule.PROCESSES),
          Map.entry("java.lang.ProcessBuilder", Rule.PROCESSES),
          Map.entry("java.lang.ProcessHandle", Rule.PROCESSES),
          Map.entry("java.lang.ClassLoader", Rule.CLASS_LOADING),
          Map.entry("java.lang.Module", Rule.CLASS_LOADING),
          Map.entry("java.lang.ModuleLayer", Rule.CLASS_LOADING),
          Map.entry("java.lang.Package", Rule.CLASS_LOADING),
          Map.entry("java.util.ServiceLoader", Rule.CLASS_LOADING),
          Map.entry("java.lang.StackWalker", Rule.REFLECTION),
          Map.entry("java.lang.ClassValue", Rule.REFLECTION),
          Map.entry("java.lang.SecurityManager", Rule.SYSTEM_ACCESS));

  private static final Set<String> SYSTEM_ALLOWED =
      Set.of(
          "out",
          "err",
          "currentTimeMillis",
          "nanoTime",
          "arraycopy",
          "identityHashCode",
          "lineSeparator");

  private static final Set<String> CLASS_ALLOWED =
      Set.of(
          "getName",
          "getSimpleName",
          "getTypeName",
          "getCanonicalName",
          "toString",
          "hashCode",
          "equals",
          "isInstance",
          "cast",
          "desiredAssertionStatus",
          "isArray",
          "isPrimitive",
          "isEnum",
          "isRecord",
          "isInterface",
          "getComponentType");

  private final StaticPolicy policy;

  /** A checker for one policy. */
  public StaticChecker(StaticPolicy policy) {
    this.policy = policy;
  }

  /**
   * Checks every class file under {@code classesDir}.
   *
   * @throws GraderException if the directory does not exist or holds no class
   */
  public List<Violation> check(Path classesDir) throws GraderException {
    JavaClasses classes = importClasses(classesDir);
    Set<String> own = classes.stream().map(JavaClass::getName).collect(Collectors.toSet());
    SortedSet<Violation> found = new TreeSet<>();
    for (JavaClass c : classes) {
      if (RESERVED_PACKAGES.stream()
          .anyMatch(p -> PackageMatcher.of(p).matches(c.getPackageName()))) {
        found.add(new Violation(c.getName(), Rule.RESERVED_PACKAGE, c.getPackageName()));
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        checkDependency(d, own, found);
      }
      for (JavaAccess<?> a : c.getAccessesFromSelf()) {
        checkAccess(a, found);
      }
    }
    return List.copyOf(found);
  }

  /** Imports the class files under a directory, without reading anything from the classpath. */
  public static JavaClasses importClasses(Path classesDir) throws GraderException {
    if (!Files.isDirectory(classesDir)) {
      throw new GraderException(
          "classes directory " + classesDir + " does not exist: compile the code first");
    }
    JavaClasses classes =
        ArchConfiguration.withThreadLocalScope(
            config -> {
              config.setResolveMissingDependenciesFromClassPath(false);
              return new ClassFileImporter().importPath(classesDir);
            });
    if (classes.isEmpty()) {
      throw new GraderException("classes directory " + classesDir + " holds no .class file");
    }
    return classes;
  }

  private void checkDependency(Dependency d, Set<String> own, Set<Violation> found) {
    JavaClass target = d.getTargetClass();
    if (target.isArray()) {
      target = target.getBaseComponentType();
    }
    String name = target.getName();
    if (target.isPrimitive() || own.contains(name)) {
      return;
    }
    Rule rule = forbiddenClassRule(name);
    if (rule == null && !allowedClass(name)) {
      rule = packageRule(target.getPackageName());
    }
    if (rule != null) {
      found.add(new Violation(where(d), rule, name));
    }
  }

  private void checkAccess(JavaAccess<?> a, Set<Violation> found) {
    String owner = a.getTargetOwner().getName();
    String member = a.getName();
    String target = a.getTarget().getFullName();
    Rule rule = null;
    if (owner.equals("java.lang.System") && !SYSTEM_ALLOWED.contains(member)) {
      rule = member.equals("exit") ? Rule.EXIT : Rule.SYSTEM_ACCESS;
    } else if (owner.equals("java.lang.Class") && !CLASS_ALLOWED.contains(member)) {
      rule = member.equals("forName") ? Rule.CLASS_LOADING : Rule.REFLECTION;
    } else if (owner.startsWith("java.util.")
        && (member.equals("parallel") || member.equals("parallelStream"))) {
      rule = Rule.THREADS;
    } else if (a instanceof JavaConstructorCall && policy.allowedClasses().contains(owner)) {
      rule = Rule.SYSTEM_ACCESS;
    }
    if (rule != null) {
      found.add(new Violation(where(a), rule, target));
    }
  }

  private static Rule forbiddenClassRule(String name) {
    for (Map.Entry<String, Rule> e : FORBIDDEN_CLASSES.entrySet()) {
      if (name.equals(e.getKey()) || name.startsWith(e.getKey() + "$")) {
        return e.getValue();
      }
    }
    return null;
  }

  private boolean allowedClass(String name) {
    return policy.allowedClasses().contains(name);
  }

  /** Null if the package is allowed, else the rule that best says why it is not. */
  private Rule packageRule(String pkg) {
    if (policy.allowedPackages().stream().anyMatch(p -> PackageMatcher.of(p).matches(pkg))) {
      return null;
    }
    if (pkg.startsWith("java.lang.reflect") || pkg.startsWith("java.lang.invoke")) {
      return Rule.REFLECTION;
    }
    if (pkg.startsWith("java.util.concurrent")) {
      return Rule.THREADS;
    }
    if (pkg.startsWith("java.io") || pkg.startsWith("java.nio") || pkg.startsWith("java.net")) {
      return Rule.SYSTEM_ACCESS;
    }
    if (pkg.startsWith("sun.") || pkg.startsWith("jdk.internal")) {
      return Rule.UNSAFE;
    }
    return Rule.PACKAGE_NOT_ALLOWED;
  }

  private static String where(HasSourceCodeLocation element) {
    var location = element.getSourceCodeLocation();
    return location.getSourceFileName() + ":" + location.getLineNumber();
  }
}
