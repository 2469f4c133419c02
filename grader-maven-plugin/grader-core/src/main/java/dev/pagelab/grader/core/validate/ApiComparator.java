package dev.pagelab.grader.core.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Compares the public API (public and protected types and members, with modifiers, supertypes and
 * signatures) of two sets of class files, read with ASM without loading them.
 */
public final class ApiComparator {
  private static final int VISIBLE = Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED;
  private static final int SHOWN =
      Opcodes.ACC_PUBLIC
          | Opcodes.ACC_PROTECTED
          | Opcodes.ACC_STATIC
          | Opcodes.ACC_FINAL
          | Opcodes.ACC_ABSTRACT
          | Opcodes.ACC_INTERFACE
          | Opcodes.ACC_ENUM;

  private ApiComparator() {}

  /**
   * Returns the differences, e.g. {@code only in the answer: member a.Walker: 1 int x()}; empty if
   * the APIs are equal.
   */
  public static List<String> differences(Map<String, byte[]> stub, Map<String, byte[]> answer) {
    SortedSet<String> stubApi = api(stub);
    SortedSet<String> answerApi = api(answer);
    List<String> diffs = new ArrayList<>();
    stubApi.stream()
        .filter(s -> !answerApi.contains(s))
        .forEach(s -> diffs.add("only in the stub: " + s));
    answerApi.stream()
        .filter(s -> !stubApi.contains(s))
        .forEach(s -> diffs.add("only in the answer: " + s));
    return diffs;
  }

  /** One line per visible type and member. */
  static SortedSet<String> api(Map<String, byte[]> classes) {
    SortedSet<String> lines = new TreeSet<>();
    for (byte[] bytes : classes.values()) {
      new ClassReader(bytes).accept(new Api(lines), ClassReader.SKIP_CODE);
    }
    return lines;
  }

  private static final class Api extends ClassVisitor {
    private final SortedSet<String> lines;
    private String name;
    private boolean visible;

    Api(SortedSet<String> lines) {
      super(Opcodes.ASM9);
      this.lines = lines;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] ifs) {
      this.name = Type.getObjectType(name).getClassName();
      this.visible = (access & VISIBLE) != 0;
      if (visible) {
        lines.add(
            "type "
                + this.name
                + ": "
                + modifiers(access)
                + " extends "
                + superName
                + " implements "
                + String.join(", ", ifs == null ? new String[0] : ifs));
      }
    }

    @Override
    public FieldVisitor visitField(int access, String n, String d, String s, Object v) {
      if (visible && (access & VISIBLE) != 0 && (access & Opcodes.ACC_SYNTHETIC) == 0) {
        lines.add(
            "member "
                + name
                + ": "
                + modifiers(access)
                + " "
                + Type.getType(d).getClassName()
                + " "
                + n);
      }
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
      boolean shown =
          visible
              && (access & VISIBLE) != 0
              && (access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0;
      if (shown) {
        List<String> params = new ArrayList<>();
        for (Type t : Type.getArgumentTypes(d)) {
          params.add(t.getClassName());
        }
        List<String> thrown = new ArrayList<>(List.of(e == null ? new String[0] : e));
        thrown.sort(null);
        lines.add(
            "member "
                + name
                + ": "
                + modifiers(access)
                + " "
                + Type.getReturnType(d).getClassName()
                + " "
                + n
                + "("
                + String.join(", ", params)
                + ")"
                + (thrown.isEmpty() ? "" : " throws " + String.join(", ", thrown)));
      }
      return null;
    }

    private static String modifiers(int access) {
      StringBuilder text = new StringBuilder();
      String[] names = {"public", "protected", "static", "final", "abstract", "interface", "enum"};
      int[] flags = {
        Opcodes.ACC_PUBLIC,
        Opcodes.ACC_PROTECTED,
        Opcodes.ACC_STATIC,
        Opcodes.ACC_FINAL,
        Opcodes.ACC_ABSTRACT,
        Opcodes.ACC_INTERFACE,
        Opcodes.ACC_ENUM
      };
      for (int i = 0; i < flags.length; i++) {
        if ((access & SHOWN & flags[i]) != 0) {
          text.append(text.length() == 0 ? "" : " ").append(names[i]);
        }
      }
      return text.toString();
    }
  }
}
