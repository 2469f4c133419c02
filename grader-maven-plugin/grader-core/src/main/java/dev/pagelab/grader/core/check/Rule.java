package dev.pagelab.grader.core.check;

/**
 * Why the static checks block a use or a declaration; the report explains each in Korean and
 * English, and {@link #hint()} says what to do instead unless the policy has a better hint.
 */
public enum Rule {
  /** A class or member that is not on the exercise's allow-list. */
  NOT_ALLOWED(
      "use only what the exercise's grader-policy.txt allows: java.lang basics, the collections,"
          + " Math, Objects, StringBuilder, String.format and the exercise's spi types",
      "과제의 grader-policy.txt가 허용하는 것만 쓰세요: java.lang 기본 클래스, 컬렉션, Math, Objects,"
          + " StringBuilder, String.format, 과제의 spi 타입"),
  /** A class the submission declares outside the exercise's package. */
  OUTSIDE_PACKAGE(
      "declare every class of your submission in the exercise's package, in its folder",
      "제출하는 모든 클래스는 과제의 패키지(그 폴더)에 선언하세요"),
  /** A class the submission declares with the name of a test class or a library class. */
  NAME_CLASH(
      "rename your class: a test of the grader has this name", "클래스 이름을 바꾸세요: 채점 테스트가 이 이름을 씁니다"),
  /** {@code System.exit}, {@code Runtime}, {@code Runtime.halt}, shutdown hooks. */
  EXIT(
      "return a result or throw an exception instead of ending the JVM",
      "JVM을 끝내지 말고 결과를 반환하거나 예외를 던지세요"),
  /** Threads, thread pools, timers, parallel streams and parallel array operations. */
  THREADS(
      "do the work on the calling thread: a loop, a sequential stream or Arrays.sort",
      "호출한 스레드에서 처리하세요: 반복문, 순차 스트림, Arrays.sort"),
  /** Starting or inspecting processes. */
  PROCESSES("compute the result in Java, in this method", "이 메서드 안에서 Java로 계산하세요"),
  /** Reflection, method handles, class objects beyond their names. */
  REFLECTION("call the methods and fields directly", "메서드와 필드를 직접 호출하세요"),
  /** Class loaders, service loaders, modules, native libraries. */
  CLASS_LOADING("refer to your classes by name in the code", "클래스는 코드에서 이름으로 직접 쓰세요"),
  /** Files, network, standard input, environment, system properties, redirecting output. */
  SYSTEM_ACCESS(
      "keep everything in memory and take inputs from the method's parameters; print with"
          + " System.out.println",
      "모든 것을 메모리에 두고 입력은 메서드의 매개변수로 받으세요; 출력은 System.out.println으로 하세요"),
  /** {@code sun.misc.Unsafe} and the JDK's internals. */
  UNSAFE("use the exercise's spi types and plain Java", "과제의 spi 타입과 일반 Java를 쓰세요"),
  /** A method declared {@code native}. */
  NATIVE("write the method in Java", "메서드를 Java로 작성하세요"),
  /** A {@code finalize()} method, which the JVM runs on a thread of its own. */
  FINALIZER(
      "remove finalize(); release what you hold where you stop using it",
      "finalize()를 지우고, 다 쓴 곳에서 바로 정리하세요"),
  /** Class-file content that Java source compiled by the grader never has. */
  BYTECODE("hand in Java source code compiled by the grader", "채점기가 컴파일하는 Java 소스 코드로 제출하세요");

  private final String hint;
  private final String hintKo;

  Rule(String hint, String hintKo) {
    this.hint = hint;
    this.hintKo = hintKo;
  }

  /** What to do instead, in English. */
  public String hint() {
    return hint;
  }

  /** What to do instead, in Korean. */
  public String hintKo() {
    return hintKo;
  }
}
