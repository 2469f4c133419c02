package dev.pagelab.grader.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.TestBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
  private static final String TEXT =
      """
      # a comment
      package a.b
      allow java.lang.Math *            # every member
      allow java.util.Collection * -parallelStream
      allow java.lang.Long valueOf longValue
      allow java.lang.RuntimeException new
      allow java.lang.CharSequence
      hint java.util.Formatter Use String.format. || String.format을 쓰세요.
      hint java.util.Arrays#parallelSort Use Arrays.sort. || Arrays.sort를 쓰세요.
      """;

  @Test
  void readsEveryDirective() throws GraderException {
    Policy p = Policy.parse(TEXT, "t");
    assertEquals("a.b", p.exercisePackage());
    assertTrue(p.entry("java.lang.Math").get().allows("max"));
    assertTrue(p.entry("java.util.Collection").get().allows("stream"));
    assertFalse(p.entry("java.util.Collection").get().allows("parallelStream"));
    assertTrue(p.entry("java.lang.Long").get().allows("valueOf"));
    assertFalse(p.entry("java.lang.Long").get().allows("getLong"));
    assertTrue(p.entry("java.lang.RuntimeException").get().allows(Policy.CONSTRUCTOR));
    assertTrue(p.allowsType("java.lang.CharSequence"));
    assertFalse(p.entry("java.lang.CharSequence").get().allows("length"));
    assertFalse(p.allowsType("java.io.File"));
    assertEquals("Use String.format.", p.hint("java.util.Formatter", "new").get().en());
    assertEquals("Arrays.sort를 쓰세요.", p.hint("java.util.Arrays", "parallelSort").get().ko());
    assertTrue(p.hint("java.util.Arrays", "sort").isEmpty());
  }

  @Test
  void mistakesNameTheLine() {
    for (String bad :
        List.of(
            "package a.b\nallow java.lang.Math max\nallow java.lang.Math min\n|t:3:",
            "package a.b\nallow java.lang.Math -max\n|t:2:",
            "package a.b\ndeny java.lang.Math\n|t:2:",
            "package a.b\nhint java.util.Formatter no korean\n|t:2:",
            "package a.b\nallow java..lang.Math *\n|t:2:",
            "allow java.lang.Math *\n|no 'package")) {
      String[] parts = bad.split("\\|");
      GraderException e = assertThrows(GraderException.class, () -> Policy.parse(parts[0], "t"));
      assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }
  }

  @Test
  void isFoundAmongTheInstructorsTestFiles(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("META-INF/pagelab-grader/demo/grader-policy.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, TEXT, StandardCharsets.UTF_8);
    Policy p = Policy.find(TestBundle.read(List.of(tmp)), "demo");
    assertEquals("a.b", p.exercisePackage());
    GraderException e =
        assertThrows(GraderException.class, () -> Policy.find(TestBundle.read(List.of(tmp)), "x"));
    assertTrue(e.getMessage().contains("META-INF/pagelab-grader/x/grader-policy.txt"));
  }
}
