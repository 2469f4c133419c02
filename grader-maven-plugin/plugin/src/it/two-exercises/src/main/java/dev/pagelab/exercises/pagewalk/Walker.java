package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;

/** An integration-test walker, right; another exercise of the project is not (oom/Killer.java). */
public class Walker implements PageTableWalker {
  @Override
  public WalkResult walk(
      PhysicalMemoryView memory, long root, long va, Access access, PagingMode mode) {
    int unused = 64 - mode.virtualBits();
    if ((va << unused) >> unused != va) {
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
