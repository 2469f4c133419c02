package dev.pagelab.sim.spi;

import java.util.Objects;

/**
 * The memory cgroup whose limit a charge hit, as {@code mem_cgroup_out_of_memory} hands it to the
 * OOM killer ({@code oc->memcg}).
 *
 * @param path its path, {@code "/"} for the root, else like {@code "/measure/oomtest"} (no trailing
 *     slash). Its tasks are those whose {@link OomTask#memcg()} is this path or lies below it
 *     ({@code "/measure/oomtest/job"}); {@code "/measure/oomtest2"} is a sibling, not a descendant
 * @param maxPages {@code mem_cgroup_get_max(memcg)}: the group's {@code memory.max} plus the swap
 *     it may use, in pages; it can be 0 (a group whose {@code memory.max} is 0)
 */
public record OomMemcg(String path, long maxPages) {
  /** Checks the path's form and that the limit is not negative. */
  public OomMemcg {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      throw new IllegalArgumentException(
          "OomMemcg: path must be \"/\" or \"/a/b\", not \"" + path + "\"");
    }
    if (maxPages < 0) {
      throw new IllegalArgumentException("OomMemcg: maxPages " + maxPages + " of " + path + " < 0");
    }
  }
}
