package dev.pagelab.sim.spi;

/**
 * The walker's view of physical memory: 8-byte loads and stores at physical addresses. Page tables
 * live in simulated RAM, so a walk reads the real entry bits exactly as the hardware does.
 */
public interface PhysicalMemoryView {
  /**
   * Reads the 8-byte value at a physical address.
   *
   * @param physicalAddress an 8-byte aligned address inside simulated RAM
   * @return the value; 0 in a frame that was never written
   * @throws IllegalArgumentException if the address is unaligned or outside RAM
   */
  long readLong(long physicalAddress);

  /**
   * Writes the 8-byte value at a physical address (the walker uses it to set Accessed and Dirty).
   *
   * @param physicalAddress an 8-byte aligned address inside simulated RAM
   * @param value the new value
   * @throws IllegalArgumentException if the address is unaligned or outside RAM
   */
  void writeLong(long physicalAddress, long value);
}
