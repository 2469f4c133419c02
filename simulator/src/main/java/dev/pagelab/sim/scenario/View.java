package dev.pagelab.sim.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the scenario prints, as the real tool would: a {@link ViewStmt} prints it once, an
 * {@link EveryStmt} at every tick. A runner walks views with a {@link Visitor}.
 */
public sealed interface View
    permits View.Free,
        View.Ps,
        View.ProcFile,
        View.PidFile,
        View.CgroupFile,
        View.Dmesg,
        View.Walk,
        View.Echo,
        View.Sar {

  /**
   * Calls the visitor method for this kind of view.
   *
   * @param visitor the printer
   * @param <R> what the visitor returns
   * @return what the visitor returned
   * @throws ScenarioException if the visitor reports a runtime error
   */
  <R> R accept(Visitor<R> visitor) throws ScenarioException;

  /**
   * One method per view kind.
   *
   * @param <R> what each method returns
   */
  interface Visitor<R> {
    /** {@code free}. */
    R visit(Free v) throws ScenarioException;

    /** {@code ps}. */
    R visit(Ps v) throws ScenarioException;

    /** {@code cat /proc/meminfo} and the other system-wide files. */
    R visit(ProcFile v) throws ScenarioException;

    /** {@code cat /proc/p/maps} and the other per-process files. */
    R visit(PidFile v) throws ScenarioException;

    /** {@code cat /sys/fs/cgroup/NAME/memory.events} and the other cgroup files. */
    R visit(CgroupFile v) throws ScenarioException;

    /** {@code dmesg}. */
    R visit(Dmesg v) throws ScenarioException;

    /** {@code walk p ADDR}. */
    R visit(Walk v) throws ScenarioException;

    /** {@code echo "text"}. */
    R visit(Echo v) throws ScenarioException;

    /** {@code sar -r}, {@code sar -r ALL}, {@code sar -B} (only inside {@code every}). */
    R visit(Sar v) throws ScenarioException;
  }

  /** The unit {@code free} prints in (procps-ng src/free.c). */
  enum FreeUnit {
    /** {@code -b}. */
    BYTES,
    /** {@code -k}, the default. */
    KIBI,
    /** {@code -m}. */
    MEBI,
    /** {@code -g}. */
    GIBI,
    /** {@code --tera}. */
    TEBI,
    /** {@code -h}: human-readable, the unit chosen per value. */
    HUMAN
  }

  /**
   * {@code free [-b|-k|-m|-g|--tera|-h] [-w] [-t] [--si]}.
   *
   * @param unit the unit (default KIBI)
   * @param wide {@code -w}: buffers and cache in separate columns
   * @param total {@code -t}: a Total line
   * @param si {@code --si}: powers of 1000 instead of 1024
   */
  record Free(FreeUnit unit, boolean wide, boolean total, boolean si) implements View {
    /** Checks the parts. */
    public Free {
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /**
   * One column of {@code ps -o}.
   *
   * @param field the procps field name, e.g. {@code vsz}, {@code maj_flt}, {@code %mem}
   * @param header {@code field=TEXT}: the header to print instead of the default, possibly empty
   */
  record PsColumn(String field, Optional<String> header) {
    /** Checks the parts. */
    public PsColumn {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(header, "header");
    }
  }

  /**
   * {@code ps [ALIAS...] [-p ALIAS,...] [-o FIELDS]... [--no-headers]}.
   *
   * @param processes the aliases to show, in order; empty for every live process
   * @param columns the {@code -o} columns; empty for ps's default {@code PID TTY TIME CMD}
   * @param headers false with {@code --no-headers}, or when every header was renamed to nothing
   */
  record Ps(List<String> processes, List<PsColumn> columns, boolean headers) implements View {
    /** Copies the lists. */
    public Ps {
      processes = List.copyOf(processes);
      columns = List.copyOf(columns);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /**
   * {@code cat /proc/NAME}: a system-wide file, one of {@link #NAMES}.
   *
   * @param name e.g. {@code meminfo}
   */
  record ProcFile(String name) implements View {
    /** The files a scenario may print. */
    public static final List<String> NAMES =
        List.of("meminfo", "vmstat", "zoneinfo", "buddyinfo", "swaps");

    /** Checks the parts. */
    public ProcFile {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /**
   * {@code cat /proc/ALIAS/NAME}: a per-process file, one of {@link #NAMES}.
   *
   * @param process the alias
   * @param name e.g. {@code maps}
   */
  record PidFile(String process, String name) implements View {
    /** The files a scenario may print. */
    public static final List<String> NAMES =
        List.of(
            "maps",
            "smaps",
            "smaps_rollup",
            "status",
            "stat",
            "statm",
            "oom_score",
            "oom_score_adj");

    /** Checks the parts. */
    public PidFile {
      Objects.requireNonNull(process, "process");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /**
   * {@code cat /sys/fs/cgroup/NAME/FILE}: a file of a memory cgroup, one of {@link #NAMES}.
   *
   * @param cgroup the group's name, made by a {@code cgroup} line
   * @param name e.g. {@code memory.events}
   */
  record CgroupFile(String cgroup, String name) implements View {
    /** The files a scenario may print. */
    public static final List<String> NAMES =
        List.of(
            "memory.current",
            "memory.max",
            "memory.events",
            "memory.high",
            "memory.low",
            "memory.min",
            "memory.swap.max",
            "memory.swap.current",
            "memory.swap.events",
            "memory.stat",
            "memory.oom.group");

    /** Checks the parts. */
    public CgroupFile {
      Objects.requireNonNull(cgroup, "cgroup");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /** {@code dmesg}: the kernel log (segfault lines, OOM reports). */
  record Dmesg() implements View {
    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /**
   * {@code walk p ADDR}: the page-table walk of one address, level by level.
   *
   * @param process the alias
   * @param location the address
   */
  record Walk(String process, Location location) implements View {
    /** Checks the parts. */
    public Walk {
      Objects.requireNonNull(process, "process");
      Objects.requireNonNull(location, "location");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /**
   * {@code echo "text"} or {@code echo words...}: prints the text and a newline.
   *
   * @param text the text, quotes removed
   */
  record Echo(String text) implements View {
    /** Checks the parts. */
    public Echo {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }

  /** The sysstat {@code sar} reports a scenario may sample. */
  enum SarReport {
    /** {@code -r}: memory utilization. */
    MEMORY,
    /** {@code -r ALL}: memory utilization with the extra columns. */
    MEMORY_ALL,
    /** {@code -B}: paging statistics. */
    PAGING
  }

  /**
   * {@code sar [-h] -r [ALL]} or {@code sar [-h] -B}: one report line per tick (with the header
   * before the first), the Average line at {@code stop every}. Only inside {@code every}, whose
   * period is sar's interval.
   *
   * @param report which report
   * @param human {@code -h}: human-readable units
   */
  record Sar(SarReport report, boolean human) implements View {
    /** Checks the parts. */
    public Sar {
      Objects.requireNonNull(report, "report");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws ScenarioException {
      return visitor.visit(this);
    }
  }
}
