package dev.pagelab.sim.run;

import dev.pagelab.sim.kernel.Process;
import java.util.HashMap;
import java.util.Map;

/** A process as a scenario knows it: its alias, its named regions, and its latest fault counts. */
final class Actor {
  final String alias;
  final Process process;
  final Map<String, Region> regions;
  long lastMinFlt;
  long lastMajFlt;

  Actor(String alias, Process process, Map<String, Region> regions) {
    this.alias = alias;
    this.process = process;
    this.regions = new HashMap<>(regions);
  }
}
