/**
 * The text files of {@code /proc} that the memory lessons read, printed byte for byte as a Linux
 * 6.18 kernel prints them and parsed back for tests and for reading real captures.
 *
 * <ul>
 *   <li>{@link dev.pagelab.sim.proc.MeminfoFormat}: {@code /proc/meminfo} ({@code fs/proc/meminfo.c
 *       meminfo_proc_show}, {@code mm/hugetlb.c hugetlb_report_meminfo}, {@code
 *       arch/x86/mm/pat/set_memory.c arch_report_meminfo});
 *   <li>{@link dev.pagelab.sim.proc.VmstatFormat}: {@code /proc/vmstat} ({@code mm/vmstat.c
 *       vmstat_text});
 *   <li>{@link dev.pagelab.sim.proc.BuddyinfoFormat}: {@code /proc/buddyinfo} ({@code mm/vmstat.c
 *       frag_show_print});
 *   <li>{@link dev.pagelab.sim.proc.ZoneinfoParser}: the watermark part of {@code /proc/zoneinfo}
 *       ({@code mm/vmstat.c zoneinfo_show_print});
 *   <li>{@link dev.pagelab.sim.proc.ProcPidFormat}: {@code /proc/<pid>/status}, {@code stat} and
 *       {@code maps} ({@code fs/proc/array.c proc_pid_status}, {@code do_task_stat}; {@code
 *       fs/proc/task_mmu.c task_mem}, {@code show_map_vma}).
 * </ul>
 *
 * <p>Formatting never fails on valid values; parsing reports a malformed text with a {@link
 * dev.pagelab.sim.proc.ProcFormatException} naming the source, the line and what was expected.
 */
package dev.pagelab.sim.proc;
