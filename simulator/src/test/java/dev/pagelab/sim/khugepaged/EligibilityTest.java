package dev.pagelab.sim.khugepaged;

import static dev.pagelab.sim.khugepaged.FakeTarget.MB2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code thp_vma_allowable_order} for PMD order, as khugepaged and MADV_COLLAPSE ask it. */
class EligibilityTest {
  private static final long A = 0x4000_0000L;

  @ParameterizedTest(name = "{0} {1} hp={2} nohp={3} anonVma={4} size={5}: {6} {7}")
  @CsvSource({
    // enabled, prctl, VM_HUGEPAGE, VM_NOHUGEPAGE, anon_vma, VMA, khugepaged, MADV_COLLAPSE
    "ALWAYS,  NONE,           false, false, true,  aligned4M,  true,  true",
    "MADVISE, NONE,           false, false, true,  aligned4M,  false, true",
    "MADVISE, NONE,           true,  false, true,  aligned4M,  true,  true",
    "NEVER,   NONE,           true,  false, true,  aligned4M,  false, true",
    "ALWAYS,  NONE,           false, true,  true,  aligned4M,  false, false",
    "ALWAYS,  COMPLETELY,     true,  false, true,  aligned4M,  false, false",
    "ALWAYS,  EXCEPT_ADVISED, false, false, true,  aligned4M,  false, true",
    "ALWAYS,  EXCEPT_ADVISED, true,  false, true,  aligned4M,  true,  true",
    "ALWAYS,  NONE,           false, false, false, aligned4M,  false, false",
    "ALWAYS,  NONE,           false, false, true,  small1M,    false, false",
    "ALWAYS,  NONE,           false, false, true,  unaligned2M, false, false",
    "ALWAYS,  NONE,           false, false, true,  unaligned4M, true,  true",
    "ALWAYS,  NONE,           false, false, true,  exact2M,    true,  true"
  })
  void allowable(
      ThpEnabled enabled,
      ThpDisable disable,
      boolean hp,
      boolean nohp,
      boolean anonVma,
      String shape,
      boolean khugepaged,
      boolean forced) {
    long[] se =
        switch (shape) {
          case "aligned4M" -> new long[] {A, A + 2 * MB2};
          case "small1M" -> new long[] {A, A + MB2 / 2};
          case "unaligned2M" -> new long[] {A + 4096, A + 4096 + MB2};
          case "unaligned4M" -> new long[] {A + 4096, A + 4096 + 2 * MB2};
          default -> new long[] {A, A + MB2};
        };
    VmaRange vma = new VmaRange(se[0], se[1], true, anonVma, hp, nohp);
    assertEquals(khugepaged, Eligibility.allowable(vma, disable, enabled, TvaType.KHUGEPAGED));
    assertEquals(forced, Eligibility.allowable(vma, disable, enabled, TvaType.FORCED_COLLAPSE));
  }

  @ParameterizedTest
  @CsvSource({"ALWAYS, true", "MADVISE, true", "NEVER, false"})
  void khugepagedRunsUnlessNever(ThpEnabled e, boolean runs) {
    assertEquals(runs, Eligibility.hugepagePmdEnabled(e));
  }
}
