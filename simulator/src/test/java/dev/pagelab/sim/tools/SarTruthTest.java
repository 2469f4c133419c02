package dev.pagelab.sim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our {@code sar} equals sysstat 12.6.1's {@code sar} byte for byte on the five captures of the
 * ground truth. The inputs are the exact bytes sadc read at its two samples and the header and
 * record times sar received from sadc, all taken from {@code NAME.strace}; every line of {@code
 * NAME.out} is compared.
 */
class SarTruthTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"r_idle", "rALL_hold2g", "B_idle", "B_faults1g", "B_fileread1g"})
  void equalsRealSar(String name) throws InputException {
    SarStrace.Capture c = SarStrace.parse(Resources.text("truth/sar/" + name + ".strace"));
    List<SarSample> samples = c.sarSamples();
    assertEquals(2, samples.size(), "sadc took two samples");
    SarReport report =
        name.startsWith("rALL")
            ? SarReport.MEMORY_ALL
            : name.startsWith("r") ? SarReport.MEMORY : SarReport.PAGING;
    String expected = Resources.text("truth/sar/" + name + ".out");
    assertEquals(expected, Sar.render(c.host(), SarOptions.of(report), samples));
  }
}
