package dev.pagelab.sim.proc;

import java.util.EnumMap;
import java.util.Map;

/**
 * The 52 fields of {@code /proc/<pid>/stat} ({@code fs/proc/array.c do_task_stat}), named as in
 * proc(5). Numbers are kept as 64-bit values and printed signed or unsigned as the kernel's format
 * does ({@code rsslim} is usually {@code RLIM_INFINITY} = 18446744073709551615).
 *
 * @param comm the command name (printed without escaping, inside parentheses)
 * @param state the scheduler state
 * @param numbers every numeric field (all fields but {@link Field#COMM} and {@link Field#STATE})
 */
public record PidStat(String comm, RunState state, Map<PidStat.Field, Long> numbers) {

  /** How a field is printed. */
  public enum Kind {
    /** {@code %d} / {@code %lld}. */
    SIGNED,
    /** {@code %lu} / {@code %llu}. */
    UNSIGNED,
    /** The comm or state text. */
    TEXT
  }

  /** The fields in file order. */
  public enum Field {
    /** Field 1, pid: process id. */
    PID("pid", Kind.SIGNED),
    /** Field 2, comm: command name in parentheses. */
    COMM("comm", Kind.TEXT),
    /** Field 3, state: state letter. */
    STATE("state", Kind.TEXT),
    /** Field 4, ppid: parent's process id. */
    PPID("ppid", Kind.SIGNED),
    /** Field 5, pgrp: process group. */
    PGRP("pgrp", Kind.SIGNED),
    /** Field 6, session: session id. */
    SESSION("session", Kind.SIGNED),
    /** Field 7, tty_nr: controlling terminal device. */
    TTY_NR("tty_nr", Kind.SIGNED),
    /** Field 8, tpgid: foreground process group of the terminal, -1 if none. */
    TPGID("tpgid", Kind.SIGNED),
    /** Field 9, flags: PF_* flags. */
    FLAGS("flags", Kind.UNSIGNED),
    /** Field 10, minflt: minor faults. */
    MINFLT("minflt", Kind.UNSIGNED),
    /** Field 11, cminflt: minor faults of waited-for children. */
    CMINFLT("cminflt", Kind.UNSIGNED),
    /** Field 12, majflt: major faults. */
    MAJFLT("majflt", Kind.UNSIGNED),
    /** Field 13, cmajflt: major faults of waited-for children. */
    CMAJFLT("cmajflt", Kind.UNSIGNED),
    /** Field 14, utime: user time in clock ticks. */
    UTIME("utime", Kind.UNSIGNED),
    /** Field 15, stime: system time in clock ticks. */
    STIME("stime", Kind.UNSIGNED),
    /** Field 16, cutime: children's user time. */
    CUTIME("cutime", Kind.SIGNED),
    /** Field 17, cstime: children's system time. */
    CSTIME("cstime", Kind.SIGNED),
    /** Field 18, priority: scheduling priority (20 + nice for normal tasks). */
    PRIORITY("priority", Kind.SIGNED),
    /** Field 19, nice: nice value. */
    NICE("nice", Kind.SIGNED),
    /** Field 20, num_threads: threads in the group. */
    NUM_THREADS("num_threads", Kind.SIGNED),
    /** Field 21, itrealvalue: always 0. */
    ITREALVALUE("itrealvalue", Kind.SIGNED),
    /** Field 22, starttime: start time after boot in clock ticks. */
    STARTTIME("starttime", Kind.UNSIGNED),
    /** Field 23, vsize: virtual size in bytes. */
    VSIZE("vsize", Kind.UNSIGNED),
    /** Field 24, rss: resident set size in pages. */
    RSS("rss", Kind.UNSIGNED),
    /** Field 25, rsslim: RLIMIT_RSS in bytes. */
    RSSLIM("rsslim", Kind.UNSIGNED),
    /** Field 26, startcode: start of program text. */
    STARTCODE("startcode", Kind.UNSIGNED),
    /** Field 27, endcode: end of program text. */
    ENDCODE("endcode", Kind.UNSIGNED),
    /** Field 28, startstack: start (bottom) of the stack. */
    STARTSTACK("startstack", Kind.UNSIGNED),
    /** Field 29, kstkesp: saved stack pointer (0 unless the task is dumping core). */
    KSTKESP("kstkesp", Kind.UNSIGNED),
    /** Field 30, kstkeip: saved instruction pointer (0 unless the task is dumping core). */
    KSTKEIP("kstkeip", Kind.UNSIGNED),
    /** Field 31, signal: pending signals, first 31. */
    SIGNAL("signal", Kind.UNSIGNED),
    /** Field 32, blocked: blocked signals, first 31. */
    BLOCKED("blocked", Kind.UNSIGNED),
    /** Field 33, sigignore: ignored signals, first 31. */
    SIGIGNORE("sigignore", Kind.UNSIGNED),
    /** Field 34, sigcatch: caught signals, first 31. */
    SIGCATCH("sigcatch", Kind.UNSIGNED),
    /** Field 35, wchan: 1 if sleeping in the kernel, else 0. */
    WCHAN("wchan", Kind.UNSIGNED),
    /** Field 36, nswap: always 0. */
    NSWAP("nswap", Kind.UNSIGNED),
    /** Field 37, cnswap: always 0. */
    CNSWAP("cnswap", Kind.UNSIGNED),
    /** Field 38, exit_signal: signal sent to the parent at exit. */
    EXIT_SIGNAL("exit_signal", Kind.SIGNED),
    /** Field 39, processor: CPU last run on. */
    PROCESSOR("processor", Kind.SIGNED),
    /** Field 40, rt_priority: real-time priority. */
    RT_PRIORITY("rt_priority", Kind.UNSIGNED),
    /** Field 41, policy: scheduling policy. */
    POLICY("policy", Kind.UNSIGNED),
    /** Field 42, delayacct_blkio_ticks: block I/O delay in clock ticks. */
    DELAYACCT_BLKIO_TICKS("delayacct_blkio_ticks", Kind.UNSIGNED),
    /** Field 43, guest_time: guest time in clock ticks. */
    GUEST_TIME("guest_time", Kind.UNSIGNED),
    /** Field 44, cguest_time: children's guest time. */
    CGUEST_TIME("cguest_time", Kind.SIGNED),
    /** Field 45, start_data: start of initialized and bss data. */
    START_DATA("start_data", Kind.UNSIGNED),
    /** Field 46, end_data: end of initialized and bss data. */
    END_DATA("end_data", Kind.UNSIGNED),
    /** Field 47, start_brk: start of the heap. */
    START_BRK("start_brk", Kind.UNSIGNED),
    /** Field 48, arg_start: start of the command-line arguments. */
    ARG_START("arg_start", Kind.UNSIGNED),
    /** Field 49, arg_end: end of the command-line arguments. */
    ARG_END("arg_end", Kind.UNSIGNED),
    /** Field 50, env_start: start of the environment. */
    ENV_START("env_start", Kind.UNSIGNED),
    /** Field 51, env_end: end of the environment. */
    ENV_END("env_end", Kind.UNSIGNED),
    /** Field 52, exit_code: exit status for waitpid. */
    EXIT_CODE("exit_code", Kind.SIGNED);

