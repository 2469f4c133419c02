package dev.pagelab.grader.core.fork;

import java.io.IOException;
import java.io.Reader;

/** Reads lines of at most {@code max} characters; the rest of a longer line is skipped. */
final class BoundedLines {
  private final Reader in;
  private final int max;

  BoundedLines(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  String next() throws IOException {
    StringBuilder line = new StringBuilder();
    int c = in.read();
    if (c < 0) {
      return null;
    }
    while (c >= 0 && c != '\n') {
      if (line.length() < max) {
        line.append((char) c);
      }
      c = in.read();
    }
    return line.toString();
  }
}
