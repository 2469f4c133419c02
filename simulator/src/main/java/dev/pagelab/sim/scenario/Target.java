package dev.pagelab.sim.scenario;

import java.util.Objects;

/** What an operation on a range or an address starts from: a named region or a raw address. */
public sealed interface Target permits Target.Region, Target.Address {
  /**
   * A region of the process, named by {@code mmap ... as NAME}, or one of the predefined {@code
   * heap} (the brk area, from its start to the current break) and {@code stack}.
   *
   * @param name the region's name
   */
  record Region(String name) implements Target {
    /** Checks the name. */
    public Region {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A virtual address.
   *
   * @param address the address, unsigned
   */
  record Address(long address) implements Target {}
}
