package dev.pagelab.sim.cli;

import dev.pagelab.sim.scenario.ScenarioException;
import dev.pagelab.sim.tools.InputException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The root command {@code pagelab}. Subcommands are registered in {@link #subcommands()} only.
 *
 * <p>Exit status: 0 on success, 1 when a subcommand reports an {@link InputException} (bad file,
 * bad scenario; printed as one line {@code pagelab: <message>} on stderr), 2 for a usage error
 * (picocli prints the message and the usage on stderr; a flag given a bad value gets the one line
 * that says what was expected).
 */
@Command(
    name = "pagelab",
    mixinStandardHelpOptions = true,
    version = "pagelab " + Main.VERSION,
    synopsisSubcommandLabel = "COMMAND",
    description = "A simulator of the Linux memory subsystem and of the tools that report on it.")
public final class Main implements Callable<Integer> {
  /** The version printed by {@code --version}. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  /** Exit status for a scenario or input error. */
  public static final int EXIT_INPUT = 1;

  @Spec private CommandSpec spec;

  /**
   * The subcommands of {@code pagelab}, in the order {@code --help} lists them. Add new ones here.
   *
   * @return fresh instances of the subcommand classes
   */
  static List<Object> subcommands() {
    return List.of(
        new RunCommand(),
        new ScenariosCommand(),
        new WalkCommand(),
        new FreeCommand(),
        new SarCommand(),
        new OomCommand());
  }

  /** Without a subcommand, {@code pagelab} is a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * Builds the command line with every subcommand registered and the exit-code handling set up.
   *
   * @param out where normal output goes
   * @param err where messages and usage errors go
   * @return the picocli command line
   */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Main());
    for (Object sub : subcommands()) {
      cl.addSubcommand(sub);
    }
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          if (!isBadValue(ex)) {
            return usage.handleParseException(ex, args);
          }
          ex.getCommandLine().getErr().println(ex.getMessage());
          return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof InputException || ex instanceof StudentCodeException) {
            commandLine.getErr().println("pagelab: " + ex.getMessage());
            return EXIT_INPUT;
          }
          if (ex instanceof ScenarioException) {
            commandLine.getErr().println(ex.getMessage());
            return EXIT_INPUT;
          }
          throw ex; // a bug: keep its stack trace
        });
    return cl;
  }

  /**
   * True for a flag given a value it cannot take ({@code --seconds abc}): one line says so, without
   * the whole usage text that an unknown flag or a missing argument gets.
   */
  private static boolean isBadValue(ParameterException ex) {
    return ex.getCause() instanceof CommandLine.TypeConversionException
        || (ex.getMessage() != null && ex.getMessage().startsWith("Invalid value for "));
  }

  /**
   * Runs {@code pagelab} with the given arguments.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments after {@code pagelab}
   * @return the exit status: 0, 1 (input error) or 2 (usage error)
   */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    CommandLine cl = commandLine(out, err);
    int status = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return status;
  }

  /**
   * The {@code java -jar pagelab.jar} entry point.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, Charset.defaultCharset());
    System.exit(execute(out, System.err, args));
  }
}
