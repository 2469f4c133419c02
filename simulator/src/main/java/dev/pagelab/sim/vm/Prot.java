package dev.pagelab.sim.vm;

/**
 * Memory protection of a mapping ({@code PROT_READ | PROT_WRITE | PROT_EXEC}).
 *
 * @param read {@code PROT_READ}
 * @param write {@code PROT_WRITE}
 * @param exec {@code PROT_EXEC}
 */
public record Prot(boolean read, boolean write, boolean exec) {
  /** {@code PROT_NONE}. */
  public static final Prot NONE = new Prot(false, false, false);

  /** {@code PROT_READ}. */
  public static final Prot R = new Prot(true, false, false);

  /** {@code PROT_READ | PROT_WRITE}. */
  public static final Prot RW = new Prot(true, true, false);

  /** {@code PROT_READ | PROT_EXEC}. */
  public static final Prot RX = new Prot(true, false, true);

  /**
   * Parses {@code r}, {@code rw}, {@code rx}, {@code rwx}, {@code wx}, {@code x}, {@code w} or
   * {@code none}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Prot parse(String text) {
    if (text.equals("none")) {
      return NONE;
    }
    if (!text.matches("r?w?x?") || text.isEmpty()) {
      throw new IllegalArgumentException(
          "protection \"" + text + "\" is not one of r, rw, rx, rwx, w, wx, x, none");
    }
    return new Prot(text.contains("r"), text.contains("w"), text.contains("x"));
  }

  /** The three permission letters of {@code /proc/<pid>/maps}, e.g. {@code rw-}. */
  public String letters() {
    return (read ? "r" : "-") + (write ? "w" : "-") + (exec ? "x" : "-");
  }
}
