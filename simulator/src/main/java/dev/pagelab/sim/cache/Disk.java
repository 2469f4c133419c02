package dev.pagelab.sim.cache;

/**
 * The simulated block device's request queue on the simulated clock: one request at a time, in
 * submission order (a single hardware queue of depth one, as {@code /dev/vda} with the {@code none}
 * scheduler behaves for one sequential reader). A request of {@code n} pages submitted at {@code t}
 * starts when the device is idle and completes {@link #latencyNanos()} plus {@code n} times {@link
 * #pageNanos()} later; {@code blk_mq_end_request} then ends every bio of it at once ({@code
 * mpage_read_end_io} unlocks its folios, {@code folio_end_writeback} ends their writeback).
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
  private long busyUntil;
  private long requests;

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
