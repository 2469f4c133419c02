package dev.pagelab.solutions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The oom exercise in the whole simulator: {@code pagelab run --oom-policy student --classes DIR}
 * runs the OOM topic's scenarios on the student's OomKiller. With the model answer the output is
 * the reference's byte for byte; with a mutant it is not (so the class really came from {@code
 * DIR}, not from the classpath, where the answer also is).
 */
class OomScenarioTest {
  @TempDir Path classes;

  /** {@code pagelab ARGS}: the exit status, then standard output, then standard error. */
  private static List<String> pagelab(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return List.of(
        Integer.toString(status),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private Path compiled(String name, List<Path> sources) throws IOException {
    return ExerciseRun.compile(sources, classes.resolve(name));
  }

  private Path mutant(String name) throws IOException {
    return compiled(
        name, List.of(Exercise.OOM.mutantsDir().resolve(name).resolve("OomKiller.java")));
  }

  private static List<String> student(Path dir, String scenario) {
    return pagelab("run", "--oom-policy", "student", "--classes", dir.toString(), scenario);
  }

  @ParameterizedTest
  @ValueSource(strings = {"oom", "oom-cgroup"})
  void theModelAnswerPrintsWhatTheReferencePrints(String scenario) throws IOException {
    List<String> reference = pagelab("run", scenario);
    List<String> answer = student(compiled("answer", Exercise.OOM.answerSources()), scenario);
    assertEquals("0", reference.get(0), reference.get(2));
    assertTrue(reference.get(1).contains("Killed process"), reference.get(1));
    assertEquals(reference, answer, "pagelab run --oom-policy student " + scenario);
  }

  @Test
  void aWrongOomScoreShowsInTheScenarioOutput() throws IOException {
    List<String> reference = pagelab("run", "oom");
    List<String> mutant = student(mutant("oom-score-without-swap"), "oom");
    assertEquals("0", mutant.get(0), mutant.get(2));
    assertNotEquals(reference.get(1), mutant.get(1));
    List<String> ours = reference.get(1).lines().toList();
    List<String> theirs = mutant.get(1).lines().toList();
    assertEquals(ours.size(), theirs.size(), "only cat /proc/*/oom_score prints something else");
  }

  @Test
  void anUnscaledAdjKillsAnotherProcessAndTheScenarioSaysSo() throws IOException {
    List<String> mutant = student(mutant("adj-unscaled"), "oom");
    assertEquals("1", mutant.get(0), "the scenario's expect batch.exit_status == 137 must fail");
    assertTrue(mutant.get(2).contains("expectation(s) failed"), mutant.get(2));
    assertTrue(mutant.get(1).contains("Killed process"), mutant.get(1));
  }

  @Test
  void theStubIsOneLineNamingTheMethod() throws IOException {
    Path stub = compiled("stub", Exercise.OOM.stubSources());
    List<String> r = student(stub, "oom");
    assertEquals("1", r.get(0));
    assertEquals(1, r.get(2).lines().count(), r.get(2));
    assertTrue(
        r.get(2).startsWith("pagelab: dev.pagelab.exercises.oom.OomKiller.chooseVictim(global OOM"),
        r.get(2));
    assertTrue(r.get(2).contains("TODO(oom)"), r.get(2));
  }
}
