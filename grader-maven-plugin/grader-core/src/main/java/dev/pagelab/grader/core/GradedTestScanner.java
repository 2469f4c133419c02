package dev.pagelab.grader.core;

import java.util.ArrayList;
import java.util.Comparator;
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
 * with ASM, without loading them: the parent JVM never runs submitted or test code.
 */
public final class GradedTestScanner {
  /** The annotation's binary name; grader-api is not needed on the grader's classpath. */
  public static final String GRADED = "dev.pagelab.grader.api.Graded";

  private static final String GRADED_DESC = "Ldev/pagelab/grader/api/Graded;";
  private static final String DISPLAY_NAME_DESC = "Lorg/junit/jupiter/api/DisplayName;";

  private GradedTestScanner() {}

  /**
   * Returns the graded tests, sorted by id.
   *
   * @param tests the instructor's test files
   * @param exercise only tests of this exercise, or null for all
   * @throws GraderException if an annotation is malformed or a method name is graded twice
   *     (overloads) in one class
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
                + " cannot be read");
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
    found.sort(Comparator.comparing(GradedTest::id));
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
      if (!(exercise instanceof String) || ((String) exercise).isBlank()) {
        throw new GraderException(
            "@Graded on " + where + ": exercise is empty; write e.g. exercise = \"pagewalk\"");
      }
      if (!(points instanceof Integer) || (Integer) points < 1) {
        throw new GraderException(
            "@Graded on " + where + ": points = " + points + ", expected 1 or more");
      }
      return new GradedTest(
          className,
          method,
          parameters,
          (String) exercise,
          (Integer) points,
          graded.get("task") instanceof Integer task ? task : 0,
          (String) graded.getOrDefault("title", ""),
          (String) graded.getOrDefault("titleKo", ""),
          (String) graded.getOrDefault("visibility", "VISIBLE"),
          displayName,
          order);
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
            return new AnnotationVisitor(Opcodes.ASM9) {
              @Override
              public void visit(String n, Object value) {
                values.put(n, value);
              }

              @Override
              public void visitEnd() {
                method.displayName = String.valueOf(values.getOrDefault("value", ""));
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
