package dev.pagelab.sim.spi;

/**
 * What a fault handler may know of one virtual memory area (a line of {@code /proc/<pid>/maps}).
 *
 * @param start the first address (page aligned)
 * @param end the address after the last byte (page aligned)
 * @param readable {@code PROT_READ}
 * @param writable {@code PROT_WRITE}
 * @param executable {@code PROT_EXEC}
 * @param shared {@code MAP_SHARED} (else private: writes are copied)
 * @param anonymous no file behind it (a private anonymous area is zero-filled on demand)
 * @param name the name maps prints: a path, {@code [heap]}, {@code [stack]}, or empty
 */
public record VmaInfo(
    long start,
    long end,
    boolean readable,
    boolean writable,
    boolean executable,
    boolean shared,
    boolean anonymous,
    String name) {
  /** True if {@code address} lies inside {@code [start, end)}. */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
  }
}
