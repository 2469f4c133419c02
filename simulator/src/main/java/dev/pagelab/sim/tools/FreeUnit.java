package dev.pagelab.sim.tools;

/**
 * The unit options of {@code free}: each sets procps' {@code args.exponent} (0 = default KiB as
 * read, 1 = bytes, 2 = kilo, 3 = mega, ...) and, for the decimal ones, the {@code FREE_SI} flag
 * ({@code src/free.c main}).
 */
public enum FreeUnit {
  /** No unit option: the kB values as read (divided by 1000/1024 with {@code --si}). */
  DEFAULT(0, false),
  /** {@code -b, --bytes}. */
  BYTES(1, false),
  /** {@code -k, --kibi}. */
  KIBI(2, false),
  /** {@code -m, --mebi}. */
  MEBI(3, false),
  /** {@code -g, --gibi}. */
  GIBI(4, false),
  /** {@code --tebi}. */
  TEBI(5, false),
  /** {@code --pebi}. */
  PEBI(6, false),
  /** {@code --kilo}. */
  KILO(2, true),
  /** {@code --mega}. */
  MEGA(3, true),
  /** {@code --giga}. */
  GIGA(4, true),
  /** {@code --tera}. */
  TERA(5, true),
  /** {@code --peta}. */
  PETA(6, true);

  private final int exponent;
  private final boolean si;

  FreeUnit(int exponent, boolean si) {
    this.exponent = exponent;
    this.si = si;
  }

  /**
   * Returns procps' {@code args.exponent}.
   *
   * @return 0 for the default, 1 for bytes, 2 for kilo/kibi, ...
   */
  public int exponent() {
    return exponent;
  }

  /**
   * Tells whether the option implies {@code --si}.
   *
   * @return true for the decimal units
   */
  public boolean si() {
    return si;
  }
}
