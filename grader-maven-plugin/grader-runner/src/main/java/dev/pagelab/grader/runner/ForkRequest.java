package dev.pagelab.grader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the forked JVM needs, sent by the grader on the fork's standard input before any
 * graded code runs: the fork defines the submission's classes and the instructor's test classes
 * from these bytes only, so nothing the fork writes to disk can change what it runs.
 *
 * @param secret the per-run secret every {@link Wire} line starts with
 * @param outputCap how many bytes of one test's output are kept
 * @param guard true to run the submission under the runtime guard (see {@link Guard})
 * @param exercisePackage the one package the submission's classes are in, e.g. {@code
 *     dev.pagelab.exercises.pagewalk}
 * @param tests the tests to run, in order
 * @param submission the submission's class files: binary name to bytes
 * @param testFiles the instructor's test classes and resources: path (as in a jar, {@code
 *     a/b/C.class}) to bytes
 */
public record ForkRequest(
    String secret,
    int outputCap,
    boolean guard,
    String exercisePackage,
    List<Test> tests,
    Map<String, byte[]> submission,
    Map<String, byte[]> testFiles) {
  private static final String MAGIC = "pagelab-fork/2";

  /**
   * One test to run.
   *
   * @param id the id reported on the wire, {@code class#method}
   * @param selector the JUnit method selector, {@code class#method(parameter types)}
   */
  public record Test(String id, String selector) {
    /** Checks the values. */
    public Test {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(selector, "selector");
    }
  }

  /** Defensive copies; the maps keep their order. */
  public ForkRequest {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(exercisePackage, "exercisePackage");
    tests = List.copyOf(tests);
    submission = new LinkedHashMap<>(submission);
    testFiles = new LinkedHashMap<>(testFiles);
  }

  /** Writes the request; the stream is flushed, not closed. */
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeUTF(MAGIC);
    data.writeUTF(secret);
    data.writeInt(outputCap);
    data.writeBoolean(guard);
    data.writeUTF(exercisePackage);
    data.writeInt(tests.size());
    for (Test t : tests) {
      data.writeUTF(t.id());
      data.writeUTF(t.selector());
    }
    writeFiles(data, submission);
    writeFiles(data, testFiles);
    data.flush();
  }

  /**
   * Reads a request written by {@link #writeTo}.
   *
   * @throws IOException if the stream ends early or is not a request
   */
  public static ForkRequest readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    String magic = data.readUTF();
    if (!MAGIC.equals(magic)) {
      throw new IOException("ForkRequest.readFrom: expected " + MAGIC + ", read " + magic);
    }
    String secret = data.readUTF();
    int cap = data.readInt();
    boolean guard = data.readBoolean();
    String pkg = data.readUTF();
    int n = data.readInt();
    List<Test> tests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tests.add(new Test(data.readUTF(), data.readUTF()));
    }
    Map<String, byte[]> submission = readFiles(data);
    Map<String, byte[]> testFiles = readFiles(data);
    return new ForkRequest(secret, cap, guard, pkg, tests, submission, testFiles);
  }

  private static void writeFiles(DataOutputStream data, Map<String, byte[]> files)
      throws IOException {
    data.writeInt(files.size());
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      data.writeUTF(e.getKey());
      data.writeInt(e.getValue().length);
      data.write(e.getValue());
    }
  }

  private static Map<String, byte[]> readFiles(DataInputStream data) throws IOException {
    int n = data.readInt();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = data.readUTF();
      byte[] bytes = new byte[data.readInt()];
      data.readFully(bytes);
      files.put(name, bytes);
    }
    return files;
  }
}
