package dev.pagelab.grader.core.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks a submission's class files against an exercise's {@link Policy}, reading every instruction
 * with ASM (nothing is loaded), and returns every violation, sorted, with file and line:
 *
 * <ul>
 *   <li>every class named anywhere (supertypes, signatures, annotations, {@code new}, casts, {@code
 *       instanceof}, class literals, caught exceptions, lambdas) is the submission's own or has a
 *       line in the policy;
 *   <li>every field, method and constructor used is allowed by the policy line of the class that
 *       declares it (see {@link Policy});
 *   <li>every class is in the exercise's package and has no name of a test or library class; no
 *       method is {@code native}, none is {@code finalize()};
 *   <li>only the {@code invokedynamic} uses javac makes (lambdas, string concatenation, records)
 *       occur.
 * </ul>
 */
public final class StaticChecker {
  private static final Set<String> BOOTSTRAPS =
      Set.of(
          "java/lang/invoke/LambdaMetafactory#metafactory",
          "java/lang/invoke/LambdaMetafactory#altMetafactory",
          "java/lang/invoke/StringConcatFactory#makeConcatWithConstants",
          "java/lang/invoke/StringConcatFactory#makeConcat",
          "java/lang/runtime/ObjectMethods#bootstrap");

  private final Policy policy;
  private final List<Path> libraries;

  /**
   * A checker.
   *
   * @param policy the exercise's policy
   * @param libraries the classpath the submission compiles against, to resolve members of library
   *     classes (the JDK's come from the running JVM)
   */
  public StaticChecker(Policy policy, List<Path> libraries) {
    this.policy = policy;
    this.libraries = List.copyOf(libraries);
  }

