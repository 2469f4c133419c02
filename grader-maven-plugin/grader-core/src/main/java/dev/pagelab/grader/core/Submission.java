package dev.pagelab.grader.core;

import dev.pagelab.grader.core.compile.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a student hands in for one exercise: the sources of the exercise's package (the grader
 * compiles them itself) or, for the grader's own checks of model answers, their class files. Only
 * files of the exercise's package folder are ever taken; a file that declares another package is
 * taken and then rejected by the static checks.
 */
public sealed interface Submission permits Submission.Sources, Submission.Classes {
  /** The most source text or class bytes a submission may hold. */
  long MAX_BYTES = 2L << 20;

  /**
   * Java sources, compiled by the grader.
   *
   * @param files the {@code .java} files, sorted by name
   */
  record Sources(List<SourceFile> files) implements Submission {
    /** A defensive copy. */
    public Sources {
      files = List.copyOf(files);
    }
  }

  /**
   * Compiled classes, checked and run as they are.
   *
   * @param classes binary name to class file
   */
  record Classes(Map<String, byte[]> classes) implements Submission {
    /** A defensive copy, sorted by name. */
    public Classes {
      classes = new TreeMap<>(classes);
    }
  }

  /**
   * The {@code .java} files in the folder of {@code exercisePackage} under a source root (not in
   * sub-folders: those are other packages).
   *
   * @throws GraderException if the folder cannot be read or holds more than {@link #MAX_BYTES}
   */
  static Sources sources(Path sourceRoot, String exercisePackage) throws GraderException {
    return sourcesIn(packageDir(sourceRoot, exercisePackage));
  }

  /**
   * The {@code .java} files directly in one folder.
   *
   * @throws GraderException if the folder cannot be read or holds more than {@link #MAX_BYTES}
   */
  static Sources sourcesIn(Path folder) throws GraderException {
    List<SourceFile> files = new ArrayList<>();
    long total = 0;
    for (Path f : list(folder, ".java")) {
      try {
        total += Files.size(f);
        if (total > MAX_BYTES) {
          throw new GraderException(
              "the sources in " + f.getParent() + " hold more than 2 MiB; hand in only your code");
        }
        files.add(
            new SourceFile(
                f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new GraderException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return new Sources(files);
  }

  /**
   * The {@code .class} files in the folder of {@code exercisePackage} under a classes directory,
   * named by their file names (the static checks compare each with the name inside).
   *
   * @throws GraderException if the folder cannot be read
   */
  static Classes classes(Path classesDir, String exercisePackage) throws GraderException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (Path f : list(packageDir(classesDir, exercisePackage), ".class")) {
      String file = f.getFileName().toString();
      try {
        classes.put(
            exercisePackage + "." + file.substring(0, file.length() - 6), Files.readAllBytes(f));
      } catch (IOException e) {
        throw new GraderException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return new Classes(classes);
  }

  /**
   * Finds the source root of a student's tree that holds the exercise's package: {@code
   * src/main/java} of the tree or of one module in it ({@code target} and hidden folders are
   * skipped).
   *
   * @throws GraderException if none or several hold the package
   */
  static Path findSourceRoot(Path tree, String exercisePackage) throws GraderException {
    String suffix = "src/main/java/" + exercisePackage.replace('.', '/');
    List<Path> found;
    try (Stream<Path> walk = Files.walk(tree, 12)) {
      found =
          walk.filter(Files::isDirectory)
              .filter(d -> d.toString().replace('\\', '/').endsWith(suffix))
              .filter(
                  d ->
                      !tree.relativize(d)
                          .toString()
                          .matches("(?s).*(^|[/\\\\])(target|\\.[^/\\\\]*)([/\\\\].*|$)"))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new GraderException("cannot read the submission " + tree + ": " + e.getMessage(), e);
    }
    if (found.size() != 1) {
      throw new GraderException(
          "the submission "
              + tree
              + (found.isEmpty() ? " has no folder " : " has several folders ")
              + suffix
              + (found.isEmpty() ? "" : ": " + found)
              + "; give the folder of the student's project");
    }
    Path pkg = found.get(0);
    for (String ignored : exercisePackage.split("\\.")) {
      pkg = pkg.getParent();
    }
    return pkg;
  }

  private static Path packageDir(Path root, String exercisePackage) {
    return root.resolve(exercisePackage.replace('.', '/'));
  }

  private static List<Path> list(Path dir, String extension) throws GraderException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(extension))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new GraderException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
