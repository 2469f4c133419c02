package dev.pagelab.sim.paging;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.Objects;

/**
 * The memory-management unit of one simulated CPU: a TLB lookup first, a page-table walk on a miss.
 *
 * <p>The walker may be any {@link PageTableWalker}, a student's included; the MMU trusts nothing
 * about it beyond the contract and fails loudly if it returns null or a negative address. On a miss
 * the walk's translation fills the TLB (marked dirty only if the walk was a write, since only then
 * is Dirty known to be set); on a fault the page is dropped from the TLB, as the hardware
 * invalidates the faulting address's entries (Intel SDM Vol. 3A §4.10.4.1).
 *
 * <p>Not thread-safe: it remembers the last fault. Use one per simulated CPU.
 */
public final class Mmu {
  /** What {@link #translate} returns when the access faults; {@link #lastFault()} says why. */
  public static final long FAULT = -1;

  private final PhysicalMemoryView memory;
  private final PageTableWalker walker;
  private final PagingMode mode;
  private PageFault lastFault;

  /**
   * An MMU over {@code memory} that walks with {@code walker} in {@code mode}.
   *
   * @throws NullPointerException if an argument is null
   */
  public Mmu(PhysicalMemoryView memory, PageTableWalker walker, PagingMode mode) {
    this.memory = Objects.requireNonNull(memory, "Mmu: memory");
    this.walker = Objects.requireNonNull(walker, "Mmu: walker");
    this.mode = Objects.requireNonNull(mode, "Mmu: mode");
  }

  /**
   * Translates one access of the address space whose top-level table is {@code rootTable}; {@code
   * tlb} must be that address space's TLB.
   *
   * @return the physical address (at least 0), or {@link #FAULT}, the fault then being {@link
   *     #lastFault()}
   */
  public long translate(Tlb tlb, long rootTable, long virtualAddress, Access access) {
    long physical = tlb.lookup(virtualAddress, access);
    if (physical != Tlb.MISS) {
      return physical;
    }
    return walkAndFill(tlb, rootTable, virtualAddress, access);
  }

  /**
   * The fault of the most recent {@link #translate} that returned {@link #FAULT}.
   *
   * @throws IllegalStateException if no translation has faulted yet
   */
  public PageFault lastFault() {
    if (lastFault == null) {
      throw new IllegalStateException("Mmu.lastFault: no translation has faulted yet");
    }
    return lastFault;
  }

  /** The physical memory the walks read. */
  public PhysicalMemoryView memory() {
    return memory;
  }

  /** The walker used on a TLB miss. */
  public PageTableWalker walker() {
    return walker;
  }

  /** The paging mode. */
  public PagingMode mode() {
    return mode;
  }

  private long walkAndFill(Tlb tlb, long rootTable, long virtualAddress, Access access) {
    WalkResult result = walker.walk(memory, rootTable, virtualAddress, access, mode);
    if (result instanceof Translation translation) {
      if (translation.physicalAddress() < 0) {
        throw new IllegalStateException(
            String.format(
                "Mmu.translate: %s returned the negative physical address 0x%x for 0x%x",
                walker.getClass().getName(), translation.physicalAddress(), virtualAddress));
      }
      tlb.fill(virtualAddress, translation, access.isWrite());
      return translation.physicalAddress();
    }
    if (result instanceof PageFault fault) {
      tlb.flushPage(virtualAddress);
      lastFault = fault;
      return FAULT;
    }
    throw new IllegalStateException(
        String.format(
            "Mmu.translate: %s returned null for 0x%x",
            walker.getClass().getName(), virtualAddress));
  }
}
