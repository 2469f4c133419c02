package dev.pagelab.grader.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {
  @Test
  void fieldsWithTabsNewlinesAndBackslashesSurviveARoundTrip() {
    String[] fields = {"a\tb", "line1\nline2\r\n", "back\\slash\\", "", "\\t literally"};
    String line = Wire.encode("s3cret", Wire.FINISHED, fields);
    assertFalse(line.contains("\n"), line);
    Wire.Message message = Wire.decode("s3cret", line).orElseThrow();
    assertEquals(Wire.FINISHED, message.kind());
    assertEquals(List.of(fields), message.fields());
  }

  @Test
  void aLineWithoutTheSecretIsNotAMessage() {
    String forged = Wire.encode("guess", Wire.FINISHED, "T#t", "PASSED", "", "");
    assertTrue(Wire.decode("s3cret", forged).isEmpty());
    assertTrue(Wire.decode("s3cret", "s3cretX\tDONE").isEmpty());
  }

  @Test
  void aStubIsRecognisedThroughCauses() {
    Throwable stub = new UnsupportedOperationException("TODO(pagewalk): walk the tables");
    assertTrue(Failures.isStub(stub));
    assertTrue(Failures.isStub(new RuntimeException("wrapped", stub)));
    assertFalse(Failures.isStub(new UnsupportedOperationException("not supported")));
    assertFalse(Failures.isStub(new AssertionError("expected 4096")));
  }

  @Test
  void capturedOutputKeepsTheCapAndCountsTheRest() {
    CappedOutput out = new CappedOutput(4);
    out.write("hello world".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 11);
    String taken = out.take();
    assertTrue(taken.startsWith("hell\n"), taken);
    assertTrue(taken.contains("7 more bytes"), taken);
    assertEquals("", out.take());
  }
}
