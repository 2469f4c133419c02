package dev.pagelab.sim.kernel;

import dev.pagelab.sim.vm.AddressSpace;

/** A simulated process: its identity, address space, fault counters and fate. */
public final class Process {
  /** Where a process is in its life. */
  public enum State {
    /** Running (ps shows R or S). */
    RUNNING,
    /** Exited normally. */
    EXITED,
    /** Killed by a signal. */
    KILLED
  }

  private final int pid;
  private final int ppid;
  private final String comm;
  private final String exe;
  private final long startNanos;
  private AddressSpace mm;
  private long minFlt;
  private long majFlt;
  private State state = State.RUNNING;
  private int exitCode;
  private int termSignal;
  private long ip;
  private long sp;
  private int oomScoreAdj;
  private int cpu;

  Process(int pid, int ppid, String comm, String exe, long startNanos, AddressSpace mm) {
    this.pid = pid;
    this.ppid = ppid;
    this.comm = comm.length() > 15 ? comm.substring(0, 15) : comm;
    this.exe = exe;
    this.startNanos = startNanos;
    this.mm = mm;
  }

  /** The process ID. */
  public int pid() {
    return pid;
  }

  /** The parent's process ID. */
  public int ppid() {
    return ppid;
  }

  /** The command name ({@code task->comm}, at most 15 characters). */
  public String comm() {
    return comm;
  }

  /** The path of the executable. */
  public String exe() {
    return exe;
  }

  /** When the process started, on the simulated clock. */
  public long startNanos() {
    return startNanos;
  }

  /** The address space; null once the process has exited. */
  public AddressSpace mm() {
    return mm;
  }

  /** Minor faults ({@code min_flt}). */
  public long minFlt() {
    return minFlt;
  }

  /** Major faults ({@code maj_flt}). */
  public long majFlt() {
    return majFlt;
  }

  /** Running, exited or killed. */
  public State state() {
    return state;
  }

  /** True while the process runs. */
  public boolean alive() {
    return state == State.RUNNING;
  }

  /** The exit code of a process that exited. */
  public int exitCode() {
    return exitCode;
  }

  /** The signal that killed the process, or 0. */
  public int termSignal() {
    return termSignal;
  }

  /** The wait status a shell turns into {@code $?}: the exit code, or 128 + the signal. */
  public int shellStatus() {
    return state == State.KILLED ? 128 + termSignal : exitCode;
  }

  /** The instruction pointer the process is at (where its code touches memory). */
  public long ip() {
    return ip;
  }

  /** The stack pointer. */
  public long sp() {
    return sp;
  }

  /** {@code /proc/<pid>/oom_score_adj}: -1000 to 1000. */
  public int oomScoreAdj() {
    return oomScoreAdj;
  }

  /**
   * Sets {@code oom_score_adj}, as writing {@code /proc/<pid>/oom_score_adj} does.
   *
   * @throws IllegalArgumentException outside -1000..1000
   */
  public void setOomScoreAdj(int adj) {
    if (adj < -1000 || adj > 1000) {
      throw new IllegalArgumentException("oom_score_adj=" + adj + ": expected -1000..1000");
    }
    this.oomScoreAdj = adj;
  }

  /** The CPU the process runs on: 0 unless {@code Machine.setCpu} pinned it elsewhere. */
  public int cpu() {
    return cpu;
  }

  void setCpu(int cpu) {
    this.cpu = cpu;
  }

  void setRegisters(long ip, long sp) {
    this.ip = ip;
    this.sp = sp;
  }

  void countMinor() {
    minFlt++;
  }

  void countMajor() {
    majFlt++;
  }

  void exited(int code) {
    state = State.EXITED;
    exitCode = code;
    mm = null;
  }

  void killed(int signal) {
    state = State.KILLED;
    termSignal = signal;
    mm = null;
  }
}
