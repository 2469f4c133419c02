package dev.pagelab.sim.tools;

/**
 * The numbers {@code free} prints, in kB, derived from meminfo the way one procps-ng release
 * derives them. Values are signed: procps keeps them in {@code unsigned long} but prints them with
 * {@code %ld}, so an impossible meminfo (e.g. MemFree above MemTotal) shows negative numbers.
 *
 * @param total MemTotal
 * @param used see {@link #of}
 * @param free MemFree
 * @param shared Shmem
 * @param buffers Buffers
 * @param cache Cached + SReclaimable
 * @param available MemAvailable after procps' fallbacks
 * @param swapTotal SwapTotal
 * @param swapUsed SwapTotal - SwapFree
 * @param swapFree SwapFree
 * @param lowTotal LowTotal (MemTotal when the kernel has no highmem)
 * @param lowUsed LowTotal - LowFree
 * @param lowFree LowFree (MemFree when the kernel has no highmem)
 * @param highTotal HighTotal
 * @param highUsed HighTotal - HighFree
 * @param highFree HighFree
 * @param commitLimit CommitLimit
 * @param committedAs Committed_AS
 */
public record FreeFigures(
    long total,
    long used,
    long free,
    long shared,
    long buffers,
    long cache,
    long available,
    long swapTotal,
    long swapUsed,
    long swapFree,
    long lowTotal,
    long lowUsed,
    long lowFree,
    long highTotal,
    long highUsed,
    long highFree,
    long commitLimit,
    long committedAs) {

  /**
   * Derives the figures as the given procps-ng release does.
   *
   * @param m the meminfo
   * @param o the options (version, {@code -v}, {@code vm.min_free_kbytes})
   * @return the figures
   * @throws InputException if a field that free needs is missing
   */
  public static FreeFigures of(MeminfoFile m, FreeOptions o) throws InputException {
    for (String f :
        new String[] {
          "MemTotal",
          "MemFree",
          "Buffers",
          "Cached",
          "SReclaimable",
          "Shmem",
          "SwapTotal",
          "SwapFree"
        }) {
      m.require(f, "free");
    }
    if (o.committed()) {
      m.require("CommitLimit", "free -v");
      m.require("Committed_AS", "free -v");
    }
    return o.version() == ProcpsVersion.V4_0_2 ? of402(m) : of3317(m, o);
  }

  /** Follows procps-ng 4.0.2 library/meminfo.c meminfo_read_failed. */
  private static FreeFigures of402(MeminfoFile m) {
    long total = m.getOrZero("MemTotal");
    long free = m.getOrZero("MemFree");
    long avail = m.getOrZero("MemAvailable");
    if (avail == 0) {
      avail = free;
    }
    if (avail > total) { // "symptomatic of running within a lxc container"
      avail = free;
    }
    long used = total - avail;
    if (used < 0) {
      used = total - free;
    }
    long swapTotal = m.getOrZero("SwapTotal");
    long swapFree = m.getOrZero("SwapFree");
    long lowTotal = m.getOrZero("LowTotal");
    long lowFree = m.getOrZero("LowFree");
    if (lowTotal == 0) {
      lowTotal = total;
      lowFree = free;
    }
    long highTotal = m.getOrZero("HighTotal");
    long highFree = m.getOrZero("HighFree");
    return new FreeFigures(
        total,
        used,
        free,
        m.getOrZero("Shmem"),
        m.getOrZero("Buffers"),
        m.getOrZero("Cached") + m.getOrZero("SReclaimable"),
        avail,
        swapTotal,
        swapFree < swapTotal ? swapTotal - swapFree : 0,
        swapFree,
        lowTotal,
        lowFree < lowTotal ? lowTotal - lowFree : 0,
        lowFree,
        highTotal,
        highFree < highTotal ? highTotal - highFree : 0,
        highFree,
        m.getOrZero("CommitLimit"),
        m.getOrZero("Committed_AS"));
  }

  /** Follows procps-ng 3.3.17 proc/sysinfo.c meminfo(). */
  private static FreeFigures of3317(MeminfoFile m, FreeOptions o) throws InputException {
    long total = m.getOrZero("MemTotal");
    long free = m.getOrZero("MemFree");
    long buffers = m.getOrZero("Buffers");
    long cached = m.getOrZero("Cached") + m.getOrZero("SReclaimable");
    long avail = m.getOrZero("MemAvailable");
    if (avail > total) {
      avail = free;
    }
    long used = total - free - cached - buffers;
    if (used < 0) {
      used = total - free;
    }
    if (avail == 0) {
      avail = estimateAvailable(m, o);
    }
    long lowTotal = m.getOrZero("LowTotal");
    long lowFree = m.getOrZero("LowFree");
    if (lowTotal == 0) {
      lowTotal = total;
      lowFree = free;
    }
    long highTotal = m.getOrZero("HighTotal");
    long highFree = m.getOrZero("HighFree");
    long swapTotal = m.getOrZero("SwapTotal");
    long swapFree = m.getOrZero("SwapFree");
    return new FreeFigures(
        total,
        used,
        free,
        m.getOrZero("Shmem"),
        buffers,
        cached,
        avail,
        swapTotal,
        swapTotal - swapFree,
        swapFree,
        lowTotal,
        lowTotal - lowFree,
        lowFree,
        highTotal,
        highTotal - highFree,
        highFree,
        m.getOrZero("CommitLimit"),
        m.getOrZero("Committed_AS"));
  }

  /**
   * procps-ng 3.3's own estimate for kernels without MemAvailable (2.6.27 to 3.13): the kernel's
   * si_mem_available with the low watermark taken as {@code min_free_kbytes * 5 / 4}.
   */
  private static long estimateAvailable(MeminfoFile m, FreeOptions o) throws InputException {
    if (o.minFreeKbytes().isEmpty()) {
      throw new InputException(
          m.source()
              + ": MemAvailable is missing or 0, so free 3.3 estimates it from"
              + " vm.min_free_kbytes, which was not given");
    }
    long watermarkLow = o.minFreeKbytes().getAsLong() * 5 / 4;
    long pageCache =
        m.require("Active(file)", "free 3.3") + m.require("Inactive(file)", "free 3.3");
    long slab = m.getOrZero("SReclaimable");
    long avail =
        m.getOrZero("MemFree")
            - watermarkLow
            + pageCache
            - Math.min(pageCache / 2, watermarkLow)
            + slab
            - Math.min(slab / 2, watermarkLow);
    return Math.max(avail, 0);
  }
}
