package dev.pagelab.sim.phys;

import dev.pagelab.sim.phys.ZoneLayout.Zone;
import dev.pagelab.sim.phys.ZoneLayout.ZoneType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The reserves the page allocator keeps: {@code vm.min_free_kbytes}, each zone's min/low/high/promo
 * watermarks, its {@code lowmem_reserve} (the {@code protection:} line of {@code /proc/zoneinfo})
 * and {@code totalreserve_pages}, all in pages except {@link #minFreeKbytes}.
 *
 * <p>Follows {@code mm/page_alloc.c}: {@code calculate_min_free_kbytes}, {@code
 * __setup_per_zone_wmarks}, {@code setup_per_zone_lowmem_reserve}, {@code
 * calculate_totalreserve_pages} and {@code nr_free_zone_pages}, and {@code mm/khugepaged.c
 * set_recommended_min_free_kbytes}, in the order the kernel runs them at boot.
 *
 * @param minFreeKbytes {@code vm.min_free_kbytes}
 * @param zones one entry per zone, in kernel order
 * @param totalreservePages pages MemAvailable treats as unavailable ({@code totalreserve_pages})
 */
public record Watermarks(long minFreeKbytes, List<ZoneWatermarks> zones, long totalreservePages) {

  /**
   * Default {@code vm.watermark_scale_factor}: the low–min and high–low gaps are 0.1% of a zone.
   */
  public static final int DEFAULT_WATERMARK_SCALE_FACTOR = 10;

  /**
   * Default {@code vm.lowmem_reserve_ratio} per zone type (DMA, DMA32, Normal, Movable, Device).
   */
  public static final List<Integer> DEFAULT_LOWMEM_RESERVE_RATIO = List.of(256, 256, 32, 0, 0);

  private static final long PAGEBLOCK_NR_PAGES = 512; // pageblock_order 9 on x86-64
  private static final long MIGRATE_PCPTYPES = 3;
  private static final long SWAP_CLUSTER_MAX = 32;

  /**
   * One zone's reserves, as {@code /proc/zoneinfo} prints them.
   *
   * @param type the zone
   * @param min WMARK_MIN: below it only atomic and reclaiming allocations succeed
   * @param low WMARK_LOW: below it kswapd is woken
   * @param high WMARK_HIGH: kswapd sleeps again above it
   * @param promo WMARK_PROMO: the NUMA memory-tiering promotion mark
   * @param protection {@code lowmem_reserve[]}: pages this zone keeps back from an allocation that
   *     could have used zone {@code j} instead, one entry per zone type
   */
  public record ZoneWatermarks(
      ZoneType type, long min, long low, long high, long promo, List<Long> protection) {
    /** Copies the protection list. */
    public ZoneWatermarks {
      protection = List.copyOf(protection);
    }
  }

  /**
   * The sysctls that shape the reserves.
   *
   * @param watermarkScaleFactor {@code vm.watermark_scale_factor} (1..3000)
   * @param thpEnabled THP is {@code always} or {@code madvise}, so khugepaged runs and raises
   *     min_free_kbytes
   * @param userMinFreeKbytes a value written to {@code vm.min_free_kbytes}, or -1 for none
   * @param lowmemReserveRatio {@code vm.lowmem_reserve_ratio}, one entry per zone type
   */
  public record Settings(
      int watermarkScaleFactor,
      boolean thpEnabled,
      long userMinFreeKbytes,
      List<Integer> lowmemReserveRatio) {
    /** Checks the ranges the sysctl handlers enforce. */
    public Settings {
      lowmemReserveRatio = List.copyOf(lowmemReserveRatio);
      if (watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
        throw new IllegalArgumentException(
            "Settings: watermark_scale_factor must be 1..3000, got " + watermarkScaleFactor);
      }
      if (lowmemReserveRatio.size() != ZoneType.values().length) {
        throw new IllegalArgumentException(
            "Settings: lowmem_reserve_ratio needs one entry per zone, got " + lowmemReserveRatio);
      }
      if (userMinFreeKbytes < -1) {
        throw new IllegalArgumentException(
            "Settings: min_free_kbytes must be >= 0 (or -1 for unset), got " + userMinFreeKbytes);
      }
    }

    /** Kernel defaults, with THP on or off. */
    public static Settings defaults(boolean thpEnabled) {
      return new Settings(
          DEFAULT_WATERMARK_SCALE_FACTOR, thpEnabled, -1, DEFAULT_LOWMEM_RESERVE_RATIO);
    }
  }

  /** Checks one entry per zone type. */
  public Watermarks {
    zones = List.copyOf(zones);
    if (zones.size() != ZoneType.values().length) {
      throw new IllegalArgumentException("Watermarks: need one entry per zone, got " + zones);
    }
  }

  /**
   * The reserves after boot: {@code init_per_zone_wmark_min}, then (THP enabled) khugepaged's
   * {@code set_recommended_min_free_kbytes}, then a user-written {@code vm.min_free_kbytes}.
   */
  public static Watermarks compute(ZoneLayout layout, Settings settings) {
    long minFree = calculateMinFreeKbytes(nrFreeBufferPages(layout, null));
    Watermarks w = compute(layout, settings, minFree);
    if (settings.thpEnabled()) {
      long recommended = recommendedMinFreeKbytes(layout, nrFreeBufferPages(layout, w));
      if (recommended > minFree) {
        w = compute(layout, settings, recommended);
      }
    }
    if (settings.userMinFreeKbytes() >= 0) {
      w = compute(layout, settings, settings.userMinFreeKbytes());
    }
    return w;
  }

  /** The reserves for a given {@code min_free_kbytes} ({@code __setup_per_zone_wmarks} and co). */
  public static Watermarks compute(ZoneLayout layout, Settings settings, long minFreeKbytes) {
    long pagesMin = minFreeKbytes >> 2;
    long lowmemPages = 0;
    for (Zone z : layout.zones()) {
      if (z.type() != ZoneType.MOVABLE) { // x86-64 has no highmem
        lowmemPages += z.managedPages();
      }
    }
    if (lowmemPages == 0) {
      throw new IllegalArgumentException("compute: no managed lowmem pages in " + layout);
    }
    List<ZoneWatermarks> result = new ArrayList<>();
    long totalreserve = 0;
    for (Zone z : layout.zones()) {
      long share = multiplyDivide(pagesMin, z.managedPages(), lowmemPages);
      long min =
          z.type() == ZoneType.MOVABLE
              ? Math.min(Math.max(z.managedPages() / 1024, SWAP_CLUSTER_MAX), 128)
              : share;
      long gap =
          Math.max(share >> 2, multFrac(z.managedPages(), settings.watermarkScaleFactor(), 10000));
      List<Long> protection = lowmemReserve(layout, z.type(), settings.lowmemReserveRatio());
      ZoneWatermarks zw =
          new ZoneWatermarks(z.type(), min, min + gap, min + 2 * gap, min + 3 * gap, protection);
      result.add(zw);
      totalreserve += reservedPages(z, zw);
    }
    return new Watermarks(minFreeKbytes, result, totalreserve);
  }

  /** One zone's {@code lowmem_reserve[]} ({@code setup_per_zone_lowmem_reserve}). */
  private static List<Long> lowmemReserve(ZoneLayout layout, ZoneType type, List<Integer> ratios) {
    int i = type.ordinal();
    int ratio = ratios.get(i);
    boolean clear = ratio <= 0 || layout.zone(type).managedPages() == 0;
    List<Long> reserve = new ArrayList<>();
    long upperManaged = 0;
    for (int j = 0; j < layout.zones().size(); j++) {
      if (j <= i || i == layout.zones().size() - 1) {
        reserve.add(0L);
        continue;
      }
      upperManaged += layout.zones().get(j).managedPages();
      reserve.add(clear ? 0L : upperManaged / ratio);
    }
    return reserve;
  }

  /** This zone's share of {@code totalreserve_pages} ({@code calculate_totalreserve_pages}). */
  private static long reservedPages(Zone z, ZoneWatermarks zw) {
    long max = 0;
    for (int j = z.type().ordinal(); j < zw.protection().size(); j++) {
      max = Math.max(max, zw.protection().get(j));
    }
    return Math.min(max + zw.high(), z.managedPages());
  }

  /**
   * {@code calculate_min_free_kbytes}: {@code int_sqrt(lowmem_kbytes * 16)} clamped to 128..262144,
   * where lowmem_kbytes is {@code nr_free_buffer_pages()} in KiB.
   */
  public static long calculateMinFreeKbytes(long nrFreeBufferPages) {
    long lowmemKbytes = nrFreeBufferPages * (ZoneLayout.PAGE_SIZE >> 10);
    return Math.min(Math.max(intSqrt(lowmemKbytes * 16), 128), 262144);
  }

  /**
   * {@code set_recommended_min_free_kbytes}: two free pageblocks per populated zone up to Normal,
   * plus {@code MIGRATE_PCPTYPES^2} more for fallbacks, at most 5% of {@code nr_free_buffer_pages},
   * in KiB.
   */
  public static long recommendedMinFreeKbytes(ZoneLayout layout, long nrFreeBufferPages) {
    long nrZones = 0;
    for (Zone z : layout.zones()) {
      if (z.populated() && z.type().ordinal() <= ZoneType.NORMAL.ordinal()) {
        nrZones++;
      }
    }
    long recommended = PAGEBLOCK_NR_PAGES * nrZones * 2;
    recommended += PAGEBLOCK_NR_PAGES * nrZones * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
    recommended = Math.min(recommended, nrFreeBufferPages / 20);
    return recommended << 2;
  }

  /**
   * {@code nr_free_buffer_pages}: managed pages above the high watermark in zones DMA..Normal
   * ({@code nr_free_zone_pages(gfp_zone(GFP_USER))}); {@code current} null means no watermarks yet.
   */
  public static long nrFreeBufferPages(ZoneLayout layout, Watermarks current) {
    long sum = 0;
    for (Zone z : layout.zones()) {
      if (z.type().ordinal() > ZoneType.NORMAL.ordinal()) {
        continue;
      }
      long high = current == null ? 0 : current.zone(z.type()).high();
      sum += Math.max(0, z.managedPages() - high);
    }
    return sum;
  }

  /** The reserves of one zone. */
  public ZoneWatermarks zone(ZoneType type) {
    return zones.get(type.ordinal());
  }

  /** Sum of every zone's low watermark, as {@code si_mem_available} adds it up. */
  public long sumLowWatermarks() {
    return zones.stream().mapToLong(ZoneWatermarks::low).sum();
  }

  /** {@code int_sqrt}: the largest {@code r} with {@code r*r <= x}. */
  static long intSqrt(long x) {
    if (x < 0) {
      throw new IllegalArgumentException("intSqrt: negative argument " + x);
    }
    long r = (long) Math.sqrt((double) x);
    while (r > 0 && r > x / r) {
      r--; // r*r > x, compared without overflow
    }
    while (r + 1 <= x / (r + 1)) {
      r++;
    }
    return r;
  }

  /** {@code mult_frac(x, n, d)}: {@code x*n/d} without overflowing {@code x*n}. */
  static long multFrac(long x, long n, long d) {
    return (x / d) * n + ((x % d) * n) / d;
  }

  /** {@code (u64) a * b / c} as {@code do_div} computes it. */
  private static long multiplyDivide(long a, long b, long c) {
    return Math.multiplyHigh(a, b) == 0 && a * b >= 0
        ? a * b / c
        : BigInteger.valueOf(a)
            .multiply(BigInteger.valueOf(b))
            .divide(BigInteger.valueOf(c))
            .longValueExact();
  }
}
