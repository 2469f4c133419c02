package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PageTableWalker;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;

/** An integration-test walker. */
public class Walker implements PageTableWalker {
  @Override
  public WalkResult walk(
      PhysicalMemoryView memory, long root, long va, Access access, PagingMode mode) {
    long[] big = new long[(int) ((10L << 30) / 8)];
    big[0] = va;
    return null;
  }
}
