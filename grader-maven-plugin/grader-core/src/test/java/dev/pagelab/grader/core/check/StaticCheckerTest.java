package dev.pagelab.grader.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.FixturesAccess;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.compile.Compilation;
import dev.pagelab.grader.core.compile.InMemoryCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaticCheckerTest {
  private static final Policy POLICY = FixturesAccess.demoPolicy();

  /** Compiles {@code student.Walker} with the body on line 3 (plus more classes) and checks it. */
  private static List<Violation> check(String body, String... more) throws GraderException {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("student.Walker", "package student;\npublic class Walker {\n" + body + "\n}\n");
    for (int i = 0; i < more.length; i += 2) {
      sources.put(more[i], more[i + 1]);
    }
    Compilation c =
        InMemoryCompiler.compile(
            FixturesAccess.sources(sources).files(), FixturesAccess.testLibraries(), Locale.ROOT);
    assertTrue(c.succeeded(), () -> c.errors().toString());
    return new StaticChecker(POLICY, FixturesAccess.testLibraries())
        .check(c.classes(), Set.of("student.WalkerTest"));
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
          int[] copy = counts.clone();
          StringBuilder sb = new StringBuilder().append(va).append(' ');
          String s = steps.stream().map(Step::toString).collect(java.util.stream.Collectors.joining(","));
          String f = String.format("%016x", va) + "%d".formatted(sb.length());
          for (Step step : steps) { s += step.level(); }
          try { Long.parseLong("x"); } catch (RuntimeException e) { s += e.getMessage(); }
          return Long.parseLong("1") + copy.length + s.length() + f.length() + Math.max(1, 2)
              + getClass().getSimpleName().length() + steps.hashCode() + NAMES.size();
        }
        """;
    assertEquals(List.of(), check(body));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "void f() { System.exit(0); }|EXIT",
        "void f() { Runtime.getRuntime().halt(1); }|EXIT",
        "void f() { new Thread(() -> {}).start(); }|THREADS",
        "long f() { return new java.util.ArrayList<Integer>().parallelStream().count(); }|THREADS",
        "long f() { return java.util.List.of(1).stream().parallel().count(); }|THREADS",
        "long f() { return java.util.stream.IntStream.range(0, 9).parallel().sum(); }|THREADS",
        "void f() { java.util.Arrays.parallelSort(new int[3]); }|THREADS",
        "void f() { java.util.Arrays.parallelSetAll(new int[3], i -> i); }|THREADS",
        "long f() { return java.util.stream.StreamSupport.stream(java.util.List.of(1).spliterator(), true).count(); }|THREADS",
        "void f() throws Exception { synchronized (this) { wait(); } }|THREADS",
        "void f() { java.util.concurrent.Executors.newSingleThreadExecutor(); }|THREADS",
        "void f() throws Exception { new ProcessBuilder(\"ls\").start(); }|PROCESSES",
        "void f() throws Exception { getClass().getDeclaredField(\"x\"); }|REFLECTION",
        "void f() throws Exception { Class.forName(\"a.B\"); }|CLASS_LOADING",
        "void f() throws Exception { getClass().getClassLoader(); }|CLASS_LOADING",
        "void f() { ClassLoader.getSystemClassLoader(); }|CLASS_LOADING",
        "void f() { java.lang.invoke.MethodHandles.lookup(); }|REFLECTION",
        "Object f() { return getClass().getResourceAsStream(\"WalkerTest.class\"); }|SYSTEM_ACCESS",
        "void f() throws Exception { java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\")); }|SYSTEM_ACCESS",
        "void f() throws Exception { new java.util.Formatter(\"Walker.class\", \"UTF-8\").format(\"x\").close(); }|SYSTEM_ACCESS",
        "void f() throws Exception { new java.io.PrintStream(\"out.txt\"); }|SYSTEM_ACCESS",
        "void f() throws Exception { new java.net.Socket(\"localhost\", 80); }|SYSTEM_ACCESS",
        "void f() { System.setOut(null); }|SYSTEM_ACCESS",
        "void f() { System.getenv(\"HOME\"); }|SYSTEM_ACCESS",
        "String f() { return System.getProperty(\"user.home\"); }|SYSTEM_ACCESS",
        "Long f() { return Long.getLong(\"user.home\"); }|SYSTEM_ACCESS",
        "Integer f() { return Integer.getInteger(\"x\"); }|SYSTEM_ACCESS",
        "boolean f() { return Boolean.getBoolean(\"x\"); }|SYSTEM_ACCESS",
        "java.util.function.IntConsumer f() { return System::exit; }|EXIT",
        "Object f() { return java.util.Optional.of(1).map(Object::getClass).map(Class::getClassLoader); }|CLASS_LOADING",
        "Object f() { return java.awt.Color.RED; }|SYSTEM_ACCESS",
        "Object f() { return new java.util.Random(); }|NOT_ALLOWED",
        "native void f();|NATIVE",
        "protected void finalize() { }|FINALIZER"
      })
  void eachUseOffTheListIsBlockedWithItsLine(String body, Rule expected) throws Exception {
    List<Violation> violations = check(body);
    assertTrue(
        violations.stream().anyMatch(v -> v.rule() == expected),
        "expected " + expected + " for `" + body + "` but got " + violations);
    assertTrue(
        violations.stream()
            .allMatch(
                v ->
                    v.location().equals("Walker.java:3")
                        || (expected == Rule.NATIVE && v.location().equals("Walker.java:2"))),
        () -> "every violation on line 3: " + violations);
  }

  @Test
  void aBlockedUseSaysWhatToUseInstead() throws Exception {
    List<Violation> formatter =
        check("void f() throws Exception { new java.util.Formatter(\"x\").close(); }");
    assertTrue(
        formatter.stream().anyMatch(v -> v.hint().equals("Use String.format.")),
        formatter::toString);
    List<Violation> sort = check("void f() { java.util.Arrays.parallelSort(new int[3]); }");
    assertEquals("Arrays.sort를 쓰세요.", sort.get(0).hintKo(), sort::toString);
    List<Violation> exit = check("void f() { System.exit(0); }");
    assertEquals(Rule.EXIT.hint(), exit.get(0).hint());
  }

  @Test
  void anInheritedMemberIsJudgedWhereItIsDeclared() throws Exception {
    List<Violation> v =
        check("long f() { return new java.util.ArrayList<Integer>().parallelStream().count(); }");
    assertTrue(
        v.get(0).target().contains("(declared in java.util.Collection)"), v.get(0)::toString);
    assertEquals(List.of(), check("int f() { return new StringBuilder(\"ab\").length(); }"));
  }

  @Test
  void aClassOfTheSubmissionOutsideItsPackageIsBlocked() throws Exception {
    List<Violation> v =
        check(
            "int f() { return picocli.Helper.x(); }",
            "picocli.Helper",
            "package picocli;\npublic class Helper { public static int x() { return 1; } }\n");
    assertEquals(
        List.of(Rule.OUTSIDE_PACKAGE),
        v.stream().map(Violation::rule).collect(Collectors.toList()),
        v::toString);
    assertTrue(v.get(0).target().contains("picocli.Helper"), v::toString);
  }

  @Test
  void aClassNamedLikeATestClassIsBlocked() throws Exception {
    List<Violation> v =
        check("", "student.WalkerTest", "package student;\npublic class WalkerTest {}\n");
    assertEquals(Rule.NAME_CLASH, v.get(0).rule(), v::toString);
    assertEquals("WalkerTest.java", v.get(0).file());
  }

  @Test
  void theExtendedClassMustBeOnTheListToo() throws Exception {
    List<Violation> v =
        check("", "student.Loader", "package student;\nclass Loader extends ClassLoader {\n}\n");
    assertEquals(Rule.CLASS_LOADING, v.get(0).rule(), v::toString);
    assertEquals("Loader.java:2", v.get(0).location());
  }

  @Test
  void theListNamesOnlyWhatExists() throws Exception {
    Policy typo =
        Policy.parse(
            "package a\nallow java.lang.Math maxx\nallow java.util.Lisst *\nallow java.lang.Long *\n",
            "typo");
    assertEquals(
        List.of("line 2: java.lang.Math has no member maxx", "line 3: no class java.util.Lisst"),
        new StaticChecker(typo, List.of()).unknownNames());
    assertEquals(
        List.of(), new StaticChecker(POLICY, FixturesAccess.testLibraries()).unknownNames());
  }
}
