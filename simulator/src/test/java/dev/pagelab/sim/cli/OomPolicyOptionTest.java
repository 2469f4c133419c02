package dev.pagelab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.cli.policies.OomTestPolicies;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --oom-policy reference|student|CLASS} with {@code --classes DIR}: the scenarios of the OOM
 * topic run on another policy, the same output for the same answers, another output for another
 * answer, and one line naming the method and the task when the policy throws.
 */
class OomPolicyOptionTest {
  private static final String POLICIES = OomTestPolicies.class.getName();

  private static String classes() {
    try {
      return Path.of(
              OomTestPolicies.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CliRun run(String policy, String scenario) {
    return CliRun.pagelab("run", "--oom-policy", policy, "--classes", classes(), scenario);
  }

  @Test
  void theReferenceLoadedAsAClassPrintsTheSameScenarios() {
    for (String scenario : List.of("oom", "oom-cgroup")) {
      CliRun ours = CliRun.pagelab("run", scenario);
      CliRun loaded = run("dev.pagelab.sim.oom.ReferenceOomPolicy", scenario);
      assertEquals(0, ours.status(), ours.err());
      assertEquals(0, loaded.status(), loaded.err());
      assertEquals(ours.out(), loaded.out(), scenario);
    }
  }

  @Test
  void anotherOomScoreChangesOnlyTheOomScoreLines() {
    CliRun ours = CliRun.pagelab("run", "oom");
    CliRun other = run(POLICIES + "$ScoreWithoutSwap", "oom");
    assertEquals(0, other.status(), other.err());
    assertNotEquals(ours.out(), other.out());
    List<String> a = ours.out().lines().toList();
    List<String> b = other.out().lines().toList();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        assertTrue(a.get(i - 1).contains("oom_score"), "line " + i + ": " + a.get(i));
      }
    }
  }

  @Test
  void aThrowingPolicyIsOneLineNamingTheMethodAndTheTask() {
    CliRun r = run(POLICIES + "$NotStarted", "oom");
    assertEquals(1, r.status(), r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err()
            .matches(
                "pagelab: .*NotStarted\\.chooseVictim\\(global OOM, current pid \\d+ \\(hog\\),"
                    + " \\d+ tasks\\) threw java\\.lang\\.UnsupportedOperationException: TODO\\(oom\\):"
                    + " chooseVictim at OomTestPolicies\\.java:\\d+\n"),
        r.err());
  }

  @Test
  void anImpossibleChoiceIsOneLine() {
    CliRun stranger = run(POLICIES + "$ChoosesAStranger", "oom-cgroup");
    assertEquals(1, stranger.status());
    assertTrue(
        stranger.err().contains("chose pid 999999 (stranger), which is not one of the tasks"),
        stranger.err());
    CliRun none = run(POLICIES + "$ChoosesNull", "oom");
    assertEquals(1, none.status());
    assertTrue(none.err().endsWith("returned null\n"), none.err());
  }

  @Test
  void missingClassesAndMissingClassSayHowToBuild() {
    CliRun dir =
        CliRun.pagelab("run", "--oom-policy", "student", "--classes", "/no/such/dir", "oom");
    assertEquals(1, dir.status());
    assertTrue(
        dir.err().startsWith("pagelab: --classes /no/such/dir: no such directory"), dir.err());
    CliRun cls = run("dev.pagelab.NoSuchPolicy", "oom");
    assertEquals(1, cls.status());
    assertTrue(
        cls.err().startsWith("pagelab: --oom-policy dev.pagelab.NoSuchPolicy: no such class"),
        cls.err());
    CliRun notPolicy = run("dev.pagelab.sim.cli.policies.OomTestPolicies$Delegating", "oom");
    assertEquals(1, notPolicy.status());
    assertEquals(1, notPolicy.err().lines().count(), notPolicy.err());
  }
}
