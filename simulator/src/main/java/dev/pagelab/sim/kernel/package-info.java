/**
 * The machine: boot, one simulated clock, the process table, the kernel log, system-wide counters,
 * the memory-access path that ties the MMU, the TLB and the fault handler together, and memory
 * cgroups ({@link dev.pagelab.sim.kernel.MemCgroup}: {@code memory.max}, the charge, memcg reclaim
 * and the memcg OOM kill), page migration for compaction ({@code PageMigration}: every user of a
 * moved frame fixed, {@code mm/migrate.c}) and long-term pins ({@code mm/gup.c pin_user_pages}).
 *
 * <p>Follows {@code arch/x86/mm/fault.c} ({@code do_user_addr_fault}, {@code show_signal_msg}),
 * {@code kernel/fork.c}, {@code kernel/exit.c}, {@code mm/vmstat.c} and, for cgroups, {@code
 * mm/memcontrol.c} ({@code try_charge_memcg}, {@code mem_cgroup_out_of_memory}, {@code
 * mem_cgroup_print_oom_meminfo}, {@code __memory_events_show}). Every run is deterministic.
 */
package dev.pagelab.sim.kernel;
