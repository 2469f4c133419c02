/**
 * x86-64 paging: the page tables kept in simulated RAM, the hardware walk, the TLB and the MMU that
 * ties them together, the paging arithmetic the simulator's own code uses ({@code X86Paging}: the
 * index of each level, what an entry points to, the canonical check, none of it in the students'
 * {@code spi}), a step-by-step explanation of one translation, and the comparison of another
 * walker's walk with the reference entry by entry ({@code WalkComparison}).
 *
 * <p>Follows the Intel SDM vol. 3A ch. 4 (4-level and 5-level paging) and, for the kernel's side,
 * {@code mm/memory.c} ({@code __pte_alloc}, {@code free_pgd_range}), {@code
 * arch/x86/include/asm/pgtable_types.h} ({@code _PAGE_TABLE}, {@code _PAGE_PROTNONE}) and {@code
 * arch/x86/include/asm/pgtable.h} ({@code pte_pfn}, {@code pte_present}, {@code pmd_leaf}).
 */
package dev.pagelab.sim.paging;
