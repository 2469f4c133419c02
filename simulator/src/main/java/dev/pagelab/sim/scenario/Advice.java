package dev.pagelab.sim.scenario;

import java.util.Locale;

/**
 * The {@code madvise(2)} advice values a scenario may give, written in lower case without MADV_.
 */
public enum Advice {
  /** {@code MADV_NORMAL}. */
  NORMAL,
  /** {@code MADV_RANDOM}: no readahead. */
  RANDOM,
  /** {@code MADV_SEQUENTIAL}: aggressive readahead. */
  SEQUENTIAL,
  /** {@code MADV_WILLNEED}: read ahead now. */
  WILLNEED,
  /** {@code MADV_DONTNEED}: drop the pages; the next touch faults again. */
  DONTNEED,
  /** {@code MADV_FREE}: the pages may be reclaimed lazily. */
  FREE,
  /** {@code MADV_HUGEPAGE}: allow THP here. */
  HUGEPAGE,
  /** {@code MADV_NOHUGEPAGE}: no THP here. */
  NOHUGEPAGE,
  /** {@code MADV_COLD}: deactivate the pages. */
  COLD,
  /** {@code MADV_PAGEOUT}: reclaim the pages now. */
  PAGEOUT,
  /** {@code MADV_COLLAPSE}: make the range's aligned 2 MiB blocks huge pages now. */
  COLLAPSE;

  /** The scenario word, e.g. {@code dontneed}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
