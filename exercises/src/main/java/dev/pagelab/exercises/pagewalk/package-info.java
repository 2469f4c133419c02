/**
 * Exercise "pagewalk": the student's x86-64 page-table walk, an implementation of {@link
 * dev.pagelab.sim.spi.PageTableWalker}. It models what the MMU does on a TLB miss, as the Intel SDM
 * Vol. 3A §4.5 describes it and as the kernel's own software walker emulates it for guests ({@code
 * arch/x86/kvm/mmu/paging_tmpl.h}, {@code FNAME(walk_addr_generic)}); the simulator's reference is
 * {@code dev.pagelab.sim.paging.ReferenceWalker}. The assignment is {@code
 * exercises/pagewalk/README.md}.
 */
package dev.pagelab.exercises.pagewalk;
