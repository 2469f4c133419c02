package dev.pagelab.grader.api;

/**
 * Failure messages in two languages. A test passes {@code Feedback.of(en, ko)} as an assertion's
 * message; an IDE shows both texts, and the grader's report shows the one in the report's language.
 *
 * <pre>{@code
 * assertEquals(expected, actual, Feedback.of(
 *     "level 3: the entry is not present, so the walk must fault here",
 *     "레벨 3: 엔트리가 없으므로(P=0) 여기서 페이지 폴트가 나야 합니다"));
 * }</pre>
 */
public final class Feedback {
  /** What separates the English text from the Korean one in a message. */
  public static final String KO_MARKER = "\n[ko] ";

  private Feedback() {}

  /** The message {@code en}, followed by {@link #KO_MARKER} and {@code ko}. */
  public static String of(String en, String ko) {
    return en + KO_MARKER + ko;
  }

  /**
   * The part of a message in the given language: {@code "ko"} for Korean, anything else for
   * English. A message made without {@link #of} is returned whole.
   */
  public static String select(String message, String language) {
    if (message == null) {
      return null;
    }
    int at = message.indexOf(KO_MARKER);
    if (at < 0) {
      return message;
    }
    String en = message.substring(0, at);
    String ko = message.substring(at + KO_MARKER.length());
    if ("ko".equals(language)) {
      return ko;
    }
    // JUnit appends its own text (" ==> expected: <1> but was: <2>") after the message, and so
    // after the Korean part: the English text keeps it too.
    int tail = ko.indexOf(" ==> ");
    return tail < 0 ? en : en + ko.substring(tail);
  }
}
