/**
 * The {@code pagelab} command line (picocli): the root command {@link dev.pagelab.sim.cli.Main} and
 * its subcommands, which parse flags and files and hand them to the simulator and to the tools of
 * {@code dev.pagelab.sim.tools}. Exit status 0 on success, 1 for a scenario or input error (one
 * line on stderr, {@code pagelab: ...}), 2 for a usage error.
 */
package dev.pagelab.sim.cli;
