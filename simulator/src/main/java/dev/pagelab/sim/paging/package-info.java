/**
 * x86-64 paging: the page tables kept in simulated RAM, the hardware walk, the TLB and the MMU that
 * ties them together, and a step-by-step explanation of one translation.
 *
 * <p>Follows the Intel SDM vol. 3A ch. 4 (4-level and 5-level paging) and, for the kernel's side,
 * {@code mm/memory.c} ({@code __pte_alloc}, {@code free_pgd_range}) and {@code
 * arch/x86/include/asm/pgtable_types.h} ({@code _PAGE_TABLE}, {@code _PAGE_PROTNONE}).
 */
package dev.pagelab.sim.paging;
