package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code p pin}, {@code p unpin} and {@code expect buddyinfo.ZONE.ORDER} parse or say why not. */
class PinParseTest {
  private static final String BUF = "spawn prog as p\np mmap 100MiB as buf\n";

  @Test
  void pinTakesASpanAndAStride() throws ScenarioException {
    List<Statement> st =
        ScenarioParser.parse(
                "t.scn",
                BUF
                    + "p pin buf offset=4MiB length=8MiB stride=2MiB\n"
                    + "p unpin buf\n"
                    + "expect buddyinfo.Normal.9 == 0\n")
            .statements();
    PinStmt pin = (PinStmt) st.get(2);
    assertEquals(4L << 20, pin.span().offset());
    assertEquals(8L << 20, pin.span().length().getAsLong());
    assertEquals(2L << 20, pin.stride());
    assertEquals(false, pin.unpin());
    PinStmt unpin = (PinStmt) st.get(3);
    assertEquals(4096, unpin.stride());
    assertEquals(true, unpin.unpin());
    ExpectStmt e = (ExpectStmt) st.get(4);
    assertEquals(new ExpectStmt.Subject.BuddyinfoField("Normal", 9), e.subject());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "p pin buf stride=6KiB|t.scn:3:18: stride= 6KiB is not a multiple of 4KiB",
        "p pin buf stride=0|t.scn:3:18: stride= must be at least 4KiB",
        "p pin buf hard|t.scn:3:11: unknown pin word \"hard\"",
        "p unpin buf depth=1|t.scn:3:13: unknown option \"depth=\" for unpin",
        "expect buddyinfo.Normal.11 == 0|t.scn:3:18: expected buddyinfo.ZONE.ORDER, found"
            + " \"buddyinfo.Normal.11\"",
        "expect buddyinfo.Normal == 0|t.scn:3:18: expected buddyinfo.ZONE.ORDER, found"
            + " \"buddyinfo.Normal\""
      })
  void badLinesSayWhere(String line, String headline) {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.scn", BUF + line));
    assertEquals(headline, e.headline());
  }
}
