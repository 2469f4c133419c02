/**
 * The OOM killer's arithmetic and its kernel log, as Linux 6.x does them.
 *
 * <ul>
 *   <li>{@link dev.pagelab.sim.oom.ReferenceOomPolicy}, the simulator's {@link
 *       dev.pagelab.sim.spi.OomPolicy}: {@code oom_unkillable_task} and {@code oom_badness} ({@code
 *       mm/oom_kill.c}), {@code /proc/<pid>/oom_score} ({@code fs/proc/base.c proc_oom_score}),
 *       {@code constrained_alloc}'s {@code totalpages}, {@code oom_kill_allocating_task}, {@code
 *       select_bad_process} and {@code oom_evaluate_task} with the kernel's iteration order and
 *       tie-break;
 *   <li>{@link dev.pagelab.sim.oom.OomKiller}: {@code out_of_memory}, {@code constrained_alloc},
 *       {@code check_panic_on_oom} and {@code oom_kill_process}, with any policy choosing the
 *       victim;
 *   <li>{@link dev.pagelab.sim.oom.OomReport}: the dmesg lines of {@code dump_header}, {@code
 *       dump_tasks}/{@code dump_task}, {@code dump_oom_victim}, {@code __oom_kill_process} and
 *       {@code oom_reap_task_mm}, plus {@code mem_cgroup_print_oom_meminfo} ({@code
 *       mm/memcontrol.c}) and the summary lines of {@code __show_mem} ({@code mm/show_mem.c}).
 * </ul>
 *
 * <p>Everything here works on plain values ({@link dev.pagelab.sim.oom.Task}, and the {@link
 * dev.pagelab.sim.spi.OomTask} a policy sees of it), so the same code scores the simulated
 * machine's processes and a real machine's {@code /proc}, with the simulator's policy or a
 * student's.
 */
package dev.pagelab.sim.oom;
