package dev.pagelab.site;

import dev.pagelab.sim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the {@code pagelab} command line in this JVM through its one public entry point, {@link
 * Main#execute}, and remembers each output, so a command shown on two pages or drawn in a figure
 * runs once. Arguments that name a file or folder of the repository (as a reader types them at its
 * top) are passed as absolute paths. {@link #prefetch} runs many commands at once on all cores
 * (each run is its own simulated machine; the simulator keeps no state between runs).
 */
public final class Pagelab {
  /**
   * What one command printed.
   *
   * @param status the exit status
   * @param out standard output
   * @param err standard error
   */
  public record Output(int status, String out, String err) {}

  private final Path repository;
  private final Map<List<String>, CompletableFuture<Output>> cache = new ConcurrentHashMap<>();

  /**
   * A runner whose relative paths are read from the repository's top folder.
   *
   * @param repository the repository's top folder
   */
  public Pagelab(Path repository) {
    this.repository = repository;
  }

  /**
   * Runs {@code pagelab ARGS} (or returns the remembered output of the same arguments).
   *
   * @param args the arguments after {@code pagelab}
   * @return what it printed
   */
  public Output run(List<String> args) {
    List<String> key = List.copyOf(args);
    CompletableFuture<Output> f = cache.get(key);
    if (f == null) {
      CompletableFuture<Output> mine = new CompletableFuture<>();
      f = cache.putIfAbsent(key, mine);
      if (f == null) {
        try {
          mine.complete(execute(key));
        } catch (RuntimeException | Error e) {
          mine.completeExceptionally(e); // whoever waits for the same command sees the failure too
          throw e;
        }
        f = mine;
      }
    }
    return f.join();
  }

  /**
   * Runs commands ahead of need, on as many threads as there are cores, and waits for them.
   *
   * @param commands the argument lists
   */
  public void prefetch(List<List<String>> commands) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<CompletableFuture<Output>> all = new java.util.ArrayList<>();
      for (List<String> c : commands) {
        all.add(CompletableFuture.supplyAsync(() -> run(c), pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Runs a command that must succeed.
   *
   * @param args the arguments after {@code pagelab}
   * @return its standard output
   * @throws SiteException when the exit status is not 0
   */
  public String stdout(String... args) {
    Output o = run(List.of(args));
    if (o.status() != 0) {
      throw new SiteException(
          "pagelab "
              + String.join(" ", args)
              + " exited with status "
              + o.status()
              + ": "
              + o.err().strip());
    }
    return o.out();
  }

  /**
   * The number of distinct commands run so far.
   *
   * @return how many outputs are remembered
   */
  public int commandsRun() {
    return cache.size();
  }

  private Output execute(List<String> args) {
    List<String> resolved = new ArrayList<>();
    for (String a : args) {
      resolved.add(resolve(a));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.execute(o, e, resolved.toArray(String[]::new));
    }
    return new Output(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A relative path that exists in the repository becomes absolute; other words stay. */
  private String resolve(String arg) {
    if (arg.startsWith("-") || arg.isEmpty() || !arg.contains("/")) {
      return arg;
    }
    Path p = repository.resolve(arg);
    return Files.exists(p) ? p.toAbsolutePath().normalize().toString() : arg;
  }
}
