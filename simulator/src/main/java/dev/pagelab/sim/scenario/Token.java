package dev.pagelab.sim.scenario;

/**
 * One word of a scenario line.
 *
 * @param text the word, without quotes
 * @param column the 1-based column of its first character (the opening quote if quoted)
 * @param quoted true if it was written in double quotes
 */
record Token(String text, int column, boolean quoted) {
  /** The part after {@code key=} as its own token, at its own column. */
  Token valueAfter(int prefixLength) {
    return new Token(text.substring(prefixLength), column + prefixLength, false);
  }
}
