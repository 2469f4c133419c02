package dev.pagelab.sim.oom;

import java.util.List;

/** What one {@code out_of_memory} call did, with the kernel log lines it printed. */
public sealed interface OomOutcome {
  /**
   * The kernel log lines, without the timestamp prefix.
   *
   * @return the lines, possibly none
   */
  List<String> log();

  /**
   * A task was sent SIGKILL.
   *
   * @param victim the task killed
   * @param points its badness ({@code oc->chosen_points}; {@code LONG_MAX} is not used)
   * @param log the report
   */
  record Killed(Task victim, long points, List<String> log) implements OomOutcome {
    /** Copies the log. */
    public Killed {
      log = List.copyOf(log);
    }
  }

  /**
   * An earlier victim is still exiting; nothing was killed and nothing printed ({@code
   * oom_evaluate_task} aborts the scan).
   */
  record VictimPending() implements OomOutcome {
    @Override
    public List<String> log() {
      return List.of();
    }
  }

  /**
   * A global OOM for an allocation without {@code __GFP_FS}: the kernel kills nothing and the
   * allocation is retried ({@code out_of_memory} returns early).
   */
  record Declined() implements OomOutcome {
    @Override
    public List<String> log() {
      return List.of();
    }
  }

  /**
   * The kernel panicked ({@code panic_on_oom}, or nothing killable in a global OOM).
   *
   * @param log the report, ending with the {@code Kernel panic - not syncing:} line
   */
  record Panic(List<String> log) implements OomOutcome {
    /** Copies the log. */
    public Panic {
      log = List.copyOf(log);
    }
  }

  /**
   * A memcg OOM found nothing to kill; the charge fails and the allocation returns an error.
   *
   * @param log the report, ending with {@code Out of memory and no killable processes...}
   */
  record NothingKillable(List<String> log) implements OomOutcome {
    /** Copies the log. */
    public NothingKillable {
      log = List.copyOf(log);
    }
  }
}
