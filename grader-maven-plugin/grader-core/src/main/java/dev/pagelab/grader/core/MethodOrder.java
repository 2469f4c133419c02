package dev.pagelab.grader.core;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The order in which a class file lists its methods: javac writes them in the order of the source,
 * so this is the order the test's author wrote the tests in. Reflection and ArchUnit give no order.
 */
final class MethodOrder {
  private MethodOrder() {}

  /**
   * Each method of {@code c}, keyed by name and descriptor ({@code walk(J)V}), to its position in
   * the class file; empty if the class file cannot be read (the tests then keep their names'
   * order).
   */
  static Map<String, Integer> of(Path classesDir, JavaClass c) throws GraderException {
    Path file = classesDir.resolve(c.getName().replace('.', '/') + ".class");
    try (InputStream in = open(file, c)) {
      if (in == null) {
        return Map.of();
      }
      Map<String, Integer> order = new HashMap<>();
      new ClassReader(in)
          .accept(
              new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(
                    int access, String name, String descriptor, String sig, String[] exceptions) {
                  order.putIfAbsent(name + descriptor, order.size());
                  return null;
                }
              },
              ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return order;
    } catch (IOException | IllegalArgumentException e) {
      throw new GraderException(
          "cannot read the method order of test class " + c.getName() + " in " + file + ": " + e);
    }
  }

  private static InputStream open(Path file, JavaClass c) throws IOException {
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    if (c.getSource().isEmpty()) {
      return null;
    }
    URI uri = c.getSource().get().getUri();
    return uri.toURL().openStream();
  }
}
