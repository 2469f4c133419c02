package dev.pagelab.exercises.pagewalk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pagelab.grader.api.Graded;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WalkerTest {
  /** Physical memory as a map from address to entry. */
  static final class Memory implements PhysicalMemoryView {
    final Map<Long, Long> words = new HashMap<>();

    @Override
    public long readLong(long address) {
      return words.getOrDefault(address, 0L);
    }

    @Override
    public void writeLong(long address, long value) {
      words.put(address, value);
    }
  }

  private static final long FLAGS = Pte.PTE_P | Pte.PTE_RW | Pte.PTE_US;

  @Test
  @Graded(exercise = "pagewalk", points = 2)
  void translates4KiB() {
    Memory m = new Memory();
    m.writeLong(0x1000, 0x2000 | FLAGS);
    m.writeLong(0x2000, 0x3000 | FLAGS);
    m.writeLong(0x3000, 0x4000 | FLAGS);
    m.writeLong(0x4000 + 8 * 5, 0x9000 | FLAGS);
    WalkResult r = new Walker().walk(m, 0x1000, 0x5123, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(
        new WalkResult.Translation(0x9123, PageSize.SIZE_4K, 1, true, true, true), r, "va 0x5123");
  }

  @Test
  @Graded(exercise = "pagewalk")
  void notPresentAtTheTop() {
    WalkResult r = new Walker().walk(new Memory(), 0x1000, 0x5123, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(new WalkResult.PageFault(Pte.PFEC_U, 4, FaultReason.NOT_PRESENT), r, "empty PML4");
  }

  @Test
  @Graded(exercise = "pagewalk")
  void nonCanonical() {
    WalkResult r =
        new Walker().walk(new Memory(), 0x1000, 0x0000_8000_0000_0000L, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(new WalkResult.PageFault(0, 0, FaultReason.NON_CANONICAL), r, "va 2^47");
  }
}
