package dev.pagelab.exercises.pagewalk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pagelab.grader.api.Graded;
import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import org.junit.jupiter.api.Test;

/** The instructor's hidden test. */
class InstructorHiddenTest {
  @Test
  @Graded(exercise = "pagewalk", visibility = dev.pagelab.grader.api.Visibility.HIDDEN)
  void canonicalInFiveLevelMode() {
    WalkResult r =
        new Walker().walk(new WalkerTest.Memory(), 0x1000, 1L << 50, Access.USER_READ, PagingMode.FIVE_LEVEL);
    assertEquals(new WalkResult.PageFault(Pte.PFEC_U, 5, FaultReason.NOT_PRESENT), r, "va 2^50, 5-level");
  }
}
