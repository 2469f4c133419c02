package dev.pagelab.sim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our {@code free} equals the real procps-ng 4.0.2 {@code free} byte for byte on the 8 live samples
 * and the 17 synthetic meminfo files of the ground truth, for {@code free}, {@code -h}, {@code -m},
 * {@code -w} and {@code -b}: 125 cases.
 */
class FreeTruthTest {
  private static final Map<String, FreeOptions> VARIANTS =
      Map.of(
          "free", FreeOptions.DEFAULT,
          "free-h", FreeOptions.DEFAULT.with("-h"),
          "free-m", FreeOptions.DEFAULT.withUnit(FreeUnit.MEBI),
          "free-w", FreeOptions.DEFAULT.with("-w"),
          "free-b", FreeOptions.DEFAULT.withUnit(FreeUnit.BYTES));

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      addSample(all, String.format("truth/free/%02d", i));
    }
    for (int i = 1; i <= 17; i++) {
      addSample(all, String.format("truth/free/synthetic/s%02d", i));
    }
    return all.stream();
  }

  private static void addSample(List<Arguments> all, String prefix) {
    for (String variant : List.of("free", "free-h", "free-m", "free-w", "free-b")) {
      all.add(Arguments.of(prefix, variant));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void equalsRealFree(String prefix, String variant) throws InputException {
    MeminfoFile meminfo = Resources.meminfo(prefix + ".meminfo");
    String expected = Resources.text(prefix + "." + variant + ".txt");
    assertEquals(expected, Free.render(meminfo, VARIANTS.get(variant)));
  }
}
