package picocli;

/** Declared in picocli's package, from the exercise's folder. */
public class Helper {
  /** Reads a file through picocli. */
  public static Object read() {
    return new picocli.CommandLine(new Object()).getCommandName();
  }
}
