package dev.pagelab.sim.scenario;

import java.util.List;

/** The words of one line and a cursor over them, with helpers that build positioned errors. */
final class Line {
  private final String source;
  private final int number;
  private final String text;
  private final List<Token> tokens;
  private int next;

  Line(String source, int number, String text, List<Token> tokens) {
    this.source = source;
    this.number = number;
    this.text = text;
    this.tokens = tokens;
  }

  int number() {
    return number;
  }

  List<Token> tokens() {
    return tokens;
  }

  /** The position of a token. */
  Pos pos(Token token) {
    return new Pos(source, number, token.column());
  }

  /** The position just after the last character of the line, for "expected ..." errors. */
  Pos endPos() {
    return new Pos(source, number, text.stripTrailing().length() + 1);
  }

  boolean hasNext() {
    return next < tokens.size();
  }

  Token peek() {
    return hasNext() ? tokens.get(next) : null;
  }

  /** The next word; if the line ends, an error that names what was expected. */
  Token next(String expected, String hint) throws ScenarioException {
    if (!hasNext()) {
      throw new ScenarioException(endPos(), "expected " + expected, hint);
    }
    return tokens.get(next++);
  }

  /** The words not read yet; afterwards none are left. */
  List<Token> rest() {
    List<Token> rest = tokens.subList(next, tokens.size());
    next = tokens.size();
    return rest;
  }

  /** Fails if words are left. */
  void end(String hint) throws ScenarioException {
    if (hasNext()) {
      Token extra = peek();
      throw error(extra, "unexpected \"" + extra.text() + "\"", hint);
    }
  }

  ScenarioException error(Token at, String problem, String hint) {
    return new ScenarioException(pos(at), problem, hint);
  }
}
