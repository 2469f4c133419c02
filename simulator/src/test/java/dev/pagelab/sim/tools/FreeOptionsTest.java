package dev.pagelab.sim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flags the truth samples do not cover ({@code -g -k --si -t -l -v}, the decimal units and
 * their combinations), against what the real procps-ng 4.0.2 {@code free} printed for them ({@code
 * free/procps-4.0.2/capture.sh}, cases in {@code cases.txt}).
 */
class FreeOptionsTest {
  private static final Map<String, FreeUnit> UNITS =
      Map.ofEntries(
          Map.entry("-b", FreeUnit.BYTES),
          Map.entry("-k", FreeUnit.KIBI),
          Map.entry("-m", FreeUnit.MEBI),
          Map.entry("-g", FreeUnit.GIBI),
          Map.entry("--tebi", FreeUnit.TEBI),
          Map.entry("--pebi", FreeUnit.PEBI),
          Map.entry("--kilo", FreeUnit.KILO),
          Map.entry("--mega", FreeUnit.MEGA),
          Map.entry("--giga", FreeUnit.GIGA),
          Map.entry("--tera", FreeUnit.TERA),
          Map.entry("--peta", FreeUnit.PETA));

  static Stream<Arguments> recorded() {
    List<Arguments> all = new ArrayList<>();
    for (String line : Resources.text("free/procps-4.0.2/cases.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.trim().split("\\s+");
      all.add(Arguments.of(w[0], w[1], List.of(w).subList(2, w.length)));
    }
    return all.stream();
  }

  static FreeOptions options(List<String> flags) {
    FreeOptions o = FreeOptions.DEFAULT;
    for (String f : flags) {
      o = UNITS.containsKey(f) ? o.withUnit(UNITS.get(f)) : o.with(f);
    }
    return o;
  }

  @ParameterizedTest(name = "{1}: free {2}")
  @MethodSource("recorded")
  void equalsRealFree402(String input, String name, List<String> flags) throws InputException {
    String expected = Resources.text("free/procps-4.0.2/" + name + ".txt");
    assertEquals(expected, Free.render(Resources.meminfo("truth/" + input), options(flags)));
  }

  @Test
  void swapSampleEqualsRealFreeAndFreeH() throws InputException {
    MeminfoFile m = Resources.meminfo("truth/pagemap/swap/meminfo_with_swap.txt");
    String both =
        Free.render(m, FreeOptions.DEFAULT) + Free.render(m, FreeOptions.DEFAULT.with("-h"));
    assertEquals(Resources.text("truth/pagemap/swap/free_with_swap.txt"), both);
  }

  /** The first {@code free} of the course notes (WSL2, procps-ng 3.3), reproduced in 3.3 mode. */
  @Test
  void procps33ReproducesTheCourseNotesMachine() throws InputException {
    MeminfoFile m =
        MeminfoFile.parse(
            "notes",
            """
            MemTotal:       16196780 kB
            MemFree:        14422440 kB
            MemAvailable:   15024372 kB
            Buffers:           91236 kB
            Cached:           700000 kB
            Shmem:              3628 kB
            SReclaimable:      88876 kB
            SwapTotal:       4194304 kB
            SwapFree:        4194304 kB
            """);
    String expected =
        """
                      total        used        free      shared  buff/cache   available
        Mem:       16196780      894228    14422440        3628      880112    15024372
        Swap:       4194304           0     4194304
        """;
    FreeOptions v33 = FreeOptions.DEFAULT.withVersion(ProcpsVersion.V3_3_17);
    assertEquals(expected, Free.render(m, v33));
    // procps-ng 4.0 counts used as total - available instead: 16196780 - 15024372.
    assertEquals("1172408", Free.render(m, FreeOptions.DEFAULT).split("\n")[1].split(" +")[2]);
  }

  /** Hand-checked against free.c 3.3: label %-7s, every value " %11s", used without cache. */
  @Test
  void procps33WideWithTotal() throws InputException {
    FreeOptions o = FreeOptions.DEFAULT.withVersion(ProcpsVersion.V3_3_17).with("-w", "-t");
    String expected =
        """
                      total        used        free      shared     buffers       cache   available
        Mem:       24684092      115988    24473636        8856        5008       89460    24388700
        Swap:             0           0           0
        Total:     24684092      115988    24473636
        """;
    assertEquals(expected, Free.render(Resources.meminfo("truth/free/01.meminfo"), o));
  }

  /** Hand-checked: 3.3 -h scales the same way as 4.0 but used is 120632 kB, not 402616 kB. */
  @Test
  void procps33Human() throws InputException {
    FreeOptions o = FreeOptions.DEFAULT.withVersion(ProcpsVersion.V3_3_17).with("-h");
    String expected =
        """
                      total        used        free      shared  buff/cache   available
        Mem:           23Gi       117Mi        22Gi       8.6Mi       449Mi        23Gi
        Swap:         255Mi       8.0Mi       247Mi
        """;
    MeminfoFile m = Resources.meminfo("truth/pagemap/swap/meminfo_with_swap.txt");
    assertEquals(expected, Free.render(m, o));
  }

  /** Without MemAvailable, 3.3 estimates it from vm.min_free_kbytes (proc/sysinfo.c meminfo). */
  @Test
  void procps33EstimatesMissingMemAvailable() throws InputException {
    String text = Resources.text("truth/free/01.meminfo").replaceAll("MemAvailable:.*\n", "");
    MeminfoFile m = MeminfoFile.parse("nomemavail", text);
    FreeOptions o = FreeOptions.DEFAULT.withVersion(ProcpsVersion.V3_3_17);
    // 24473636 - 84480 + 81196 - 40598 + 4372 - 2186, low watermark = 67584 * 5 / 4
    String mem = Free.render(m, o.withMinFreeKbytes(67584)).split("\n")[1];
    assertEquals(
        "Mem:       24684092      115988    24473636        8856       94468    24431940", mem);
    InputException e = assertThrows(InputException.class, () -> Free.render(m, o));
    assertEquals(
        "nomemavail: MemAvailable is missing or 0, so free 3.3 estimates it from"
            + " vm.min_free_kbytes, which was not given",
        e.getMessage());
    // procps-ng 4.0 falls back to MemFree.
    assertEquals("24473636", Free.render(m, FreeOptions.DEFAULT).split("\n")[1].split(" +")[6]);
  }

  @Test
  void committedDoesNotExistIn33() {
    FreeOptions o = FreeOptions.DEFAULT.with("-v");
    assertThrows(IllegalArgumentException.class, () -> o.withVersion(ProcpsVersion.V3_3_17));
  }
}
