/**
 * The machine: boot, one simulated clock, the process table, the kernel log, system-wide counters,
 * the memory-access path that ties the MMU, the TLB and the fault handler together, and memory
 * cgroups ({@link dev.pagelab.sim.kernel.MemCgroup}: {@code memory.max}, the per-folio charge,
 * memcg reclaim and the memcg OOM kill, {@code memory.high} reclaim and throttling, {@code
 * memory.low}/{@code memory.min} protection, {@code memory.swap.max}, {@code memory.oom.group}),
 * page migration for compaction ({@code PageMigration}: every user of a moved frame fixed, {@code
 * mm/migrate.c}) and long-term pins ({@code mm/gup.c pin_user_pages}).
 *
 * <p>Follows {@code arch/x86/mm/fault.c} ({@code do_user_addr_fault}, {@code show_signal_msg}),
 * {@code kernel/fork.c}, {@code kernel/exit.c}, {@code mm/vmstat.c} and, for cgroups, {@code
 * mm/memcontrol.c} ({@code try_charge_memcg}, {@code mem_cgroup_out_of_memory}, {@code
 * mem_cgroup_print_oom_meminfo}, {@code __memory_events_show}, {@code mem_cgroup_handle_over_high},
 * {@code calculate_high_delay}, {@code __mem_cgroup_try_charge_swap}), {@code mm/vmscan.c} ({@code
 * shrink_node_memcgs}: {@code memory.low}) and {@code mm/oom_kill.c} ({@code
 * oom_kill_memcg_member}). Every run is deterministic.
 */
package dev.pagelab.sim.kernel;
