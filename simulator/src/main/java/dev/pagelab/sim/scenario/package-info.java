/**
 * The scenario language: a line-oriented script that reads like the shell session it stands for
 * ({@code spawn}, {@code mmap}, {@code touch}, {@code free}, {@code ps -o ...}, {@code every 1s:
 * ...}).
 *
 * <p>{@link dev.pagelab.sim.scenario.ScenarioParser} turns text into a {@link
 * dev.pagelab.sim.scenario.Scenario}: a list of {@link dev.pagelab.sim.scenario.Statement} records,
 * each with its source {@link dev.pagelab.sim.scenario.Pos}. Everything that can be checked without
 * running (aliases, regions, units, option names, ranges) is checked here; errors are {@link
 * dev.pagelab.sim.scenario.ScenarioException}s printed as {@code file:line:column: message} plus a
 * hint. {@link dev.pagelab.sim.scenario.BundledScenarios} holds the scenarios of the course notes.
 *
 * <p>This package models no kernel code and depends on no other simulator package. The names it
 * accepts follow their sources: the {@code ps -o} field names are those of procps-ng {@code
 * src/ps/output.c} (format_array), the {@code free} flags those of procps-ng {@code src/free.c},
 * the {@code sar} reports those of sysstat {@code sar.c}, and the {@code /proc} file names those of
 * the kernel's {@code fs/proc/base.c} and {@code fs/proc/meminfo.c}.
 */
package dev.pagelab.sim.scenario;
