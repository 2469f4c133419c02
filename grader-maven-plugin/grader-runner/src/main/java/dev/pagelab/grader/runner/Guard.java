package dev.pagelab.grader.runner;

import java.security.Permission;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;

/**
 * The runtime guard: the JDK's SecurityManager, with a policy that grants everything to every
 * protection domain except the submission's, which has no permission at all. Code of the submission
 * therefore cannot open files, start processes, use the network, read system properties or the
 * environment, end the JVM, use reflection on private members or create threads, whatever the
 * static checks missed; the tests, JUnit and the simulator run as usual. (A thread is checked
 * always, not only in the root thread group as the JDK's default does.)
 *
 * <p>The SecurityManager exists up to Java 23 (with {@code -Djava.security.manager=allow} from 18
 * on); on a JVM without it, {@link #install} fails and the fork refuses to run any test.
 */
@SuppressWarnings("removal")
final class Guard {
  /** Needed to read the instructor's test files as resources: submission code lacks it. */
  static final Permission READ_TESTS = new RuntimePermission("pagelab.readTests");

  private Guard() {}

  /**
   * Installs the guard.
   *
   * @param submission the submission's protection domain
   * @throws UnsupportedOperationException if this JVM has no SecurityManager
   */
  static void install(ProtectionDomain submission) {
    warmUp();
    Policy.setPolicy(new AllButSubmission(submission));
    System.setSecurityManager(new ThreadCheckingManager());
    if (System.getSecurityManager() == null) {
      throw new UnsupportedOperationException("the SecurityManager did not install");
    }
  }

  /**
   * Initialises JDK classes a submission commonly uses (formatting, lambdas, streams, boxing,
   * collections) while everything is still allowed, so that their one-time set-up never runs with
   * submission frames on the stack.
   */
  private static void warmUp() {
    LongUnaryOperator twice = v -> v * 2;
    String text =
        String.format(
            Locale.ROOT,
            "%d %x %s %08.3f %b",
            twice.applyAsLong(21),
            0xbeefL,
            List.of(1L, 2L),
            Math.PI,
            Boolean.TRUE);
    text += String.format("%s", Map.of("k", text.length()));
    text +=
        List.of(3, 1, 2).stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    text +=
        Long.toHexString(Long.parseLong("42")) + Integer.toBinaryString(5) + Character.getName('a');
    new StringBuilder(text).reverse().toString().formatted();
  }

  /** Everything for every domain but the submission's (whose permissions are fixed anyway). */
  private static final class AllButSubmission extends Policy {
    private final ProtectionDomain submission;

    AllButSubmission(ProtectionDomain submission) {
      this.submission = submission;
    }

    @Override
    public boolean implies(ProtectionDomain domain, Permission permission) {
      return domain != submission;
    }
  }

  /** Checks {@code modifyThread} and {@code modifyThreadGroup} for every thread and group. */
  private static final class ThreadCheckingManager extends SecurityManager {
    private static final Permission MODIFY_THREAD = new RuntimePermission("modifyThread");
    private static final Permission MODIFY_GROUP = new RuntimePermission("modifyThreadGroup");

    @Override
    public void checkAccess(Thread t) {
      checkPermission(MODIFY_THREAD);
    }

    @Override
    public void checkAccess(ThreadGroup g) {
      checkPermission(MODIFY_GROUP);
    }
  }
}
