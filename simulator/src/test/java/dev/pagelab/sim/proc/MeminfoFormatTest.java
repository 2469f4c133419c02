package dev.pagelab.sim.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.proc.MeminfoFormat.Field;
import dev.pagelab.sim.proc.MeminfoFormat.Meminfo;
import dev.pagelab.sim.truth.TruthFiles;
import java.util.EnumMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MeminfoFormatTest {

  static Stream<String> files() {
    return TruthFiles.list("free", ".meminfo").stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void printsRealMeminfoBackByteForByte(String name) throws ProcFormatException {
    String real = TruthFiles.read("free/" + name);
    assertEquals(real, MeminfoFormat.format(MeminfoFormat.parse(real, name)));
  }

  @Test
  void showValKbPadsToEightAndLongValuesPushOn() {
    assertEquals("MemTotal:              0 kB\n", MeminfoFormat.line(Field.MEM_TOTAL, 0));
    assertEquals("Active(anon):   12345678 kB\n", MeminfoFormat.line(Field.ACTIVE_ANON, 12345678));
    assertEquals(
        "VmallocTotal:   34359738367 kB\n", MeminfoFormat.line(Field.VMALLOC_TOTAL, 34359738367L));
  }

  @Test
  void hugePageCountsUseThreeSpacesAndAFiveWideField() {
    assertEquals("HugePages_Total:       0\n", MeminfoFormat.line(Field.HUGEPAGES_TOTAL, 0));
    assertEquals(
        String.format("HugePages_Free:    %5d\n", 123456),
        MeminfoFormat.line(Field.HUGEPAGES_FREE, 123456));
  }

  @Test
  void everyLabelFitsTheSixteenColumnPrefix() {
    for (Field f : Field.values()) {
      assertTrue(f.label().length() + 1 <= 16, f.label());
      assertEquals(
          24 + (f.style() == MeminfoFormat.Style.KB ? 4 : 1), MeminfoFormat.line(f, 1).length());
    }
  }

  @Test
  void badLineNamesSourceLineAndValue() {
    String real = TruthFiles.read("free/01.meminfo");
    String broken = real.replace("Buffers:            5008 kB", "Buffers:            50x8 kB");
    ProcFormatException e =
        assertThrows(ProcFormatException.class, () -> MeminfoFormat.parse(broken, "x.meminfo"));
    assertEquals("x.meminfo:4: expected a number >= 0 for Buffers, got '50x8'", e.getMessage());
    String reordered = real.replace("MemFree:", "MemFrei:");
    e = assertThrows(ProcFormatException.class, () -> MeminfoFormat.parse(reordered, "y"));
    assertTrue(e.getMessage().startsWith("y:2: expected 'MemFree: <n> kB'"), e.getMessage());
  }

  @Test
  void missingValueIsRejected() {
    EnumMap<Field, Long> values = new EnumMap<>(Field.class);
    values.put(Field.MEM_TOTAL, 1L);
    assertThrows(IllegalArgumentException.class, () -> new Meminfo(values));
  }
}
