package dev.pagelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scenario a command shows, for the line above its output. */
class DirectiveRendererTest {
  @Test
  void theScenarioOfACommand() {
    assertEquals("demand-paging", DirectiveRenderer.scenarioOf(List.of("run", "demand-paging")));
    assertEquals(
        "page-cache-timeline",
        DirectiveRenderer.scenarioOf(List.of("run", "site/src/data/page-cache-timeline.scn")));
    assertEquals("segv", DirectiveRenderer.scenarioOf(List.of("scenarios", "--show", "segv")));
    assertEquals(
        "mmap", DirectiveRenderer.scenarioOf(List.of("walk", "--scenario", "mmap", "0x1000")));
    assertNull(DirectiveRenderer.scenarioOf(List.of("run", "--help")));
    assertNull(DirectiveRenderer.scenarioOf(List.of("walk", "0x7ffff7800123")));
    assertNull(DirectiveRenderer.scenarioOf(List.of("oom", "--proc", "x")));
  }
}
