package dev.pagelab.sim.cli.policies;

import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.List;

/**
 * OOM policies that {@code --oom-policy CLASS --classes DIR} loads in the tests: each differs from
 * the reference in one way a student's code could.
 */
public final class OomTestPolicies {
  private OomTestPolicies() {}

  /** The reference in every method but one, which subclasses replace. */
  abstract static class Delegating implements OomPolicy {
    final ReferenceOomPolicy reference = ReferenceOomPolicy.INSTANCE;

    @Override
    public long badness(OomTask task, long totalpages) {
      return reference.badness(task, totalpages);
    }

    @Override
    public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
      return reference.oomScore(task, totalramPages, totalSwapPages);
    }

    @Override
    public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
      return reference.chooseVictim(oc, tasks);
    }
  }

  /** Every method throws, as the exercise's stub does. */
  public static final class NotStarted implements OomPolicy {
    @Override
    public long badness(OomTask task, long totalpages) {
      throw new UnsupportedOperationException("TODO(oom): badness");
    }

    @Override
    public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
      throw new UnsupportedOperationException("TODO(oom): oomScore");
    }

    @Override
    public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
      throw new UnsupportedOperationException("TODO(oom): chooseVictim");
    }
  }

  /** oom_score normalised by RAM alone, as if there were no swap. */
  public static final class ScoreWithoutSwap extends Delegating {
    @Override
    public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
      return reference.oomScore(task, totalramPages, 0);
    }
  }

  /** oom_score one too high for every task. */
  public static final class ScorePlusOne extends Delegating {
    @Override
    public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
      return reference.oomScore(task, totalramPages, totalSwapPages) + 1;
    }
  }

  /** Chooses a task it was never given. */
  public static final class ChoosesAStranger extends Delegating {
    @Override
    public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
      OomTask stranger =
          new OomTask(
              999999, "stranger", 1, 0, 0, 0, 0, 0, false, false, true, false, false, false, "/");
      return new OomChoice.Chosen(stranger, 1);
    }
  }

  /** Returns null from chooseVictim. */
  public static final class ChoosesNull extends Delegating {
    @Override
    public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
      return null;
    }
  }
}
