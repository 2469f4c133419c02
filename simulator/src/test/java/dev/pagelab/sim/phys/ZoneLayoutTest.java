package dev.pagelab.sim.phys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.ZoneLayout.Zone;
import dev.pagelab.sim.phys.ZoneLayout.ZoneType;
import dev.pagelab.sim.proc.MeminfoFormat;
import dev.pagelab.sim.proc.ProcFormatException;
import dev.pagelab.sim.proc.ZoneinfoParser;
import dev.pagelab.sim.proc.ZoneinfoParser.ZoneStats;
import dev.pagelab.sim.truth.TruthFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneLayoutTest {

  private static final long TRUTH_RAM = 24L << 30;

  @Test
  void truthMachineSpansAndPresentPagesMatchZoneinfo() throws ProcFormatException {
    List<ZoneStats> real = ZoneinfoParser.parse(TruthFiles.read("free/01.zoneinfo"), "01.zoneinfo");
    ZoneLayout layout = ZoneLayout.x86_64(TRUTH_RAM);
    for (ZoneType type : ZoneType.values()) {
      ZoneStats z = real.get(type.ordinal());
      Zone mine = layout.zone(type);
      assertEquals(z.name(), type.procName());
      assertEquals(z.spanned(), mine.spannedPages(), type + " spanned");
      assertEquals(z.present(), mine.presentPages(), type + " present");
    }
  }

  @Test
  void truthMachineManagedPagesMatchZoneinfoAndMemTotal() throws ProcFormatException {
    List<ZoneStats> real = ZoneinfoParser.parse(TruthFiles.read("free/01.zoneinfo"), "01.zoneinfo");
    ZoneLayout layout = ZoneLayout.x86_64(TRUTH_RAM);
    // DMA and DMA32 are fully initialised at boot; Normal grows lazily (deferred_init=lazy).
    assertEquals(real.get(0).managed(), layout.zone(ZoneType.DMA).managedPages());
    assertEquals(real.get(1).managed(), layout.zone(ZoneType.DMA32).managedPages());
    long memTotalKb =
        MeminfoFormat.parse(TruthFiles.read("free/01.meminfo"), "01.meminfo")
            .get(MeminfoFormat.Field.MEM_TOTAL);
    assertEquals(memTotalKb, layout.totalManagedPages() * 4);
  }

  @Test
  void smallMachineHasNoNormalZoneAndDma32EndsWithRam() {
    ZoneLayout layout = ZoneLayout.x86_64(2L << 30);
    assertFalse(layout.zone(ZoneType.NORMAL).populated());
    Zone dma32 = layout.zone(ZoneType.DMA32);
    assertEquals((2L << 30) / 4096, dma32.startPfn() + dma32.spannedPages());
    assertTrue(dma32.managedPages() < dma32.presentPages());
    assertEquals(layout.totalPresentPages(), (2L << 30) / 4096 - 98);
  }

  @Test
  void managedNeverExceedsPresentAcrossSizes() {
    for (long mib = 64; mib <= 1 << 20; mib *= 2) {
      ZoneLayout layout = ZoneLayout.x86_64(mib << 20);
      for (Zone z : layout.zones()) {
        assertTrue(z.managedPages() <= z.presentPages(), mib + " MiB " + z);
      }
      assertTrue(layout.totalManagedPages() > 0, mib + " MiB");
    }
  }

  @Test
  void rejectsBadRamSizesNamingTheMethod() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ZoneLayout.x86_64(1000));
    assertTrue(e.getMessage().startsWith("x86_64:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ZoneLayout.x86_64((1L << 30) + 1));
  }

  @Test
  void hashTablesDoubleOnlyWhenMemoryQuadruplesPast64GiB() {
    long at64 = ZoneLayout.largeSystemHashPages(64L << 18, 64L << 18, 13);
    long at256 = ZoneLayout.largeSystemHashPages(256L << 18, 256L << 18, 13);
    assertEquals(2 * at64, at256);
    long at16 = ZoneLayout.largeSystemHashPages(16L << 18, 16L << 18, 13);
    assertEquals(4 * at16, at64);
  }
}
