package dev.pagelab.grader.core;

import dev.pagelab.grader.api.Visibility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Finds the {@code @Graded} test methods among the instructor's test files by reading class files
 * with ASM, without loading them: the parent JVM never runs submitted or test code. A class file
 * lists its methods in the order of the source (javac keeps it), so this also gives the order in
 * which the test's author wrote the tests.
 */
public final class GradedTestScanner {
  /** The annotation's binary name. */
  public static final String GRADED = "dev.pagelab.grader.api.Graded";

  private static final String GRADED_DESC = "Ldev/pagelab/grader/api/Graded;";

  /** JUnit's {@code @DisplayName}, read by name: JUnit is not on the grader's classpath. */
  private static final String DISPLAY_NAME_DESC = "Lorg/junit/jupiter/api/DisplayName;";

  private GradedTestScanner() {}

  /**
   * Returns the graded tests of a directory of compiled test classes, in {@link
   * GradedTest#REPORT_ORDER}.
   *
   * @param testClassesDir the compiled test classes
   * @param exercise only tests of this exercise, or null for all
   * @throws GraderException if the directory is missing or cannot be read, or as {@link
   *     #scan(TestBundle, String)}
   */
  public static List<GradedTest> scan(Path testClassesDir, String exercise) throws GraderException {
    return scan(TestBundle.read(List.of(testClassesDir)), exercise);
  }

  /**
   * Returns the graded tests in {@link GradedTest#REPORT_ORDER}: by exercise, task, public before
   * hidden, class, and the order the class declares its methods.
   *
   * @param tests the instructor's test files
   * @param exercise only tests of this exercise, or null for all
   * @throws GraderException if a class file cannot be read, an annotation is malformed, or a method
   *     name is graded twice (overloads) in one class
   */
  public static List<GradedTest> scan(TestBundle tests, String exercise) throws GraderException {
    List<GradedTest> found = new ArrayList<>();
    Map<String, GradedTest> byId = new HashMap<>();
    for (Map.Entry<String, byte[]> e : tests.classFiles().entrySet()) {
      Scan scan = new Scan();
      try {
        new ClassReader(e.getValue()).accept(scan, ClassReader.SKIP_CODE);
      } catch (RuntimeException ex) {
        throw new GraderException(
            "test class file "
                + e.getKey()
                + " in "
                + tests.origin(e.getKey())
                + " cannot be read: "
                + ex);
      }
      if (scan.isAbstract) {
        continue;
      }
      for (Found f : scan.found) {
        GradedTest t = f.test(scan.className);
        if (exercise != null && !exercise.equals(t.exercise())) {
          continue;
        }
        if (byId.put(t.id(), t) != null) {
          throw new GraderException(
              "test class "
                  + scan.className
                  + ": two @Graded methods are named "
                  + t.methodName()
                  + "; give each graded test its own name");
        }
        found.add(t);
      }
    }
    found.sort(GradedTest.REPORT_ORDER);
    return List.copyOf(found);
  }

  /** The values of one method's annotations. */
  private static final class Found {
    final String method;
    final List<String> parameters;
    final int order;
    final Map<String, Object> graded = new HashMap<>();
    String displayName = "";

    Found(String method, List<String> parameters, int order) {
      this.method = method;
      this.parameters = parameters;
      this.order = order;
    }

    GradedTest test(String className) throws GraderException {
      String where = className + "#" + method;
      Object exercise = graded.get("exercise");
      Object points = graded.getOrDefault("points", 1);
      Object task = graded.getOrDefault("task", 0);
      if (!(exercise instanceof String) || ((String) exercise).isBlank()) {
        throw new GraderException(
            "@Graded on " + where + ": exercise is empty; write e.g. exercise = \"pagewalk\"");
      }
      if (!(points instanceof Integer) || (Integer) points < 1) {
        throw new GraderException(
            "@Graded on " + where + ": points = " + points + ", expected 1 or more");
      }
      if (!(task instanceof Integer) || (Integer) task < 0) {
        throw new GraderException(
            "@Graded on " + where + ": task = " + task + ", expected the assignment's task number");
      }
      return new GradedTest(
          className,
          method,
          parameters,
          (String) exercise,
          (Integer) points,
          (Integer) task,
          text("title"),
          text("titleKo"),
          displayName,
          visibility(where),
          order);
    }

    private String text(String name) {
      return String.valueOf(graded.getOrDefault(name, "")).strip();
    }

    private Visibility visibility(String where) throws GraderException {
      String name = String.valueOf(graded.getOrDefault("visibility", Visibility.VISIBLE.name()));
      try {
        return Visibility.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new GraderException(
            "@Graded on "
                + where
                + ": visibility = "
                + name
                + ", expected one of "
                + Arrays.toString(Visibility.values()));
      }
    }
  }

  /** Collects a class's name and its graded methods. */
  private static final class Scan extends ClassVisitor {
    String className;
    boolean isAbstract;
    final List<Found> found = new ArrayList<>();
    private int methods;

    Scan() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] ifs) {
      className = Type.getObjectType(name).getClassName();
      isAbstract = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      List<String> parameters = new ArrayList<>();
      for (Type t : Type.getArgumentTypes(descriptor)) {
        parameters.add(t.getClassName());
      }
      Found method = new Found(name, parameters, methods++);
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          if (desc.equals(GRADED_DESC)) {
            found.add(method);
            return values(method.graded);
          }
          if (desc.equals(DISPLAY_NAME_DESC)) {
            Map<String, Object> values = new HashMap<>();
            return new AnnotationVisitor(Opcodes.ASM9, values(values)) {
              @Override
              public void visitEnd() {
                method.displayName = String.valueOf(values.getOrDefault("value", "")).strip();
              }
            };
          }
          return null;
        }
      };
    }

    private static AnnotationVisitor values(Map<String, Object> into) {
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String name, Object value) {
          into.put(name, value);
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
          into.put(name, value);
        }
      };
    }
  }
}
