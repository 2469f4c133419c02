package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.Watermarks.Settings;
import dev.pagelab.sim.phys.Watermarks.ZoneWatermarks;
import dev.pagelab.sim.phys.ZoneLayout.ZoneType;
import dev.pagelab.sim.proc.ProcFormatException;
import dev.pagelab.sim.proc.ZoneinfoParser;
import dev.pagelab.sim.proc.ZoneinfoParser.ZoneStats;
import dev.pagelab.sim.truth.TruthFiles;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WatermarksTest {

  static Stream<String> zoneinfoFiles() {
    Stream<String> samples = TruthFiles.list("free", ".zoneinfo").stream().map(n -> "free/" + n);
    return Stream.concat(
        samples, Stream.of("env/zoneinfo_at_start.txt", "env/zoneinfo_at_end.txt"));
  }

  /** The truth machine's layout with every zone's managed pages as that zoneinfo recorded them. */
  static ZoneLayout layoutOf(List<ZoneStats> real) {
    ZoneLayout layout = ZoneLayout.x86_64(24L << 30);
    for (ZoneType t : ZoneType.values()) {
      layout = layout.withManagedPages(t, real.get(t.ordinal()).managed());
    }
    return layout;
  }

  static long sysctl(String name) {
    for (String line : TruthFiles.read("env/sysctl_vm.txt").split("\n")) {
      String[] kv = line.split(" = ");
      if (kv[0].equals(name)) {
        return Long.parseLong(kv[1].strip());
      }
    }
    throw new IllegalStateException("sysctl: no " + name + " in sysctl_vm.txt");
  }

  @ParameterizedTest
  @MethodSource("zoneinfoFiles")
  void bootComputationReproducesZoneinfo(String file) throws ProcFormatException {
    List<ZoneStats> real = ZoneinfoParser.parse(TruthFiles.read(file), file);
    Settings settings =
        new Settings(
            (int) sysctl("vm.watermark_scale_factor"),
            true, // THP madvise: khugepaged runs
            -1,
            Watermarks.DEFAULT_LOWMEM_RESERVE_RATIO);
    Watermarks w = Watermarks.compute(layoutOf(real), settings);
    assertEquals(sysctl("vm.min_free_kbytes"), w.minFreeKbytes(), file + " min_free_kbytes");
    for (ZoneType t : ZoneType.values()) {
      ZoneStats z = real.get(t.ordinal());
      ZoneWatermarks mine = w.zone(t);
      String where = file + " " + z.name();
      assertEquals(z.min(), mine.min(), where + " min");
      assertEquals(z.low(), mine.low(), where + " low");
      assertEquals(z.high(), mine.high(), where + " high");
      assertEquals(z.promo(), mine.promo(), where + " promo");
      assertEquals(z.protection(), mine.protection(), where + " protection");
    }
  }

  @ParameterizedTest
  @MethodSource("zoneinfoFiles")
  void totalreserveFollowsCalculateTotalreservePages(String file) throws ProcFormatException {
    List<ZoneStats> real = ZoneinfoParser.parse(TruthFiles.read(file), file);
    long expected = 0;
    for (ZoneStats z : real) {
      long maxProtection = z.protection().stream().mapToLong(Long::longValue).max().orElse(0);
      expected += Math.min(z.managed(), maxProtection + z.high());
    }
    Watermarks w = Watermarks.compute(layoutOf(real), Settings.defaults(true));
    assertEquals(expected, w.totalreservePages(), file);
  }

  @Test
  void khugepagedRecommendationIsElevenPageblocksPerZoneTimesThree() {
    ZoneLayout layout = ZoneLayout.x86_64(24L << 30);
    long nrZones = 3; // DMA, DMA32, Normal populated
    long pageblock = 512;
    long expectedKb = (pageblock * nrZones * 2 + pageblock * nrZones * 9) * 4;
    assertEquals(expectedKb, Watermarks.recommendedMinFreeKbytes(layout, Long.MAX_VALUE / 8));
    // capped at 5% of nr_free_buffer_pages
    assertEquals(1000 / 20 * 4, Watermarks.recommendedMinFreeKbytes(layout, 1000));
  }

  @Test
  void withoutThpMinFreeIsTheSquareRootRule() {
    // The table in the comment above calculate_min_free_kbytes (mm/page_alloc.c).
    long[][] table = {{16, 512}, {64, 1024}, {1024, 4096}, {4096, 8192}, {16384, 16384}};
    for (long[] row : table) {
      assertEquals(row[1], Watermarks.calculateMinFreeKbytes(row[0] * 256), row[0] + " MB");
    }
    assertEquals(128, Watermarks.calculateMinFreeKbytes(1));
    assertEquals(262144, Watermarks.calculateMinFreeKbytes(1L << 40));
    ZoneLayout layout = ZoneLayout.x86_64(24L << 30);
    Watermarks w = Watermarks.compute(layout, Settings.defaults(false));
    assertEquals(Watermarks.calculateMinFreeKbytes(layout.totalManagedPages()), w.minFreeKbytes());
  }

  @Test
  void userValueWinsAndScalesTheMinWatermarks() {
    ZoneLayout layout = ZoneLayout.x86_64(24L << 30);
    Settings user = new Settings(10, true, 200000, Watermarks.DEFAULT_LOWMEM_RESERVE_RATIO);
    Watermarks w = Watermarks.compute(layout, user);
    assertEquals(200000, w.minFreeKbytes());
    long sumMin = 0;
    for (ZoneType t : List.of(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL)) {
      sumMin += w.zone(t).min();
    }
    assertTrue(sumMin <= 200000 / 4 && sumMin > 200000 / 4 - 3, "sum of min " + sumMin);
  }

  @Test
  void largerScaleFactorWidensTheGaps() {
    ZoneLayout layout = ZoneLayout.x86_64(24L << 30);
    Watermarks w10 = Watermarks.compute(layout, Settings.defaults(true));
    Watermarks w100 =
        Watermarks.compute(
            layout, new Settings(100, true, -1, Watermarks.DEFAULT_LOWMEM_RESERVE_RATIO));
    ZoneWatermarks n10 = w10.zone(ZoneType.NORMAL);
    ZoneWatermarks n100 = w100.zone(ZoneType.NORMAL);
    assertEquals(n10.min(), n100.min());
    long managed = layout.zone(ZoneType.NORMAL).managedPages();
    assertEquals(managed * 100 / 10000, n100.low() - n100.min());
    assertTrue(n100.high() - n100.low() > n10.high() - n10.low());
  }

  @Test
  void intSqrtIsExact() {
    for (long x = 0; x < 5000; x++) {
      long r = Watermarks.intSqrt(x);
      assertTrue(r * r <= x && (r + 1) * (r + 1) > x, "int_sqrt(" + x + ")");
    }
    assertEquals(3037000499L, Watermarks.intSqrt(Long.MAX_VALUE));
  }

  @Test
  void badSettingsFailNamingTheRecord() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Settings(0, true, -1, Watermarks.DEFAULT_LOWMEM_RESERVE_RATIO));
    assertTrue(e.getMessage().startsWith("Settings:"), e.getMessage());
  }
}
