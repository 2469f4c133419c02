package dev.pagelab.grader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTest {
  @TempDir Path tree;

  private void file(String path) throws Exception {
    Path f = tree.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "// " + path);
  }

  @Test
  void onlyTheFilesOfThePackageFolderAreTaken() throws Exception {
    file("src/main/java/a/b/Walker.java");
    file("src/main/java/a/b/Helper.java");
    file("src/main/java/a/b/notes.txt");
    file("src/main/java/a/b/c/Deeper.java");
    file("src/main/java/picocli/CommandLine.java");
    file("src/main/resources/junit-platform.properties");
    file("src/test/java/a/b/WalkerTest.java");
    Path root = Submission.findSourceRoot(tree, "a.b");
    assertEquals(tree.resolve("src/main/java"), root);
    List<String> names =
        Submission.sources(root, "a.b").files().stream()
            .map(f -> f.name())
            .collect(Collectors.toList());
    assertEquals(List.of("Helper.java", "Walker.java"), names);
  }

  @Test
  void aModuleOfTheTreeIsFoundAndBuildOutputIsSkipped() throws Exception {
    file("exercises/src/main/java/a/b/Walker.java");
    file("exercises/target/copy/src/main/java/a/b/Walker.java");
    file(".git/src/main/java/a/b/Walker.java");
    assertEquals(tree.resolve("exercises/src/main/java"), Submission.findSourceRoot(tree, "a.b"));
  }

  @Test
  void noneOrSeveralFoldersAreAnError() throws Exception {
    GraderException none =
        assertThrows(GraderException.class, () -> Submission.findSourceRoot(tree, "a.b"));
    assertTrue(none.getMessage().contains("has no folder src/main/java/a/b"), none.getMessage());
    file("one/src/main/java/a/b/Walker.java");
    file("two/src/main/java/a/b/Walker.java");
    GraderException two =
        assertThrows(GraderException.class, () -> Submission.findSourceRoot(tree, "a.b"));
    assertTrue(two.getMessage().contains("has several folders"), two.getMessage());
  }
}