  /**
   * Checks the classes.
   *
   * @param classes binary name (as the submission calls it) to class file
   * @param reservedNames class names the submission may not declare: the tests' and the libraries'
   *     classes of the exercise's package
   */
  public List<Violation> check(Map<String, byte[]> classes, Collection<String> reservedNames) {
    SortedSet<Violation> found = new TreeSet<>();
    Map<String, ClassInfo> own = new HashMap<>();
    Map<String, ClassReader> readers = new HashMap<>();
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      try {
        ClassReader reader = new ClassReader(e.getValue());
        Declared info = new Declared();
        reader.accept(info, ClassReader.SKIP_CODE);
        own.put(info.name(), info);
        readers.put(info.name(), reader);
        if (!info.name().equals(e.getKey())) {
          found.add(new Violation(e.getKey(), Rule.BYTECODE, "holds class " + info.name()));
        }
      } catch (RuntimeException ex) {
        found.add(new Violation(e.getKey(), Rule.BYTECODE, "not a class file the JVM can read"));
      }
    }
    Set<String> reserved = new HashSet<>(reservedNames);
    try (Hierarchy hierarchy = new Hierarchy(own, libraries)) {
      for (Map.Entry<String, ClassReader> e : readers.entrySet()) {
        ClassScan scan = new ClassScan(hierarchy, found);
        e.getValue().accept(scan, 0);
        scan.declarations((Declared) own.get(e.getKey()), reserved);
      }
    }
    return List.copyOf(found);
  }

  /** The names of the classes in a policy that do not exist, or members that none of them has. */
  public List<String> unknownNames() {
    List<String> unknown = new ArrayList<>();
    try (Hierarchy hierarchy = new Hierarchy(Map.of(), libraries)) {
      for (Policy.Entry e : policy.entries().values()) {
        if (hierarchy.info(e.className()).isEmpty()) {
          unknown.add("line " + e.line() + ": no class " + e.className());
          continue;
        }
        for (String m : e.members()) {
          if (!m.equals(Policy.CONSTRUCTOR) && !hierarchy.hasMember(e.className(), m)) {
            unknown.add("line " + e.line() + ": " + e.className() + " has no member " + m);
          }
        }
      }
    }
    return unknown;
  }

  /** What a submission class declares: name, supertypes, fields and methods. */
  private static final class Declared extends ClassVisitor implements ClassInfo {
    private String name;
    private String superName;
    private List<String> interfaces = List.of();
    private int access;
    private String sourceFile;
    private final Set<String> fields = new HashSet<>();
    private final Set<String> methods = new HashSet<>();

    Declared() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] ifs) {
      this.name = Type.getObjectType(name).getClassName();
      this.superName = superName == null ? null : Type.getObjectType(superName).getClassName();
      this.interfaces = new ArrayList<>();
      for (String i : ifs == null ? new String[0] : ifs) {
        interfaces.add(Type.getObjectType(i).getClassName());
      }
      this.access = access;
    }

    @Override
    public void visitSource(String source, String debug) {
      this.sourceFile = source;
    }

    @Override
    public FieldVisitor visitField(int a, String n, String d, String s, Object v) {
      fields.add(n);
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) {
      methods.add(n + ClassInfo.parameters(d));
      return null;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String superName() {
      return (access & Opcodes.ACC_INTERFACE) != 0 ? null : superName;
    }

    @Override
    public List<String> interfaces() {
      return interfaces;
    }

    @Override
    public boolean isInterface() {
      return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    @Override
    public boolean isPublic() {
      return (access & Opcodes.ACC_PUBLIC) != 0;
    }

    @Override
    public boolean declares(String member, String descriptor, boolean field) {
      return field
          ? fields.contains(member)
          : methods.contains(member + ClassInfo.parameters(descriptor));
    }

    String file() {
      if (sourceFile != null) {
        return sourceFile;
      }
      String simple = name.substring(name.lastIndexOf('.') + 1);
      int dollar = simple.indexOf('$');
      return (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java";
    }
  }

  /** Visits one class's declarations and code and records what the policy does not allow. */
  private final class ClassScan extends ClassVisitor {
    private final Hierarchy hierarchy;
    private final Set<Violation> found;
    private String file = "?";
    private int firstLine;
    private final List<Runnable> declarationChecks = new ArrayList<>();

    ClassScan(Hierarchy hierarchy, Set<Violation> found) {
      super(Opcodes.ASM9);
      this.hierarchy = hierarchy;
      this.found = found;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] ifs) {
      if (superName != null) {
        declarationChecks.add(() -> type(Type.getObjectType(superName), firstLine));
      }
      for (String i : ifs == null ? new String[0] : ifs) {
        declarationChecks.add(() -> type(Type.getObjectType(i), firstLine));
      }
    }

    @Override
    public void visitSource(String source, String debug) {
      if (source != null) {
        file = source;
      }
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      declarationChecks.add(() -> type(Type.getType(descriptor), firstLine));
      return null;
    }

    @Override
    public FieldVisitor visitField(int a, String n, String d, String s, Object v) {
      declarationChecks.add(() -> type(Type.getType(d), firstLine));
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
          declarationChecks.add(() -> type(Type.getType(descriptor), firstLine));
          return null;
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      return new CodeScan(access, name, descriptor, exceptions);
    }

    /** Checks the class's own declarations, with the line of its first code if it has one. */
    void declarations(Declared info, Set<String> reserved) {
      file = info.file();
      declarationChecks.forEach(Runnable::run);
      String name = info.name();
      String pkg = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
      if (!pkg.equals(policy.exercisePackage())) {
        add(firstLine, Rule.OUTSIDE_PACKAGE, name + " is in package '" + pkg + "'", null);
      }
      if (reserved.contains(name)) {
        add(firstLine, Rule.NAME_CLASH, name, null);
      }
    }

    private void add(int line, Rule rule, String target, Policy.Hint hint) {
      String where = line > 0 ? file + ":" + line : file;
      found.add(
          new Violation(
              where,
              rule,
              target,
              hint == null ? null : hint.en(),
              hint == null ? null : hint.ko()));
    }

    /** Checks a type: primitives, the submission's classes and the policy's are fine. */
    void type(Type t, int line) {
      Type base = t.getSort() == Type.ARRAY ? t.getElementType() : t;
      if (base.getSort() == Type.METHOD) {
        type(base.getReturnType(), line);
        for (Type arg : base.getArgumentTypes()) {
          type(arg, line);
        }
        return;
      }
      if (base.getSort() != Type.OBJECT) {
        return;
      }
      String name = base.getClassName();
      if (!hierarchy.isOwn(name) && !policy.allowsType(name)) {
        add(line, Categories.of(name, null), name, policy.hint(name, null).orElse(null));
      }
    }

    /** Checks a field, method or constructor use through {@code owner}. */
    void member(String owner, String name, String descriptor, boolean field, int line) {
      Type ownerType = Type.getObjectType(owner);
      if (ownerType.getSort() == Type.ARRAY) {
        type(ownerType, line);
        if (name.equals("clone")) {
          return;
        }
        owner = "java/lang/Object";
      }
      String cls = Type.getObjectType(owner).getClassName();
      String member = name.equals("<init>") ? Policy.CONSTRUCTOR : name;
      if (!hierarchy.isOwn(cls) && !policy.allowsType(cls)) {
        block(cls, cls, member, descriptor, field, line);
        return;
      }
      type(field ? Type.getType(descriptor) : Type.getMethodType(descriptor), line);
      if (name.equals("<init>")) {
        if (!hierarchy.isOwn(cls) && !allows(cls, cls, member)) {
          block(cls, cls, member, descriptor, field, line);
        }
        return;
      }
      Optional<Hierarchy.Resolved> r = hierarchy.resolve(cls, name, descriptor, field);
      if (r.isPresent() && hierarchy.isOwn(r.get().declaring().name())) {
        return;
      }
      String judged = r.map(x -> x.judged().name()).orElse(cls);
      if (!allows(cls, judged, member)) {
        String declaring = r.map(x -> x.declaring().name()).orElse(cls);
        block(cls, declaring, member, descriptor, field, line);
      }
    }

    /**
     * The judged class's line allows it, or the named class's line names it; no line excludes it.
     */
    private boolean allows(String named, String judged, String member) {
      Optional<Policy.Entry> j = policy.entry(judged);
      Optional<Policy.Entry> n = policy.entry(named);
      boolean excluded =
          j.map(e -> e.excluded().contains(member)).orElse(false)
              || n.map(e -> e.excluded().contains(member)).orElse(false);
      boolean allowed =
          j.map(e -> e.allows(member)).orElse(false)
              || n.map(e -> e.members().contains(member)).orElse(false);
      return allowed && !excluded;
    }

    private void block(
        String named, String declaring, String member, String desc, boolean field, int line) {
      String shown = member.equals(Policy.CONSTRUCTOR) ? "new " + named : named + "." + member;
      if (!field) {
        StringBuilder params = new StringBuilder("(");
        for (Type a : Type.getArgumentTypes(desc)) {
          params.append(params.length() > 1 ? ", " : "").append(a.getClassName());
        }
        shown += params.append(')');
      }
      if (!declaring.equals(named)) {
        shown += " (declared in " + declaring + ")";
      }
      Optional<Policy.Hint> hint =
          policy.hint(declaring, member).or(() -> policy.hint(named, member));
      add(line, Categories.of(declaring, member), shown, hint.orElse(null));
    }

    /** Visits one method: its signature, annotations and every instruction, with lines. */
    private final class CodeScan extends MethodVisitor {
      private final int access;
      private final String name;
      private final String descriptor;
      private final String[] exceptions;
      private int line;
      private int methodFirstLine;
      private final List<String> caught = new ArrayList<>();
      private final List<String> annotations = new ArrayList<>();

      CodeScan(int access, String name, String descriptor, String[] exceptions) {
        super(Opcodes.ASM9);
        this.access = access;
        this.name = name;
        this.descriptor = descriptor;
        this.exceptions = exceptions;
      }

      @Override
      public void visitLineNumber(int l, Label start) {
        line = l;
        if (methodFirstLine == 0 || l < methodFirstLine) {
          methodFirstLine = l;
        }
        if (firstLine == 0 || l < firstLine) {
          firstLine = l;
        }
      }

      @Override
      public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
        annotations.add(desc);
        return null;
      }

      @Override
      public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean v) {
        annotations.add(desc);
        return null;
      }

      @Override
      public void visitTypeInsn(int opcode, String type) {
        type(Type.getObjectType(type), line);
      }

      @Override
      public void visitFieldInsn(int opcode, String owner, String n, String desc) {
        member(owner, n, desc, true, line);
      }

      @Override
      public void visitMethodInsn(int opcode, String owner, String n, String desc, boolean itf) {
        member(owner, n, desc, false, line);
      }

      @Override
      public void visitInvokeDynamicInsn(String n, String desc, Handle bsm, Object... args) {
        type(Type.getMethodType(desc), line);
        if (!BOOTSTRAPS.contains(bsm.getOwner() + "#" + bsm.getName())) {
          add(
              line,
              Rule.BYTECODE,
              "invokedynamic with " + bsm.getOwner() + "." + bsm.getName(),
              null);
          return;
        }
        for (Object arg : args) {
          constant(arg);
        }
      }

      @Override
      public void visitLdcInsn(Object value) {
        constant(value);
      }

      private void constant(Object value) {
        if (value instanceof Type t) {
          type(t, line);
        } else if (value instanceof Handle h) {
          boolean field = h.getTag() <= Opcodes.H_PUTSTATIC;
          member(h.getOwner(), h.getName(), h.getDesc(), field, line);
        } else if (value instanceof ConstantDynamic) {
          add(line, Rule.BYTECODE, "a dynamic constant", null);
        }
      }

      @Override
      public void visitMultiANewArrayInsn(String desc, int dims) {
        type(Type.getType(desc), line);
      }

      @Override
      public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (type != null) {
          caught.add(type);
        }
      }

      @Override
      public void visitEnd() {
        if (methodFirstLine > 0) {
          declared(methodFirstLine);
        } else {
          declarationChecks.add(() -> declared(firstLine));
        }
      }

      /** Checks the method's signature and modifiers, reported at {@code at}. */
      private void declared(int at) {
        type(Type.getMethodType(descriptor), at);
        for (String e : exceptions == null ? new String[0] : exceptions) {
          type(Type.getObjectType(e), at);
        }
        caught.forEach(t -> type(Type.getObjectType(t), at));
        annotations.forEach(a -> type(Type.getType(a), at));
        if ((access & Opcodes.ACC_NATIVE) != 0) {
          add(at, Rule.NATIVE, "native " + name, null);
        }
        boolean finalizer = name.equals("finalize") && descriptor.equals("()V");
        if (finalizer && (access & Opcodes.ACC_STATIC) == 0) {
          add(at, Rule.FINALIZER, "finalize()", null);
        }
      }
    }
  }
}
