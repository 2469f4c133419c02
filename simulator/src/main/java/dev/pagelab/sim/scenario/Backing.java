package dev.pagelab.sim.scenario;

import java.util.Objects;

/** What a mapping maps: anonymous memory or a file. */
public sealed interface Backing permits Backing.Anon, Backing.File {
  /** Anonymous memory ({@code MAP_ANONYMOUS}): zero-filled on first touch. */
  record Anon() implements Backing {}

  /**
   * A file of the simulated file system, from a byte offset.
   *
   * @param path an absolute path, created earlier with the {@code file} statement
   * @param offset the file offset of the first mapped byte, a multiple of 4 KiB
   */
  record File(String path, long offset) implements Backing {
    /** Checks the path and the offset. */
    public File {
      Objects.requireNonNull(path, "path");
      if (offset < 0) {
        throw new IllegalArgumentException("Backing.File: negative offset " + offset);
      }
    }
  }

  /** The shared {@link Anon} value. */
  Backing ANON = new Anon();
}