    private final String procName;
    private final Kind kind;

    Field(String procName, Kind kind) {
      this.procName = procName;
      this.kind = kind;
    }

    /** The name proc(5) gives the field. */
    public String procName() {
      return procName;
    }

    /** How the field is printed. */
    public Kind kind() {
      return kind;
    }
  }

  /** Checks that every numeric field has a value. */
  public PidStat {
    if (comm == null || state == null) {
      throw new IllegalArgumentException("PidStat: comm and state are required");
    }
    EnumMap<Field, Long> copy = new EnumMap<>(Field.class);
    copy.putAll(numbers);
    for (Field f : Field.values()) {
      if (f.kind() == Kind.TEXT) {
        if (copy.containsKey(f)) {
          throw new IllegalArgumentException("PidStat: " + f.procName() + " is not a number");
        }
      } else if (!copy.containsKey(f)) {
        throw new IllegalArgumentException("PidStat: missing field " + f.procName());
      }
    }
    numbers = Map.copyOf(copy);
  }

  /**
   * The stat of a freshly started single-threaded user process: everything 0 except the ids,
   * priority 20, no terminal (tpgid -1), {@code PF_RANDOMIZE}, exit signal SIGCHLD and unlimited
   * RSS limit.
   */
  public static PidStat userProcess(int pid, String comm, RunState state, int ppid) {
    EnumMap<Field, Long> n = new EnumMap<>(Field.class);
    for (Field f : Field.values()) {
      if (f.kind() != Kind.TEXT) {
        n.put(f, 0L);
      }
    }
    n.put(Field.PID, (long) pid);
    n.put(Field.PPID, (long) ppid);
    n.put(Field.PGRP, (long) pid);
    n.put(Field.SESSION, (long) pid);
    n.put(Field.TPGID, -1L);
    n.put(Field.FLAGS, 0x400000L); // PF_RANDOMIZE
    n.put(Field.PRIORITY, 20L);
    n.put(Field.NUM_THREADS, 1L);
    n.put(Field.RSSLIM, -1L); // RLIM_INFINITY
    n.put(Field.EXIT_SIGNAL, 17L); // SIGCHLD
    return new PidStat(comm, state, n);
  }

  /** The value of a numeric field. */
  public long get(Field field) {
    Long v = numbers.get(field);
    if (v == null) {
      throw new IllegalArgumentException("get: " + field.procName() + " is not a number");
    }
    return v;
  }

  /** A copy with one numeric field changed. */
  public PidStat with(Field field, long value) {
    EnumMap<Field, Long> copy = new EnumMap<>(numbers);
    copy.put(field, value);
    return new PidStat(comm, state, copy);
  }

  /** Field 10: minor faults. */
  public long minflt() {
    return get(Field.MINFLT);
  }

  /** Field 12: major faults. */
  public long majflt() {
    return get(Field.MAJFLT);
  }

  /** Field 23: virtual size in bytes. */
  public long vsize() {
    return get(Field.VSIZE);
  }

  /** Field 24: resident set size in pages. */
  public long rss() {
    return get(Field.RSS);
  }
}
