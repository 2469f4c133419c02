package dev.pagelab.sim.cli;

/** Code plugged into the simulator (a student's walker) failed; the message says where and how. */
final class StudentCodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StudentCodeException(String message) {
    super(message);
  }
}
