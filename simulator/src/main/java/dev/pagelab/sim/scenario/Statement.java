package dev.pagelab.sim.scenario;

/**
 * One line of a scenario. Every statement knows where it was written, so a runner can report a
 * runtime error ({@code p touch buf} after {@code buf} was unmapped by a fork child, a segfault...)
 * at its line.
 *
 * <p>A runner walks the statements with a {@link Visitor} (Java 17 has no pattern switch); the
 * compiler then checks that it handles every kind.
 */
public sealed interface Statement
    permits MachineStmt,
        SysctlStmt,
        CgroupStmt,
        FileStmt,
        FileOpStmt,
        SpawnStmt,
        MmapStmt,
        MunmapStmt,
        MprotectStmt,
        MadviseStmt,
        PinStmt,
        BrkStmt,
        ForkStmt,
        TouchStmt,
        AccessStmt,
        ExitStmt,
        PrctlStmt,
        TasksetStmt,
        SleepStmt,
        ViewStmt,
        EveryStmt,
        StopEveryStmt,
        ExpectStmt {

  /** Where the statement starts (column 1 is its first token). */
  Pos pos();

  /**
   * Calls the visitor method for this kind of statement.
   *
   * @param visitor the runner or any other walker
   * @param <R> what the visitor returns
   * @return what the visitor returned
   * @throws ScenarioException if the visitor reports a runtime error
   */
  <R> R accept(Visitor<R> visitor) throws ScenarioException;

  /**
   * One method per statement kind.
   *
   * @param <R> what each method returns ({@link Void} for a runner)
   */
  interface Visitor<R> {
    /** {@code machine ram=... swap=...}. */
    R visit(MachineStmt s) throws ScenarioException;

    /** {@code sysctl vm.key=value}. */
    R visit(SysctlStmt s) throws ScenarioException;

    /** {@code cgroup NAME memory.max=SIZE}. */
    R visit(CgroupStmt s) throws ScenarioException;

    /** {@code file /path size=...}. */
    R visit(FileStmt s) throws ScenarioException;

    /** {@code write}, {@code read}, {@code truncate}, {@code rm} of a file, or {@code sync}. */
    R visit(FileOpStmt s) throws ScenarioException;

    /** {@code spawn COMM as ALIAS}. */
    R visit(SpawnStmt s) throws ScenarioException;

    /** {@code p mmap SIZE ...}. */
    R visit(MmapStmt s) throws ScenarioException;

    /** {@code p munmap TARGET ...}. */
    R visit(MunmapStmt s) throws ScenarioException;

    /** {@code p mprotect TARGET PROT ...}. */
    R visit(MprotectStmt s) throws ScenarioException;

    /** {@code p madvise TARGET ADVICE ...}. */
    R visit(MadviseStmt s) throws ScenarioException;

    /** {@code p pin|unpin TARGET [stride=SIZE] ...}. */
    R visit(PinStmt s) throws ScenarioException;

    /** {@code p brk +SIZE} or {@code p brk -SIZE}. */
    R visit(BrkStmt s) throws ScenarioException;

    /** {@code p fork as c}. */
    R visit(ForkStmt s) throws ScenarioException;

    /** {@code p touch TARGET ...}. */
    R visit(TouchStmt s) throws ScenarioException;

    /** {@code p read ADDR}, {@code p write ADDR}, {@code p exec ADDR}. */
    R visit(AccessStmt s) throws ScenarioException;

    /** {@code p exit}. */
    R visit(ExitStmt s) throws ScenarioException;

    /** {@code p prctl thp_disable=0|1}. */
    R visit(PrctlStmt s) throws ScenarioException;

    /** {@code p taskset cpu=N}. */
    R visit(TasksetStmt s) throws ScenarioException;

    /** {@code sleep DURATION}. */
    R visit(SleepStmt s) throws ScenarioException;

    /** A view printed now: {@code free}, {@code ps}, {@code cat /proc/...}, .... */
    R visit(ViewStmt s) throws ScenarioException;

    /** {@code every PERIOD: VIEW}. */
    R visit(EveryStmt s) throws ScenarioException;

    /** {@code stop every}. */
    R visit(StopEveryStmt s) throws ScenarioException;

    /** {@code expect SUBJECT OP VALUE}. */
    R visit(ExpectStmt s) throws ScenarioException;
  }
}
