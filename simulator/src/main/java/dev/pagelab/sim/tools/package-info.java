/**
 * The user-space tools that read the kernel's statistics, rendered byte for byte as the real ones
 * print them: {@code free} (procps-ng 4.0.2 {@code src/free.c} with {@code library/meminfo.c}, and
 * procps-ng 3.3.17 {@code free.c} with {@code proc/sysinfo.c}) and {@code ps -o} (procps-ng 4.0.2
 * {@code src/ps/output.c} and {@code src/ps/sortformat.c}).
 *
 * <p>Plain Java without picocli: the simulator hands in its own {@code /proc/meminfo} values or
 * process rows, the {@code pagelab} CLI hands in parsed files. Bad input is reported with an {@link
 * dev.pagelab.sim.tools.InputException} whose message is one line naming the file, line and value.
 */
package dev.pagelab.sim.tools;
