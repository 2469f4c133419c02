package dev.pagelab.sim.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the badness and of the victim choice over random process tables. */
class OomPropertiesTest {
  private static final ReferenceOomPolicy POLICY = ReferenceOomPolicy.INSTANCE;

  private static long badness(Task t, long totalpages) {
    return POLICY.badness(t.oomTask(), totalpages);
  }

  /** The oom_score on a machine with {@code totalpages} of RAM and no swap. */
  private static long oomScore(Task t, long totalpages) {
    return POLICY.oomScore(t.oomTask(), totalpages, 0);
  }

  @Provide
  Arbitrary<Task> tasks() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 1 << 22),
            Arbitraries.longs().between(0, 1 << 16),
            Arbitraries.longs().between(0, 1 << 20),
            Arbitraries.integers().between(-1000, 1000).edgeCases(e -> e.add(-1000)),
            Arbitraries.integers().between(0, 9))
        .as(
            (anon, file, swap, adj, kind) -> {
              Task t = Task.user(100, "t", anon, file, 0, swap, 4096 * (anon / 512), anon, adj);
              return switch (kind) {
                case 0 -> Task.kernelThread(100, "k");
                case 1 -> t.withOomScoreAdj(-1000);
                case 2 -> t.withOomState(false, true);
                default -> t;
              };
            });
  }

  @Provide
  Arbitrary<List<Task>> taskLists() {
    return tasks().list().ofMinSize(1).ofMaxSize(40);
  }

  @Property
  void badnessGrowsWithRss(
      @ForAll("tasks") Task t,
      @ForAll @LongRange(min = 1, max = 1 << 20) long more,
      @ForAll @LongRange(min = 1000, max = 1L << 26) long totalpages) {
    Task bigger =
        Task.user(
            t.pid(),
            t.comm(),
            t.rssAnon() + more,
            t.rssFile(),
            t.rssShmem(),
            t.swapents(),
            t.pgtablesBytes(),
            t.totalVm(),
            t.oomScoreAdj());
    if (ReferenceOomPolicy.ineligible(t.oomTask()).isPresent()) {
      assertEquals(ReferenceOomPolicy.UNKILLABLE, badness(t, totalpages));
      return;
    }
    assertEquals(badness(t, totalpages) + more, badness(bigger, totalpages));
    assertTrue(oomScore(bigger, totalpages) >= oomScore(t, totalpages));
  }

  @Property
  void theVictimHasTheHighestBadnessAndIsNeverAdjMin(
      @ForAll("taskLists") List<Task> drawn,
      @ForAll @IntRange(min = 1000, max = 1 << 24) int totalpages) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < drawn.size(); i++) {
      Task d = drawn.get(i);
      tasks.add(
          new Task(
              i + 2,
              i + 2,
              d.comm(),
              0,
              d.kthread(),
              false,
              d.hasMm(),
              d.rssAnon(),
              d.rssFile(),
              d.rssShmem(),
              d.swapents(),
              d.pgtablesBytes(),
              d.totalVm(),
              d.oomScoreAdj(),
              d.oomSkip(),
              false,
              false,
              "/"));
    }
    OomControl oc =
        new OomControl(tasks.get(0).oomTask(), Optional.empty(), totalpages, 0, 0, false);
    OomChoice s = POLICY.chooseVictim(oc, tasks.stream().map(Task::oomTask).toList());
    long max = Long.MIN_VALUE;
    int lastMax = -1;
    for (Task t : tasks) {
      long b = badness(t, totalpages);
      if (b != ReferenceOomPolicy.UNKILLABLE && b >= max) {
        max = b;
        lastMax = t.pid();
      }
    }
    if (lastMax < 0) {
      assertInstanceOf(OomChoice.NothingKillable.class, s);
      return;
    }
    OomChoice.Chosen chosen = assertInstanceOf(OomChoice.Chosen.class, s);
    assertNotEquals(Task.OOM_SCORE_ADJ_MIN, chosen.victim().oomScoreAdj());
    assertTrue(ReferenceOomPolicy.ineligible(chosen.victim()).isEmpty());
    assertEquals(max, chosen.points());
    assertEquals(lastMax, chosen.victim().pid(), "ties go to the last in process order");
  }
}
