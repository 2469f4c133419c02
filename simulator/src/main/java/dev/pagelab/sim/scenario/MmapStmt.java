package dev.pagelab.sim.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code p mmap 100MiB rw anon private as buf}: {@code mmap(2)} in process {@code p}.
 *
 * @param pos where it was written
 * @param process the alias of the process
 * @param length the length in bytes as written; the kernel rounds it up to whole pages
 * @param prot the protection (default {@code rw})
 * @param backing anonymous (default) or a file
 * @param shared {@code MAP_SHARED} if true, {@code MAP_PRIVATE} (default) if false
 * @param address {@code at=0x...}: the address hint, page aligned, or empty to let the kernel
 *     choose
 * @param fixed {@code fixed}: {@code MAP_FIXED}, the mapping must be placed at {@code address}
 * @param populate {@code populate}: {@code MAP_POPULATE}, fault every page in now
 * @param region {@code as NAME}: the name later statements use, or empty
 * @param hugetlbSize {@code hugetlb} or {@code hugetlb=SIZE}: {@code MAP_HUGETLB} with that huge
 *     page size ({@code MAP_HUGE_2MB}, {@code MAP_HUGE_1GB}), or 0 for base pages
 */
public record MmapStmt(
    Pos pos,
    String process,
    long length,
    Prot prot,
    Backing backing,
    boolean shared,
    OptionalLong address,
    boolean fixed,
    boolean populate,
    Optional<String> region,
    long hugetlbSize)
    implements Statement {
  /** A mapping of base pages. */
  public MmapStmt(
      Pos pos,
      String process,
      long length,
      Prot prot,
      Backing backing,
      boolean shared,
      OptionalLong address,
      boolean fixed,
      boolean populate,
      Optional<String> region) {
    this(pos, process, length, prot, backing, shared, address, fixed, populate, region, 0);
  }

  /** Checks the parts. */
  public MmapStmt {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(prot, "prot");
    Objects.requireNonNull(backing, "backing");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(region, "region");
    if (fixed && address.isEmpty()) {
      throw new IllegalArgumentException("MmapStmt: fixed without an address");
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) throws ScenarioException {
    return visitor.visit(this);
  }
}
