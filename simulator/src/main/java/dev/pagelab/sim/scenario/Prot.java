package dev.pagelab.sim.scenario;

/**
 * The protection of a mapping ({@code PROT_READ | PROT_WRITE | PROT_EXEC}), written {@code r},
 * {@code rw}, {@code rx}, {@code rwx}, {@code w}, {@code x}, {@code wx} or {@code none}.
 *
 * @param read {@code PROT_READ}
 * @param write {@code PROT_WRITE}
 * @param exec {@code PROT_EXEC}
 */
public record Prot(boolean read, boolean write, boolean exec) {
  /** {@code PROT_NONE}. */
  public static final Prot NONE = new Prot(false, false, false);

  /** {@code PROT_READ | PROT_WRITE}, the default of {@code mmap}. */
  public static final Prot RW = new Prot(true, true, false);

  /**
   * Reads a protection word.
   *
   * @param word {@code none} or the letters r, w, x in that order, each at most once
   * @return the protection, or null if the word is not one
   */
  public static Prot parse(String word) {
    if (word.equals("none")) {
      return NONE;
    }
    if (word.isEmpty() || !word.matches("r?w?x?")) {
      return null;
    }
    return new Prot(word.contains("r"), word.contains("w"), word.contains("x"));
  }

  /** The word that {@link #parse} reads back: {@code rw}, {@code none}, ... */
  public String word() {
    String s = (read ? "r" : "") + (write ? "w" : "") + (exec ? "x" : "");
    return s.isEmpty() ? "none" : s;
  }
}
