/**
 * Exercise "oom": the student's OOM killer, an implementation of {@link
 * dev.pagelab.sim.spi.OomPolicy}. It models {@code oom_badness} and the victim choice of {@code
 * out_of_memory} ({@code select_bad_process}, {@code oom_evaluate_task}, {@code
 * oom_kill_allocating_task}) in Linux 6.18's {@code mm/oom_kill.c}, and {@code proc_oom_score} in
 * {@code fs/proc/base.c}; the simulator's reference is {@code
 * dev.pagelab.sim.oom.ReferenceOomPolicy}. The assignment is {@code exercises/oom/README.md}.
 */
package dev.pagelab.exercises.oom;
