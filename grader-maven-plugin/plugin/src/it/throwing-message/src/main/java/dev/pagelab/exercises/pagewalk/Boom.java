package dev.pagelab.exercises.pagewalk;

/** An exception that cannot be described. */
class Boom extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @Override
  public String getMessage() {
    throw new IllegalStateException("no message");
  }

  @Override
  public String toString() {
    throw new IllegalStateException("no text");
  }
}
