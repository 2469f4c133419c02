/**
 * The machine: boot, one simulated clock, the process table, the kernel log, system-wide counters,
 * and the memory-access path that ties the MMU, the TLB and the fault handler together.
 *
 * <p>Follows {@code arch/x86/mm/fault.c} ({@code do_user_addr_fault}, {@code show_signal_msg}),
 * {@code kernel/fork.c}, {@code kernel/exit.c} and {@code mm/vmstat.c}. Every run is deterministic.
 */
package dev.pagelab.sim.kernel;
