package dev.pagelab.grader.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the student's {@code System.out} and {@code System.err} go: keeps the first {@code cap}
 * bytes of each test's output and counts the rest, so printing 100 MB costs time, not memory.
 */
final class CappedOutput extends OutputStream {
  private final int cap;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long dropped;

  CappedOutput(int cap) {
    this.cap = cap;
  }

  @Override
  public synchronized void write(int b) {
    if (kept.size() < cap) {
      kept.write(b);
    } else {
      dropped++;
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int room = Math.max(0, Math.min(length, cap - kept.size()));
    kept.write(bytes, offset, room);
    dropped += length - room;
  }

  /** Returns the output kept since the last call, with a note of what was dropped, and resets. */
  synchronized String take() {
    String text = kept.toString(StandardCharsets.UTF_8);
    if (dropped > 0) {
      text +=
          "\n[grader: " + dropped + " more bytes of output were dropped; the cap is " + cap + "]";
    }
    kept.reset();
    dropped = 0;
    return text;
  }
}
