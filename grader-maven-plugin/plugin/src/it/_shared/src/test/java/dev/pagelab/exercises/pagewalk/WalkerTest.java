package dev.pagelab.exercises.pagewalk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pagelab.grader.api.Feedback;
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

// The methods are declared in the order of their names, so that the report's order (task, then
// declaration) is also the order the ITs' verify scripts list them in.
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
  @Graded(exercise = "pagewalk", task = 2, title = "Non-canonical address", titleKo = "canonical이 아닌 주소")
  void nonCanonical() {
    WalkResult r =
        new Walker().walk(new Memory(), 0x1000, 0x0000_8000_0000_0000L, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(new WalkResult.PageFault(0, 0, FaultReason.NON_CANONICAL), r,
        Feedback.of("va 2^47 is not canonical", "va 2^47은 canonical 주소가 아닙니다"));
  }

  @Test
  @Graded(exercise = "pagewalk", task = 2, title = "Empty PML4: not present", titleKo = "빈 PML4: 페이지 없음")
  void notPresentAtTheTop() {
    WalkResult r = new Walker().walk(new Memory(), 0x1000, 0x5123, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(new WalkResult.PageFault(Pte.PFEC_U, 4, FaultReason.NOT_PRESENT), r,
        Feedback.of("empty PML4", "빈 PML4"));
  }

  @Test
  @Graded(exercise = "pagewalk", points = 2, task = 2, title = "A 4 KiB page", titleKo = "4 KiB 페이지")
  void translates4KiB() {
    Memory m = new Memory();
    m.writeLong(0x1000, 0x2000 | FLAGS);
    m.writeLong(0x2000, 0x3000 | FLAGS);
    m.writeLong(0x3000, 0x4000 | FLAGS);
    m.writeLong(0x4000 + 8 * 5, 0x9000 | FLAGS);
    WalkResult r = new Walker().walk(m, 0x1000, 0x5123, Access.USER_READ, PagingMode.FOUR_LEVEL);
    assertEquals(
        new WalkResult.Translation(0x9123, PageSize.SIZE_4K, 1, true, true, true),
        r,
        Feedback.of("va 0x5123 maps frame 0x9000", "va 0x5123은 프레임 0x9000에 매핑됩니다"));
  }
}
