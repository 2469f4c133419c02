package dev.pagelab.exercises.oom;

/** Another exercise's code, which ends the JVM and reads a file: not pagewalk's business. */
public class Killer {
  /** Ends the JVM. */
  public static void kill() throws Exception {
    java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname"));
    System.exit(9);
  }
}
