package dev.pagelab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.scenario.ScenarioParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fork line of a scenario's log and the {@code fork_*} fields an expect reads. */
class ForkLineTest {
  private static final String SOURCE =
      "machine ram=1GiB swap=0\n"
          + "spawn a as p\n"
          + "p mmap 8MiB rw anon private as buf\n"
          + "p touch buf write\n"
          + "p fork as c\n"
          + "expect c.fork_ptes == %d\n"
          + "expect c.fork_pmds == 0\n"
          + "expect c.fork_puds == 0\n"
          + "expect c.fork_swap_ptes == 0\n"
          + "expect c.fork_entries == %d\n"
          + "expect p.fork_tables == 0\n"
          + "expect c.fork_tables > 4\n";

  private static ScenarioRunner.Result run(long ptes, StringWriter text) throws Exception {
    return ScenarioRunner.run(
        ScenarioParser.parse("f.scn", String.format(SOURCE, ptes, ptes)),
        new PrintWriter(text, true));
  }

  @Test
  void theLogSaysWhatForkCopiedAndExpectReadsIt() throws Exception {
    StringWriter text = new StringWriter();
    ScenarioRunner.Result first = run(0, text);
    // The first run tells how many PTEs the child got; 2048 of them are the region's.
    Matcher m =
        Pattern.compile(
                "fork\\(\\) = \\d+ \\(copied (\\d+) ptes, 0 swap ptes, 0 huge pmds, 0 huge puds;"
                    + " child page tables (\\d+)\\)")
            .matcher(text.toString());
    assertTrue(m.find(), text.toString());
    long ptes = Long.parseLong(m.group(1));
    assertTrue(ptes > 2048 && ptes < 2048 + 64, "the region and the program's pages: " + ptes);
    assertEquals(2, first.failedExpectations().size(), first.failedExpectations().toString());
    StringWriter again = new StringWriter();
    assertEquals(List.of(), run(ptes, again).failedExpectations(), again.toString());
  }
}
