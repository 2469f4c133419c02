package dev.pagelab.grader.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.FixturesAccess;
import dev.pagelab.grader.core.GraderException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaticCheckerTest {
  @TempDir Path tmp;

  private List<Violation> check(String pkg, String body) throws IOException, GraderException {
    String source = "package " + pkg + ";\npublic class Walker {\n" + body + "\n}\n";
    Path classes = FixturesAccess.compile(tmp, "c", Map.of(pkg + ".Walker", source), List.of());
    return new StaticChecker(StaticPolicy.DEFAULTS).check(classes);
  }

  @Test
  void ordinaryJavaPasses() throws Exception {
    String body =
        """
        enum Level { PML4, PDPT }
        record Step(int level, long entry) {}
        static final java.util.Map<Integer, String> NAMES = new java.util.TreeMap<>();
        long walk(long va, int mode) {
          assert va >= 0 : "negative " + va;
          java.util.List<Step> steps = new java.util.ArrayList<>();
          java.util.function.LongUnaryOperator mask = x -> x & 0x1ffL;
          steps.add(new Step(mode, mask.applyAsLong(va >>> 12)));
          Level l = Level.valueOf("PML4");
          switch (l) { case PML4 -> System.out.println("pml4 " + steps); default -> {} }
          System.err.printf("%x%n", va);
          int[] counts = new int[4];
          String s = steps.stream().map(Step::toString).collect(java.util.stream.Collectors.joining(","));
          return Long.parseLong("1") + counts.length + s.length() + Math.max(1, 2) + getClass().getSimpleName().length();
        }
        """;
    assertEquals(List.of(), check("student", body));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "void f() { System.exit(0); }|EXIT",
        "void f() { Runtime.getRuntime().halt(1); }|EXIT",
        "void f() { new Thread(() -> {}).start(); }|THREADS",
        "void f() { java.util.List.of(1).parallelStream().count(); }|THREADS",
        "void f() { java.util.concurrent.Executors.newSingleThreadExecutor(); }|THREADS",
        "void f() throws Exception { new ProcessBuilder(\"ls\").start(); }|PROCESSES",
        "void f() throws Exception { getClass().getDeclaredField(\"x\"); }|REFLECTION",
        "void f() throws Exception { Class.forName(\"a.B\"); }|CLASS_LOADING",
        "void f() throws Exception { getClass().getClassLoader(); }|REFLECTION",
        "void f() { ClassLoader.getSystemClassLoader(); }|CLASS_LOADING",
        "void f() { java.lang.invoke.MethodHandles.lookup(); }|REFLECTION",
        "void f() throws Exception { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); }|SYSTEM_ACCESS",
        "void f() throws Exception { new java.io.PrintStream(\"out.txt\"); }|SYSTEM_ACCESS",
        "void f() throws Exception { new java.net.Socket(\"localhost\", 80); }|SYSTEM_ACCESS",
        "void f() { System.setOut(null); }|SYSTEM_ACCESS",
        "void f() { System.getenv(\"HOME\"); }|SYSTEM_ACCESS",
        "java.util.function.IntConsumer f() { return System::exit; }|EXIT",
        "void f() { java.util.Optional.of(1).map(Object::getClass).map(Class::getClassLoader); }|REFLECTION",
        "Object f() { return java.awt.Color.RED; }|PACKAGE_NOT_ALLOWED"
      })
  void eachForbiddenUseIsCaught(String body, Rule expected) throws Exception {
    List<Violation> violations = check("student", body);
    assertTrue(
        violations.stream().anyMatch(v -> v.rule() == expected),
        "expected " + expected + " for `" + body + "` but got " + violations);
    assertTrue(
        violations.stream().allMatch(v -> v.location().startsWith("Walker.java:")),
        violations::toString);
  }

  @ParameterizedTest
  @CsvSource({
    "dev.pagelab.grader",
    "dev.pagelab.grader.runner",
    "org.junit",
    "org.junit.jupiter.api",
    "dev.pagelab.sim.paging"
  })
  void aClassInAReservedPackageIsCaught(String pkg) throws Exception {
    List<Violation> violations = check(pkg, "int x;");
    assertEquals(
        List.of(Rule.RESERVED_PACKAGE),
        violations.stream().map(Violation::rule).distinct().collect(Collectors.toList()));
  }

  @Test
  void aMissingDirectoryIsAOneLineError() {
    GraderException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            GraderException.class,
            () -> new StaticChecker(StaticPolicy.DEFAULTS).check(tmp.resolve("none")));
    assertTrue(
        e.getMessage().contains("none") && e.getMessage().contains("compile"), e.getMessage());
  }
}
