package dev.pagelab.sim.cli;

import dev.pagelab.sim.scenario.BundledScenarios;
import dev.pagelab.sim.scenario.ScenarioException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pagelab scenarios}: the bundled scenarios, one line each, or the text of one. */
@Command(
    name = "scenarios",
    mixinStandardHelpOptions = true,
    description = {
      "List the bundled scenarios with a one-line description, or print one's source.",
      "Examples: pagelab scenarios",
      "          pagelab scenarios --show demand-paging > my.scn"
    })
final class ScenariosCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--show",
      paramLabel = "NAME",
      description =
          "Print the scenario's source, to read or to copy and change. Example: --show segv")
  private String show;

  @Parameters(arity = "0", hidden = true)
  private String[] none;

  @Override
  public Integer call() throws ScenarioException {
    PrintWriter out = spec.commandLine().getOut();
    if (show != null) {
      out.print(BundledScenarios.text(show));
      return 0;
    }
    int width = 0;
    for (BundledScenarios.Entry e : BundledScenarios.list()) {
      width = Math.max(width, e.name().length());
    }
    for (BundledScenarios.Entry e : BundledScenarios.list()) {
      out.printf("%-" + width + "s  %s%n", e.name(), e.description());
    }
    return 0;
  }
}
