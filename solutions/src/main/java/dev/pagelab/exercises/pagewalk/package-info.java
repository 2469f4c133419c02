/**
 * Model answer of exercise "pagewalk" (instructors only): the x86-64 page-table walk, following the
 * Intel SDM Vol. 3A §4.5 as {@code arch/x86/kvm/mmu/paging_tmpl.h} {@code FNAME(walk_addr_generic)}
 * emulates it. Same class name and public API as the stub in {@code exercises/}.
 */
package dev.pagelab.exercises.pagewalk;
