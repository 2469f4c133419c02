package dev.pagelab.sim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios shipped with the simulator: the experiments of the course notes. They live on the
 * class path as {@code dev/pagelab/sim/scenario/bundled/NAME.scn}; {@code index.txt} there lists
 * the names in lesson order, and each file's first {@code # description:} comment describes it.
 */
public final class BundledScenarios {
  private static final String DIR = "/dev/pagelab/sim/scenario/bundled/";
  private static final String DESCRIPTION = "# description:";

  /**
   * One bundled scenario.
   *
   * @param name the name to load it by, e.g. {@code demand-paging}
   * @param description its one-line description
   */
  public record Entry(String name, String description) {}

  private BundledScenarios() {}

  /**
   * Every bundled scenario, in lesson order.
   *
   * @return the entries
   * @throws IllegalStateException if the index or a listed file is missing or has no description (a
   *     broken build, never a user error)
   */
  public static List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    for (String name : names()) {
      String text = resource(name + ".scn");
      if (text == null) {
        throw new IllegalStateException(
            "BundledScenarios.list: index.txt lists " + name + " but " + name + ".scn is missing");
      }
      entries.add(new Entry(name, description(name, text)));
    }
    return entries;
  }

  /**
   * The text of a bundled scenario.
   *
   * @param name a name from {@link #list()}
   * @return the text
   * @throws ScenarioException if there is no scenario of that name; the hint lists the known ones
   */
  public static String text(String name) throws ScenarioException {
    List<String> names = names();
    String text = names.contains(name) ? resource(name + ".scn") : null;
    if (text == null) {
      throw new ScenarioException(
          "unknown bundled scenario \"" + name + "\"",
          "bundled scenarios: " + String.join(", ", names));
    }
    return text;
  }

  /**
   * Parses a bundled scenario; its positions name {@code NAME.scn}.
   *
   * @param name a name from {@link #list()}
   * @return the parsed scenario
   * @throws ScenarioException if there is no scenario of that name
   */
  public static Scenario load(String name) throws ScenarioException {
    return ScenarioParser.parse(name + ".scn", text(name));
  }

  private static List<String> names() {
    String index = resource("index.txt");
    if (index == null) {
      throw new IllegalStateException("BundledScenarios.names: " + DIR + "index.txt is missing");
    }
    return index
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static String description(String name, String text) {
    return text.lines()
        .filter(l -> l.startsWith(DESCRIPTION))
        .findFirst()
        .map(l -> l.substring(DESCRIPTION.length()).strip())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "BundledScenarios.description: " + name + ".scn has no " + DESCRIPTION));
  }

  /** The text of a resource in the bundled folder, or null if there is none. */
  private static String resource(String file) {
    try (InputStream in = BundledScenarios.class.getResourceAsStream(DIR + file)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("BundledScenarios.resource: cannot read " + DIR + file, e);
    }
  }
}
