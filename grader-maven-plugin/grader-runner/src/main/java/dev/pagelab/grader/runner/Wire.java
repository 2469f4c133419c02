package dev.pagelab.grader.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The line format between the forked runner and the grader: {@code <secret> TAB <kind> (TAB
 * <field>)*}, fields escaped so that a line never contains a raw tab or line break.
 */
public final class Wire {
  /** A test method started. Fields: test id. */
  public static final String STARTED = "STARTED";

  /** A test method ended. Fields: test id, {@link Outcome} name, message, captured output. */
  public static final String FINISHED = "FINISHED";

  /**
   * The runtime guard's state, sent once before any submission code runs. Fields: {@code on},
   * {@code off}, or {@code unavailable} and why (the fork then ends without running anything).
   */
  public static final String GUARD = "GUARD";

  /** The static initializer of a submission class starts. Fields: class name. */
  public static final String INIT = "INIT";

  /** Every submission class is initialised; the tests start. No fields. */
  public static final String READY = "READY";

  /** Every selected test has been run. No fields. */
  public static final String DONE = "DONE";

  /** How one test method ended, as the runner saw it. */
  public enum Outcome {
    /** Every invocation passed. */
    PASSED,
    /** An assertion or exception failed the test. */
    FAILED,
    /** The code under test is still a stub: it threw UnsupportedOperationException("TODO(..."). */
    NOT_STARTED,
    /** The test was disabled or an assumption aborted it. */
    SKIPPED,
    /** JUnit did not find the test method. */
    NOT_FOUND
  }

  /** One decoded line. */
  public record Message(String kind, List<String> fields) {
    /** A defensive copy. */
    public Message {
      fields = List.copyOf(fields);
    }

    /** The field at {@code index}, or the empty string if the line has fewer fields. */
    public String field(int index) {
      return index < fields.size() ? fields.get(index) : "";
    }
  }

  private Wire() {}

  /** Encodes one line (without its line break). */
  public static String encode(String secret, String kind, String... fields) {
    StringBuilder line = new StringBuilder(secret).append('\t').append(kind);
    for (String field : fields) {
      line.append('\t');
      escape(field == null ? "" : field, line);
    }
    return line.toString();
  }

  /** Decodes a line; empty if it does not start with the secret (stray output of the JVM). */
  public static Optional<Message> decode(String secret, String line) {
    if (!line.startsWith(secret + "\t")) {
      return Optional.empty();
    }
    String[] parts = line.substring(secret.length() + 1).split("\t", -1);
    List<String> fields = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      fields.add(unescape(parts[i]));
    }
    return Optional.of(new Message(parts[0], fields));
  }

  private static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      out.append(
          switch (next) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> next;
          });
    }
    return out.toString();
  }
}
