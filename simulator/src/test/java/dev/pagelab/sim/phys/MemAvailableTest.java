package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.proc.MeminfoFormat;
import dev.pagelab.sim.proc.MeminfoFormat.Field;
import dev.pagelab.sim.proc.MeminfoFormat.Meminfo;
import dev.pagelab.sim.proc.ProcFormatException;
import dev.pagelab.sim.proc.ZoneinfoParser;
import dev.pagelab.sim.proc.ZoneinfoParser.ZoneStats;
import dev.pagelab.sim.truth.TruthFiles;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MemAvailableTest {

  static Stream<String> samples() {
    return TruthFiles.list("free", ".meminfo").stream().map(n -> n.substring(0, 2));
  }

  static MemAvailable.Counters countersOf(Meminfo m) {
    return new MemAvailable.Counters(
        m.get(Field.MEM_FREE) / 4,
        m.get(Field.ACTIVE_FILE) / 4,
        m.get(Field.INACTIVE_FILE) / 4,
        m.get(Field.K_RECLAIMABLE) / 4);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void recomputedFromMeminfoAndZoneinfoReserves(String nn) throws ProcFormatException {
    Meminfo m = MeminfoFormat.parse(TruthFiles.read("free/" + nn + ".meminfo"), nn + ".meminfo");
    List<ZoneStats> zones =
        ZoneinfoParser.parse(TruthFiles.read("free/" + nn + ".zoneinfo"), nn + ".zoneinfo");
    long wmarkLow = zones.stream().mapToLong(ZoneStats::low).sum();
    long totalreserve = 0;
    for (ZoneStats z : zones) {
      long maxProtection = z.protection().stream().mapToLong(Long::longValue).max().orElse(0);
      totalreserve += Math.min(z.managed(), maxProtection + z.high());
    }
    long pages = MemAvailable.pages(countersOf(m), totalreserve, wmarkLow);
    assertEquals(m.get(Field.MEM_AVAILABLE), pages * 4, nn);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void recomputedWithSimulatedWatermarks(String nn) throws ProcFormatException {
    Meminfo m = MeminfoFormat.parse(TruthFiles.read("free/" + nn + ".meminfo"), nn + ".meminfo");
    List<ZoneStats> zones =
        ZoneinfoParser.parse(TruthFiles.read("free/" + nn + ".zoneinfo"), nn + ".zoneinfo");
    Watermarks w =
        Watermarks.compute(WatermarksTest.layoutOf(zones), Watermarks.Settings.defaults(true));
    assertEquals(m.get(Field.MEM_AVAILABLE), MemAvailable.pages(countersOf(m), w) * 4, nn);
  }

  @Test
  void keepsHalfThePageCacheWhenTheLowWatermarksAreLarger() {
    var c = new MemAvailable.Counters(1000, 300, 100, 50);
    // free - reserve + (400 - 200) + (50 - 25)
    assertEquals(1000 - 100 + 200 + 25, MemAvailable.pages(c, 100, 10_000));
    // small watermark sum: only that much of each stays
    assertEquals(1000 - 100 + 390 + 40, MemAvailable.pages(c, 100, 10));
  }

  @Test
  void neverNegative() {
    var c = new MemAvailable.Counters(10, 0, 0, 0);
    assertEquals(0, MemAvailable.pages(c, 1000, 5));
    assertTrue(MemAvailable.pages(c, 0, 5) > 0);
  }
}
