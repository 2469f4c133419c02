package dev.pagelab.sim.proc;

/**
 * A task's scheduler state as {@code /proc/<pid>/status} and {@code stat} print it ({@code
 * fs/proc/array.c task_state_array}).
 */
public enum RunState {
  /** {@code R (running)}. */
  RUNNING('R', "running"),
  /** {@code S (sleeping)}: interruptible sleep. */
  SLEEPING('S', "sleeping"),
  /** {@code D (disk sleep)}: uninterruptible sleep. */
  DISK_SLEEP('D', "disk sleep"),
  /** {@code T (stopped)}. */
  STOPPED('T', "stopped"),
  /** {@code t (tracing stop)}. */
  TRACING_STOP('t', "tracing stop"),
  /** {@code X (dead)}. */
  DEAD('X', "dead"),
  /** {@code Z (zombie)}: exited, not yet reaped. */
  ZOMBIE('Z', "zombie"),
  /** {@code P (parked)}: a parked kernel thread. */
  PARKED('P', "parked"),
  /** {@code I (idle)}: an idle kernel thread. */
  IDLE('I', "idle");

  private final char letter;
  private final String word;

  RunState(char letter, String word) {
    this.letter = letter;
    this.word = word;
  }

  /** The one-letter code of {@code stat} and {@code ps}. */
  public char letter() {
    return letter;
  }

  /** The status text, e.g. {@code "S (sleeping)"}. */
  public String statusText() {
    return letter + " (" + word + ")";
  }

  /** The state with this letter, or null. */
  public static RunState ofLetter(char letter) {
    for (RunState s : values()) {
      if (s.letter == letter) {
        return s;
      }
    }
    return null;
  }
}
