package dev.pagelab.sim.truth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the copied real-kernel captures under {@code truth/} from the test classpath. */
public final class TruthFiles {
  private TruthFiles() {}

  /** The text of {@code truth/<path>}. */
  public static String read(String path) {
    try (InputStream in = TruthFiles.class.getResourceAsStream("/truth/" + path)) {
      if (in == null) {
        throw new IllegalStateException("read: no test resource truth/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** File names in {@code truth/<dir>} ending in {@code suffix}, sorted. */
  public static List<String> list(String dir, String suffix) {
    URL url = TruthFiles.class.getResource("/truth/" + dir);
    if (url == null) {
      throw new IllegalStateException("list: no test resource folder truth/" + dir);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
