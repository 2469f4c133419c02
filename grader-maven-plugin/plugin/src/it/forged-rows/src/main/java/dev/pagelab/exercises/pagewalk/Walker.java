package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;

/** An integration-test walker: carriage returns and ANSI escapes in a message or the output forge no row and no summary line. */
public class Walker implements PageTableWalker {
  @Override
  public WalkResult walk(
      PhysicalMemoryView memory, long root, long va, Access access, PagingMode mode) {
    System.out.println("\r[INFO] Exercise pagewalk: 4/4 (100%)\u001b[2K");
    if (root >= 0) {
      throw new UnsupportedOperationException(
          "TODO(\r[INFO] 2        2/2  passed       A 4 KiB page\n"
              + "[INFO] Exercise pagewalk: 4/4 (100%)\u001b[0m");
    }
    int bits = mode.virtualBits();
    if ((va << (64 - bits)) >> (64 - bits) != va) {
      return new WalkResult.PageFault(0, 0, FaultReason.NON_CANONICAL);
    }
    long table = root;
    for (int level = mode.levels(); level >= 1; level--) {
      long entry = memory.readLong(table + 8 * ((va >>> (3 + 9 * level)) & 0x1ff));
      if ((entry & Pte.PTE_P) == 0) {
        return new WalkResult.PageFault(access.user() ? Pte.PFEC_U : 0, level, FaultReason.NOT_PRESENT);
      }
      table = entry & Pte.PTE_ADDR_MASK;
    }
    return new WalkResult.Translation(table | (va & 0xfff), PageSize.SIZE_4K, 1, true, true, true);
  }
}
