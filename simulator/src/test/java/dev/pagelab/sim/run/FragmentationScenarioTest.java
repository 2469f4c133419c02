package dev.pagelab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.proc.BuddyinfoFormat;
import dev.pagelab.sim.proc.ProcFormatException;
import dev.pagelab.sim.scenario.BundledScenarios;
import dev.pagelab.sim.scenario.ScenarioException;
import dev.pagelab.sim.scenario.ScenarioParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fragmentation scenario: buddyinfo before and after compaction, with and without pins. */
class FragmentationScenarioTest {

  /** Blocks of order 9 or more (2 MiB pageblocks' worth) free in every zone. */
  private static long hugeBlocks(String buddyinfo) throws ProcFormatException {
    long n = 0;
    for (BuddyinfoFormat.Zone z : BuddyinfoFormat.parse("buddyinfo", buddyinfo)) {
      long[] counts = z.freeBlocks();
      n += counts[9] + 2 * counts[10];
    }
    return n;
  }

  @Test
  void compactionFreesHugeBlocksAndPinsLimitIt() throws Exception {
    StringWriter text = new StringWriter();
    ScenarioRunner.Result result =
        ScenarioRunner.run(BundledScenarios.load("fragmentation"), new PrintWriter(text, true));
    assertEquals(List.of(), result.failedExpectations());
    String out = text.toString();
    Matcher m = Pattern.compile("\\$ cat /proc/buddyinfo\n((?:Node .*\n)+)").matcher(out);
    List<String> views = new ArrayList<>();
    while (m.find()) {
      views.add(m.group(1));
    }
    assertEquals(3, views.size(), out);
    long before = hugeBlocks(views.get(0));
    long pinned = hugeBlocks(views.get(1));
    long unpinned = hugeBlocks(views.get(2));
    assertEquals(0, before);
    assertTrue(0 < pinned && pinned < unpinned, pinned + " then " + unpinned);
    long freeBefore = 0;
    long freeAfter = 0;
    for (BuddyinfoFormat.Zone z : BuddyinfoFormat.parse("b", views.get(0))) {
      freeBefore += z.freePages();
    }
    for (BuddyinfoFormat.Zone z : BuddyinfoFormat.parse("b", views.get(2))) {
      freeAfter += z.freePages();
    }
    assertEquals(freeBefore, freeAfter, "compaction neither frees nor takes memory");
    assertTrue(out.contains("pin_user_pages(0x"), out);
  }

  @Test
  void anUnknownZoneIsARunTimeErrorNamingTheZones() throws ScenarioException {
    StringWriter text = new StringWriter();
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                ScenarioRunner.run(
                    ScenarioParser.parse(
                        "t.scn", "machine ram=256MiB\nexpect buddyinfo.Normal.9 == 0\n"),
                    new PrintWriter(text, true)));
    assertEquals("t.scn:2:1: /proc/buddyinfo has no zone Normal", e.headline());
  }
}
