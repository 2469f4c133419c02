package dev.pagelab.sim.cli;

import dev.pagelab.sim.kernel.Machine;
import dev.pagelab.sim.run.ScenarioRunner;
import dev.pagelab.sim.scenario.BundledScenarios;
import dev.pagelab.sim.scenario.Scenario;
import dev.pagelab.sim.scenario.ScenarioException;
import dev.pagelab.sim.scenario.ScenarioParser;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.PageTableWalker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pagelab run NAME|FILE}: runs a bundled scenario or a scenario file. */
@Command(
    name = "run",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Run a scenario: a bundled one by name (see 'pagelab scenarios') or a .scn file.",
      "Prints each system call, each view and each sampler tick on the simulated clock.",
      "Exit status: 0 if every 'expect' held, 1 for a scenario error or a failed expect.",
      "Examples: pagelab run demand-paging",
      "          pagelab run my-experiment.scn",
      "          pagelab run --walker student demand-paging",
      "          pagelab run --oom-policy student oom"
    })
final class RunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private WalkerOption walkerOption;

  @Mixin private OomPolicyOption oomPolicyOption;

  @Mixin private StudentClasses classes;

  @Parameters(
      paramLabel = "NAME|FILE",
      description = "A bundled scenario (e.g. demand-paging) or a scenario file (e.g. lab.scn).")
  private String scenario;

  @Override
  public Integer call() throws Exception {
    Scenario parsed = load(scenario);
    PrintWriter out = spec.commandLine().getOut();
    PageTableWalker walker = walkerOption.walker(classes);
    OomPolicy oomPolicy = oomPolicyOption.policy(classes);
    Machine machine =
        new Machine(
            ScenarioRunner.configFor(parsed.machine()),
            walker,
            new dev.pagelab.sim.fault.DemandPaging(),
            oomPolicy);
    ScenarioRunner.Result result = ScenarioRunner.run(parsed, machine, out);
    out.flush();
    if (!result.passed()) {
      spec.commandLine()
          .getErr()
          .println(
              "pagelab: "
                  + result.failedExpectations().size()
                  + " expectation(s) failed in "
                  + parsed.source());
      return Main.EXIT_INPUT;
    }
    return 0;
  }

  /** A scenario file if {@code nameOrFile} names one, else the bundled scenario of that name. */
  static Scenario load(String nameOrFile) throws ScenarioException {
    Path path = Path.of(nameOrFile);
    if (Files.isRegularFile(path)) {
      return ScenarioParser.parse(path);
    }
    if (nameOrFile.contains("/") || nameOrFile.endsWith(".scn")) {
      throw new ScenarioException(
          nameOrFile + ": no such file", "give a bundled scenario's name or an existing .scn file");
    }
    return BundledScenarios.load(nameOrFile);
  }
}
