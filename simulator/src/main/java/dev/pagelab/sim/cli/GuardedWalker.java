package dev.pagelab.sim.cli;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.WalkResult;

/** A walker from outside the simulator whose failures become one clear message. */
final class GuardedWalker implements PageTableWalker {
  private final PageTableWalker inner;
  private final String name;

  GuardedWalker(PageTableWalker inner, String name) {
    this.inner = inner;
    this.name = name;
  }

  @Override
  public WalkResult walk(
      PhysicalMemoryView memory, long rootTable, long va, Access access, PagingMode mode) {
    WalkResult result;
    try {
      result = inner.walk(memory, rootTable, va, access, mode);
    } catch (RuntimeException | StackOverflowError e) {
      throw new StudentCodeException(
          String.format(
              "%s.walk(0x%x, %s %s) threw %s",
              name,
              va,
              access.user() ? "user" : "supervisor",
              access.type().name().toLowerCase(java.util.Locale.ROOT),
              e));
    }
    if (result == null) {
      throw new StudentCodeException(String.format("%s.walk(0x%x) returned null", name, va));
    }
    return result;
  }
}
