package dev.pagelab.sim.cache;

/**
 * The readahead state of one open file ({@code struct file_ra_state}) and the window arithmetic of
 * {@code mm/readahead.c} (Linux 6.18): {@code get_init_ra_size}, {@code get_next_ra_size}, {@code
 * page_cache_sync_ra}, {@code page_cache_async_ra} and the mmap read-around of {@code mm/filemap.c
 * do_sync_mmap_readahead}. The folios themselves are made by {@link PageCache#readaheadWindow}.
 */
public final class Readahead {
  /** {@code MMAP_LOTSAMISS}: after this many mmap misses read-around stops. */
  static final int MMAP_LOTSAMISS = 100;

  private final int raPages;
  long start;
  long size;
  long asyncSize;
  int order;
  int mmapMiss;
  long prevPos = -1;

  /**
   * A fresh state, as {@code file_ra_state_init} makes it when a file is opened.
   *
   * @param raPages {@code ra_pages}: {@code read_ahead_kb / 4}, doubled by {@code
   *     POSIX_FADV_SEQUENTIAL}
   */
  public Readahead(int raPages) {
    if (raPages < 0) {
      throw new IllegalArgumentException("Readahead: negative ra_pages " + raPages);
    }
    this.raPages = raPages;
  }

  /** {@code ra_pages}: the largest window. */
  public int raPages() {
    return raPages;
  }

  /** {@code get_init_ra_size}: the first window for a read of {@code size} pages. */
  static long initSize(long size, long max) {
    long newsize = Long.highestOneBit(Math.max(1, size));
    if (newsize < size) {
      newsize <<= 1;
    }
    if (newsize <= max / 32) {
      return newsize * 4;
    }
    if (newsize <= max / 4) {
      return newsize * 2;
    }
    return max;
  }

  /** {@code get_next_ra_size}: how the window grows on a sequential hit. */
  long nextSize(long max) {
    if (size < max / 16) {
      return 4 * size;
    }
    if (size <= max / 2) {
      return 2 * size;
    }
    return max;
  }
}
