package dev.pagelab.site.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.SiteException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every figure, drawn from the real commands: the same bytes each time, labels in each language,
 * and the numbers the simulator printed (not numbers of our own).
 */
class FiguresTest {
  private static Pagelab pagelab;
  private static final Figures FIGURES = new Figures();

  @BeforeAll
  static void runAll() {
    pagelab = new Pagelab(Path.of("..").toAbsolutePath().normalize());
    pagelab.prefetch(FIGURES.all().stream().map(Figure::command).toList());
  }

  private static String draw(String name, Lang lang) {
    return FIGURES.get(name).draw(lang, pagelab).toString();
  }

  @Test
  void everyFigureIsDeterministicAndLocalised() {
    for (Figure f : FIGURES.all()) {
      String ko = f.draw(Lang.KO, pagelab).toString();
      assertEquals(ko, f.draw(Lang.KO, pagelab).toString(), f.name() + " is not deterministic");
      String en = f.draw(Lang.EN, pagelab).toString();
      assertTrue(ko.contains("<title>" + f.title(Lang.KO).replace("'", "&#39;")), f.name());
      assertTrue(en.contains("<title>" + f.title(Lang.EN).replace("'", "&#39;")), f.name());
      assertTrue(
          ko.codePoints().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3),
          f.name() + " ko has no Korean");
      assertTrue(
          en.codePoints().noneMatch(c -> c >= 0xAC00 && c <= 0xD7A3), f.name() + " en has Korean");
    }
  }

  @Test
  void theNumbersComeFromTheSimulator() {
    assertTrue(draw("fault-counts", Lang.EN).contains(">262,144</text>"));
    String oom = draw("oom-scores", Lang.EN);
    assertTrue(oom.contains("class=\"hl\""), "the victim is highlighted");
    assertTrue(oom.contains(">1390</text>"), "pid 25974's oom_score as Linux printed it");
    assertEquals(23, oom.split("holdmem|memfd").length - 1, "the 21 holdmem and 2 memfd processes");
    String walk = draw("address-split", Lang.EN);
    assertTrue(walk.contains(">255</text>") && walk.contains(">0x123</text>"), walk);
    assertTrue(draw("walk-path-2mib", Lang.EN).contains("leaf: 2 MiB page"));
    assertTrue(draw("buddyinfo", Lang.KO).contains("단편화된 상태"));
    String dp = draw("demand-paging", Lang.EN);
    assertTrue(dp.contains(">mmap</text>") && dp.contains(">min_flt</text>"), dp);
    String pc = draw("page-cache", Lang.EN);
    for (String label : List.of("dd", "sync", "cat", "rm", "buff/cache", "available")) {
      assertTrue(pc.contains(">" + label + "</text>"), label);
    }
  }

  @Test
  void unknownFiguresAreNamed() {
    SiteException e = assertThrows(SiteException.class, () -> FIGURES.get("nope"));
    assertTrue(e.getMessage().contains("expected one of address-split"), e.getMessage());
  }

  @Test
  void aWalkIsReadByItsColumns() {
    WalkText w = WalkText.parse(pagelab.stdout("walk", "0x7ffff7800123", "--write"));
    assertEquals(0x7ffff7800123L, w.address());
    assertEquals("user write", w.access());
    assertEquals(6, w.fields().size());
    assertEquals(
        List.of("PML4", "PDPT", "PD", "PT"), w.steps().stream().map(WalkText.Step::table).toList());
    // the entry as the walk read it: pagelab walk's demo clears A and D on the path first, and the
    // walk's "sets" column (A D) says what it set
    assertEquals("P RW US NX", w.steps().get(3).flags());
    assertTrue(w.steps().get(3).decision().startsWith("leaf: 4 KiB page"));
    assertTrue(w.result().contains("offset 0x123"), w.result());
    assertThrows(SiteException.class, () -> WalkText.parse("nothing"));
  }
}
