package dev.pagelab.sim.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code key=value} words of one statement: checks that each key is known to the command and
 * given once, and keeps the value as a token at its own column.
 */
final class Options {
  private final Line line;
  private final String command;
  private final List<String> keys;
  private final String hint;
  private final Map<String, Token> values = new HashMap<>();
  private final Map<String, Token> words = new HashMap<>();

  /**
   * @param command the command's name, for errors
   * @param keys the keys it takes
   * @param hint the usage line printed with errors
   */
  Options(Line line, String command, List<String> keys, String hint) {
    this.line = line;
    this.command = command;
    this.keys = keys;
    this.hint = hint;
  }

  /**
   * Reads the rest of a statement that takes only {@code key=value} words; any other word is an
   * error.
   */
  static Options readAll(Line line, String command, List<String> keys, String hint)
      throws ScenarioException {
    Options o = new Options(line, command, keys, hint);
    while (line.hasNext()) {
      Token t = line.next("", null);
      if (!o.offer(t)) {
        throw line.error(t, "unexpected \"" + t.text() + "\"", hint);
      }
    }
    return o;
  }

  /**
   * The value token of a key the statement must give.
   *
   * @param expected what the error says is expected, e.g. {@code cpu=N}
   */
  Token required(String key, String expected) throws ScenarioException {
    Token v = values.get(key);
    if (v == null) {
      throw new ScenarioException(line.endPos(), "expected " + expected, hint);
    }
    return v;
  }

  /** Takes a {@code key=value} word; returns false (and takes nothing) for any other word. */
  boolean offer(Token t) throws ScenarioException {
    int eq = t.text().indexOf('=');
    if (t.quoted() || eq <= 0) {
      return false;
    }
    String key = t.text().substring(0, eq);
    if (!keys.contains(key)) {
      throw line.error(t, "unknown option \"" + key + "=\" for " + command, hint);
    }
    if (values.containsKey(key)) {
      throw line.error(
          t,
          "duplicate option \"" + key + "=\"",
          key + "= is already given at column " + words.get(key).column());
    }
    Token value = t.valueAfter(eq + 1);
    if (value.text().isEmpty()) {
      throw line.error(value, "missing value after \"" + key + "=\"", hint);
    }
    values.put(key, value);
    words.put(key, t);
    return true;
  }

  /** The value token of {@code key}, or null if it was not given. */
  Token value(String key) {
    return values.get(key);
  }

  /** The whole {@code key=value} token, or null if it was not given. */
  Token word(String key) {
    return words.get(key);
  }

  /**
   * Records a bare word of an exclusive group ({@code read|write|exec}); fails if the group already
   * has one.
   */
  void claim(String group, Token t) throws ScenarioException {
    Token earlier = words.get("#" + group);
    if (earlier != null) {
      String problem =
          earlier.text().equals(t.text())
              ? "duplicate " + group + " \"" + t.text() + "\""
              : group + " \"" + t.text() + "\" conflicts with \"" + earlier.text() + "\"";
      throw line.error(
          t, problem, "give one " + group + "; the first is at column " + earlier.column());
    }
    words.put("#" + group, t);
  }

  /** The word claimed for {@code group}, or null. */
  Token claimed(String group) {
    return words.get("#" + group);
  }
}
