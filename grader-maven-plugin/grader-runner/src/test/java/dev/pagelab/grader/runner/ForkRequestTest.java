package dev.pagelab.grader.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForkRequestTest {
  @Test
  void whatIsWrittenIsReadBack() throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    classes.put("a.Walker", new byte[] {1, 2, 3});
    classes.put("a.Walker$1", new byte[0]);
    ForkRequest sent =
        new ForkRequest(
            "s3cret",
            4096,
            true,
            "a",
            List.of(new ForkRequest.Test("a.T#m", "a.T#m(int)")),
            classes,
            Map.of("a/T.class", new byte[] {9}));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sent.writeTo(bytes);
    ForkRequest read = ForkRequest.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(sent.secret(), read.secret());
    assertEquals(4096, read.outputCap());
    assertEquals(true, read.guard());
    assertEquals("a", read.exercisePackage());
    assertEquals(sent.tests(), read.tests());
    assertEquals(List.of("a.Walker", "a.Walker$1"), List.copyOf(read.submission().keySet()));
    assertArrayEquals(new byte[] {1, 2, 3}, read.submission().get("a.Walker"));
    assertArrayEquals(new byte[] {9}, read.testFiles().get("a/T.class"));
  }

  @Test
  void anythingElseIsRefused() {
    assertThrows(
        IOException.class,
        () -> ForkRequest.readFrom(new ByteArrayInputStream(new byte[] {0, 3, 'a', 'b', 'c'})));
  }
}
