package dev.pagelab.sim.run;

import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.ArrayList;
import java.util.List;

/** System-call arguments and results written as {@code strace} writes them. */
final class Strace {
  private Strace() {}

  /** {@code PROT_READ|PROT_WRITE}, or {@code PROT_NONE}. */
  static String prot(Prot p) {
    List<String> flags = new ArrayList<>();
    if (p.read()) {
      flags.add("PROT_READ");
    }
    if (p.write()) {
      flags.add("PROT_WRITE");
    }
    if (p.exec()) {
      flags.add("PROT_EXEC");
    }
    return flags.isEmpty() ? "PROT_NONE" : String.join("|", flags);
  }

  /** {@code MAP_PRIVATE|MAP_ANONYMOUS} and the like. */
  static String mapFlags(boolean shared, boolean anonymous, boolean fixed, boolean populate) {
    StringBuilder sb = new StringBuilder(shared ? "MAP_SHARED" : "MAP_PRIVATE");
    if (fixed) {
      sb.append("|MAP_FIXED");
    }
    if (anonymous) {
      sb.append("|MAP_ANONYMOUS");
    }
    if (populate) {
      sb.append("|MAP_POPULATE");
    }
    return sb.toString();
  }

  /** {@code -1 ENOMEM (Cannot allocate memory)}. */
  static String error(SyscallException e) {
    return "-1 " + e.errno().name() + " (" + e.errno().message() + ")";
  }
}
