package dev.pagelab.sim.cache;

/**
 * The simulated block device's request queue on the simulated clock: one request at a time, in
 * submission order (a single hardware queue of depth one, as {@code /dev/vda} with the {@code none}
 * scheduler behaves for one sequential reader). A request of {@code n} pages submitted at {@code t}
 * starts when the device is idle and completes {@link #latencyNanos()} plus {@code n} times {@link
 * #pageNanos()} later; {@code blk_mq_end_request} then ends every bio of it at once ({@code
 * mpage_read_end_io} unlocks its folios, {@code folio_end_writeback} ends their writeback), unless
 * {@link #configureCompletion} splits reads into bios that end as their pages arrive.
 *
 * <p>The default, {@link #DEFAULT_LATENCY_NANOS} per request and {@link #DEFAULT_PAGE_NANOS} per 4
 * KiB page (about 1 GB/s), is a virtio disk backed by an SSD; {@code Machine.disk().configure}
 * changes it.
 */
public final class Disk {
  /** The default latency of one request: 100 µs. */
  public static final long DEFAULT_LATENCY_NANOS = 100_000;

  /** The default transfer time of one 4 KiB page: 4 µs (about 1 GB/s). */
  public static final long DEFAULT_PAGE_NANOS = 4_000;

  private long latencyNanos = DEFAULT_LATENCY_NANOS;
  private long pageNanos = DEFAULT_PAGE_NANOS;

  /** {@code BIO_MAX_VECS}: the most folios one read bio holds (one bio_vec per folio). */
  public static final int BIO_MAX_VECS = 256;

  private long busyUntil;
  private long requests;
  private int bioMaxFolios;
  private long endReadNanos;
  private long wakeNanos;

  /** A disk with the default latency and bandwidth. */
  public Disk() {}

  /**
   * Sets the latency and the per-page transfer time.
   *
   * @param latency nanoseconds per request, 0 or more
   * @param perPage nanoseconds per 4 KiB page, 0 or more
   * @throws IllegalArgumentException naming the bad value
   */
  public void configure(long latency, long perPage) {
    if (latency < 0 || perPage < 0) {
      throw new IllegalArgumentException(
          "Disk.configure: latency " + latency + " ns, per page " + perPage + " ns: expected >= 0");
    }
    this.latencyNanos = latency;
    this.pageNanos = perPage;
  }

  /**
   * Sets how a read request completes, folio by folio. {@code ext4_mpage_readpages} puts at most
   * {@code bio_max_segs(nr_pages)} = {@link #BIO_MAX_VECS} folios in one bio, so a readahead window
   * of small folios is several bios; bio {@code k} of a request ends when its last page has moved
   * (the request streams). Its {@code bi_end_io} ({@code mpage_end_io}) then runs {@code
   * folio_end_read} on its folios one after another ({@code bio_for_each_folio_all}), each taking
   * {@code endRead}; a task asleep on a folio ({@code folio_wait_bit_common}) runs again {@code
   * wake} after that folio is unlocked ({@code try_to_wake_up} on another CPU). The kernel sources
   * fix none of the three times; 0, 0, 0 (the default) is the model where a request's folios are
   * all unlocked at its end and a woken task runs at once.
   *
   * @param bioFolios folios per bio, {@link #BIO_MAX_VECS} as ext4 does, or 0 for one bio per
   *     request
   * @param endRead nanoseconds {@code folio_end_read} takes per folio, 0 or more
   * @param wake nanoseconds from a folio's unlock to its waiter running, 0 or more
   * @throws IllegalArgumentException naming the bad value
   */
  public void configureCompletion(int bioFolios, long endRead, long wake) {
    if (bioFolios < 0 || endRead < 0 || wake < 0) {
      throw new IllegalArgumentException(
          "Disk.configureCompletion: bio folios "
              + bioFolios
              + ", end_read "
              + endRead
              + " ns, wake-up "
              + wake
              + " ns: expected >= 0");
    }
    this.bioMaxFolios = bioFolios;
    this.endReadNanos = endRead;
    this.wakeNanos = wake;
  }

  /** Folios per read bio; 0 for one bio per request. */
  public int bioMaxFolios() {
    return bioMaxFolios;
  }

  /** Nanoseconds {@code folio_end_read} takes for one folio of a completing bio. */
  public long endReadNanos() {
    return endReadNanos;
  }

  /** Nanoseconds from a folio's unlock until the task asleep on it runs. */
  public long wakeNanos() {
    return wakeNanos;
  }

  /**
   * Queues a read request of the folios whose sizes in pages are {@code folioPages} at {@code now},
   * split into bios of {@link #bioMaxFolios()} folios, and returns when each folio is unlocked: the
   * end of its bio plus its place in the bio's completion loop times {@link #endReadNanos()}.
   *
   * @param now the submission time
   * @param folioPages the pages of each folio, in file order (at least one)
   * @return the unlock time of each folio
   */
  public long[] submitRead(long now, int[] folioPages) {
    long pages = 0;
    for (int n : folioPages) {
      pages += n;
    }
    long start = Math.max(now, busyUntil) + latencyNanos;
    long done = submit(now, pages);
    long[] unlock = new long[folioPages.length];
    int per = bioMaxFolios == 0 ? folioPages.length : bioMaxFolios;
    long moved = 0;
    for (int first = 0; first < folioPages.length; first += per) {
      int last = Math.min(folioPages.length, first + per);
      for (int i = first; i < last; i++) {
        moved += folioPages[i];
      }
      long bioDone = last == folioPages.length ? done : start + moved * pageNanos;
      for (int i = first; i < last; i++) {
        unlock[i] = bioDone + (i - first + 1) * endReadNanos;
      }
    }
    return unlock;
  }

  /** Nanoseconds one request waits before its data moves. */
  public long latencyNanos() {
    return latencyNanos;
  }

  /** Nanoseconds one 4 KiB page takes to transfer. */
  public long pageNanos() {
    return pageNanos;
  }

  /** When the last request submitted so far completes (the device is idle from then on). */
  public long busyUntil() {
    return busyUntil;
  }

  /** Requests submitted so far. */
  public long requests() {
    return requests;
  }

  /**
   * Queues a request of {@code pages} pages at time {@code now}.
   *
   * @return the time it completes
   */
  public long submit(long now, long pages) {
    if (pages <= 0) {
      throw new IllegalArgumentException("Disk.submit: " + pages + " pages");
    }
    requests++;
    busyUntil = Math.max(now, busyUntil) + latencyNanos + pages * pageNanos;
    return busyUntil;
  }
}
