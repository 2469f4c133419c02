package dev.pagelab.sim.scenario;

import java.util.List;
import java.util.Objects;

/**
 * {@code expect p.rss >= 100MiB}, {@code expect p.last_min_flt == 25600}, {@code expect
 * meminfo.MemFree > 1GiB}, {@code expect p.rss == 100MiB +- 64KiB}: an assertion checked when the
 * runner reaches it. Memory quantities compare in bytes, counters as plain numbers.
 *
 * @param pos where it was written
 * @param subject what is measured
 * @param op the comparison
 * @param value the value compared with (bytes for a {@linkplain Subject#isSize() size})
 * @param tolerance {@code +- N}: allowed distance for {@code ==}, 0 if not given
 */
public record ExpectStmt(Pos pos, Subject subject, Op op, long value, long tolerance)
    implements Statement {
  /** Checks the parts. */
  public ExpectStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(op, "op");
    if (tolerance < 0) {
      throw new IllegalArgumentException("ExpectStmt: negative tolerance " + tolerance);
    }
  }

  /**
   * True if a measured value passes this expectation.
   *
   * @param actual the measured value, in the subject's unit (bytes or a count)
   * @return whether {@code actual op value} holds (within the tolerance for {@code ==})
   */
  public boolean holds(long actual) {
    if (op == Op.EQ && tolerance > 0) {
      return Math.abs(actual - value) <= tolerance;
    }
    return op.test(actual, value);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }

  /** A comparison operator. */
  public enum Op {
    /** {@code ==}. */
    EQ("=="),
    /** {@code !=}. */
    NE("!="),
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }

    /**
     * Applies the operator.
     *
     * @param left the measured value
     * @param right the expected value
     * @return {@code left op right}
     */
    public boolean test(long left, long right) {
      return switch (this) {
        case EQ -> left == right;
        case NE -> left != right;
        case LT -> left < right;
        case LE -> left <= right;
        case GT -> left > right;
        case GE -> left >= right;
      };
    }

    /**
     * The operator written as {@code symbol}, or null.
     *
     * @param symbol e.g. {@code >=}
     * @return the operator or null if there is none with that symbol
     */
    public static Op ofSymbol(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      return null;
    }
  }

  /** What an expectation measures. */
  public sealed interface Subject
      permits Subject.ProcessField,
          Subject.MeminfoField,
          Subject.VmstatField,
          Subject.CgroupField,
          Subject.BuddyinfoField,
          Subject.KhugepagedField {
    /** True if the value is an amount of memory (compared in bytes), false for a count. */
    boolean isSize();

    /**
     * A number of a process, {@code p.FIELD}. Sizes: {@link #SIZE_FIELDS}; counts: {@link
     * #COUNT_FIELDS}. {@code last_min_flt} and {@code last_maj_flt} are the faults taken during the
     * process's most recent touch, read, write or exec statement (what getrusage measures around a
     * loop in the fault experiments). {@code exit_status} is what a shell shows as {@code $?}: the
     * exit code, or 128 + the signal number (139 for SIGSEGV). {@code fork_ptes}, {@code
     * fork_swap_ptes}, {@code fork_pmds}, {@code fork_puds}, {@code fork_entries} and {@code
     * fork_tables} are what the fork that made the process copied into its page tables (all 0 for a
     * spawned process).
     *
     * @param process the alias
     * @param field the field name
     */
    record ProcessField(String process, String field) implements Subject {
      /** Fields measured in bytes, as /proc/PID/status and ps report them. */
      public static final List<String> SIZE_FIELDS =
          List.of(
              "vsz",
              "rss",
              "rss_anon",
              "rss_file",
              "rss_shmem",
              "vm_pte",
              "vm_swap",
              "anon_huge",
              "hugetlb");

      /** Fields that are counts. */
      public static final List<String> COUNT_FIELDS =
          List.of(
              "min_flt",
              "maj_flt",
              "last_min_flt",
              "last_maj_flt",
              "oom_score",
              "oom_score_adj",
              "exit_status",
              "fork_ptes",
              "fork_swap_ptes",
              "fork_pmds",
              "fork_puds",
              "fork_entries",
              "fork_tables");

      /** Checks the parts. */
      public ProcessField {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(field, "field");
      }

      @Override
      public boolean isSize() {
        return SIZE_FIELDS.contains(field);
      }
    }

    /**
     * A line of /proc/meminfo, {@code meminfo.NAME} (e.g. {@code MemFree}, {@code Active(anon)}).
     * Values in kB compare in bytes; the {@code HugePages_*} lines are counts.
     *
     * @param name the key as the file prints it
     */
    record MeminfoField(String name) implements Subject {
      /** Checks the parts. */
      public MeminfoField {
        Objects.requireNonNull(name, "name");
      }

      @Override
      public boolean isSize() {
        return !name.startsWith("HugePages_");
      }
    }

    /**
     * A number of a memory cgroup, {@code cgroup.NAME.FIELD}: {@code memory.current} and {@code
     * memory.max} in bytes (a group without a limit has {@code Long.MAX_VALUE}), or a line of its
     * {@code memory.events} ({@link #EVENTS}), a count.
     *
     * @param cgroup the group's name
     * @param field {@code memory.current}, {@code memory.max} or an event name
     */
    record CgroupField(String cgroup, String field) implements Subject {
      /** The sizes: the limits and usages in bytes, and the modelled lines of memory.stat. */
      public static final List<String> SIZE_FIELDS =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of(
                      "memory.current",
                      "memory.max",
                      "memory.high",
                      "memory.low",
                      "memory.min",
                      "memory.swap.max",
                      "memory.swap.current"),
                  java.util.stream.Stream.of(
                          "anon",
                          "file",
                          "kernel",
                          "kernel_stack",
                          "pagetables",
                          "shmem",
                          "file_mapped",
                          "file_dirty",
                          "file_writeback",
                          "anon_thp",
                          "inactive_file",
                          "active_file")
                      .map(k -> "memory.stat." + k))
              .toList();

      /**
       * Counts matched before {@link #EVENTS}: the lines of {@code memory.swap.events} and {@code
       * memory.oom.group} (0 or 1).
       */
      public static final List<String> SWAP_EVENTS =
          List.of(
              "memory.swap.events.high",
              "memory.swap.events.max",
              "memory.swap.events.fail",
              "memory.oom.group");

      /** The counts: the keys of {@code memory.events}. */
      public static final List<String> EVENTS =
          List.of("low", "high", "max", "oom", "oom_kill", "oom_group_kill", "sock_throttled");

      /** Checks the parts. */
      public CgroupField {
        Objects.requireNonNull(cgroup, "cgroup");
        Objects.requireNonNull(field, "field");
      }

      @Override
      public boolean isSize() {
        return SIZE_FIELDS.contains(field);
      }
    }

    /**
     * A line of /proc/vmstat, {@code vmstat.NAME} (e.g. {@code pgfault}); always a count.
     *
     * @param name the key as the file prints it
     */
    record VmstatField(String name) implements Subject {
      /** Checks the parts. */
      public VmstatField {
        Objects.requireNonNull(name, "name");
      }

      @Override
      public boolean isSize() {
        return false;
      }
    }

    /**
     * A column of /proc/buddyinfo, {@code buddyinfo.ZONE.ORDER} (e.g. {@code buddyinfo.Normal.9}):
     * the free blocks of that order in that zone; a count.
     *
     * @param zone the zone name as the file prints it ({@code DMA}, {@code DMA32}, {@code Normal})
     * @param order 0 to 10
     */
    record BuddyinfoField(String zone, int order) implements Subject {
      /** Checks the parts. */
      public BuddyinfoField {
        Objects.requireNonNull(zone, "zone");
        if (order < 0 || order > 10) {
          throw new IllegalArgumentException("BuddyinfoField: order " + order);
        }
      }

      @Override
      public boolean isSize() {
        return false;
      }
    }

    /**
     * A file of {@code /sys/kernel/mm/transparent_hugepage/khugepaged/}, {@code khugepaged.NAME}
     * (e.g. {@code pages_collapsed}, {@code full_scans}, {@code max_ptes_none}); a count.
     *
     * @param name the file name
     */
    record KhugepagedField(String name) implements Subject {
      /** The files: the counters, then the knobs. */
      public static final List<String> FILES =
          List.of(
              "pages_collapsed",
              "full_scans",
              "defrag",
              "max_ptes_none",
              "max_ptes_swap",
              "max_ptes_shared",
              "pages_to_scan",
              "scan_sleep_millisecs",
              "alloc_sleep_millisecs");

      /** Checks the parts. */
      public KhugepagedField {
        Objects.requireNonNull(name, "name");
      }

      @Override
      public boolean isSize() {
        return false;
      }
    }
  }
}
