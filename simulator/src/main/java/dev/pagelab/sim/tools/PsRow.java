package dev.pagelab.sim.tools;

import java.util.Objects;

/**
 * One process as {@code ps} sees it (the fields of {@code /proc/<pid>/stat} and {@code status} that
 * the supported columns print).
 *
 * @param pid the process id (tgid)
 * @param ppid the parent's pid
 * @param comm the command name, at most 15 characters in the kernel
 * @param args the command line with arguments joined by spaces, empty for kernel threads and
 *     zombies (then {@code ps} shows {@code [comm]})
 * @param state the state letter: R, S, D, T, t, X, Z, I
 * @param nice the nice value, -20..19
 * @param vszKb VmSize in kB
 * @param rssKb VmRSS in kB
 * @param majFlt major faults
 * @param minFlt minor faults
 * @param elapsedSeconds seconds since the process started
 * @param sid the session id
 * @param pgrp the process group id
 * @param tpgid the foreground process group of the terminal, -1 without one
 * @param nlwp the number of threads
 * @param lockedKb VmLck in kB
 */
public record PsRow(
    int pid,
    int ppid,
    String comm,
    String args,
    char state,
    int nice,
    long vszKb,
    long rssKb,
    long majFlt,
    long minFlt,
    long elapsedSeconds,
    int sid,
    int pgrp,
    int tpgid,
    int nlwp,
    long lockedKb) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a text is null or a count is negative
   */
  public PsRow {
    Objects.requireNonNull(comm, "PsRow: comm");
    Objects.requireNonNull(args, "PsRow: args");
    if (vszKb < 0 || rssKb < 0 || majFlt < 0 || minFlt < 0 || elapsedSeconds < 0 || lockedKb < 0) {
      throw new IllegalArgumentException("PsRow: negative size, count or time for pid " + pid);
    }
    if (nlwp < 1) {
      throw new IllegalArgumentException(
          "PsRow: nlwp " + nlwp + " for pid " + pid + ", expected >= 1");
    }
  }

  /**
   * A sleeping, single-threaded process without a terminal, started just now.
   *
   * @param pid the pid
   * @param ppid the parent's pid
   * @param comm the command name
   * @param vszKb VmSize in kB
   * @param rssKb VmRSS in kB
   * @param majFlt major faults
   * @param minFlt minor faults
   * @return the row
   */
  public static PsRow of(
      int pid, int ppid, String comm, long vszKb, long rssKb, long majFlt, long minFlt) {
    return new PsRow(
        pid, ppid, comm, "", 'S', 0, vszKb, rssKb, majFlt, minFlt, 0, 0, pid, -1, 1, 0);
  }

  /**
   * Returns a copy with a command line.
   *
   * @param a the arguments joined by spaces
   * @return the copy
   */
  public PsRow withArgs(String a) {
    return new PsRow(
        pid,
        ppid,
        comm,
        a,
        state,
        nice,
        vszKb,
        rssKb,
        majFlt,
        minFlt,
        elapsedSeconds,
        sid,
        pgrp,
        tpgid,
        nlwp,
        lockedKb);
  }

  /**
   * Returns a copy in another state.
   *
   * @param s the state letter
   * @return the copy
   */
  public PsRow withState(char s) {
    return new PsRow(
        pid,
        ppid,
        comm,
        args,
        s,
        nice,
        vszKb,
        rssKb,
        majFlt,
        minFlt,
        elapsedSeconds,
        sid,
        pgrp,
        tpgid,
        nlwp,
        lockedKb);
  }

  /**
   * Returns a copy with another age.
   *
   * @param seconds seconds since start
   * @return the copy
   */
  public PsRow withElapsedSeconds(long seconds) {
    return new PsRow(
        pid, ppid, comm, args, state, nice, vszKb, rssKb, majFlt, minFlt, seconds, sid, pgrp, tpgid,
        nlwp, lockedKb);
  }
}
