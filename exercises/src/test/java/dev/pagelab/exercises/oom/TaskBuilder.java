package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomTask;

/**
 * Builds the {@link OomTask}s of the tests: a user process in the root cgroup with an mm, whose
 * memory and flags the test sets, e.g. {@code process(500, "hog").anon(1000).swap(30).build()}.
 */
final class TaskBuilder {
  private final int pid;
  private final String comm;
  private long anon;
  private long file;
  private long shmem;
  private long swap;
  private long pgtablesBytes;
  private int adj;
  private boolean kthread;
  private boolean init;
  private boolean hasMm = true;
  private boolean oomSkip;
  private boolean inVfork;
  private boolean oomVictim;
  private String memcg = "/";

  private TaskBuilder(int pid, String comm) {
    this.pid = pid;
    this.comm = comm;
  }

  /** A user process with an mm, no memory yet, adj 0, in the root cgroup. */
  static TaskBuilder process(int pid, String comm) {
    return new TaskBuilder(pid, comm);
  }

  /** Global init: pid 1, with the given resident anonymous pages. */
  static TaskBuilder init(long anonPages) {
    TaskBuilder b = new TaskBuilder(1, "init").anon(anonPages);
    b.init = true;
    return b;
  }

  /** A kernel thread: no mm, no memory. */
  static OomTask kernelThread(int pid, String comm) {
    TaskBuilder b = new TaskBuilder(pid, comm);
    b.kthread = true;
    b.hasMm = false;
    return b.build();
  }

  /** The same values as {@code t}, to change some. */
  static TaskBuilder from(OomTask t) {
    TaskBuilder b = new TaskBuilder(t.pid(), t.comm());
    b.anon = t.rssAnon();
    b.file = t.rssFile();
    b.shmem = t.rssShmem();
    b.swap = t.swapents();
    b.pgtablesBytes = t.pgtablesBytes();
    b.adj = t.oomScoreAdj();
    b.kthread = t.kthread();
    b.init = t.globalInit();
    b.hasMm = t.hasMm();
    b.oomSkip = t.oomSkip();
    b.inVfork = t.inVfork();
    b.oomVictim = t.oomVictim();
    b.memcg = t.memcg();
    return b;
  }

  TaskBuilder anon(long pages) {
    anon = pages;
    return this;
  }

  TaskBuilder file(long pages) {
    file = pages;
    return this;
  }

  TaskBuilder shmem(long pages) {
    shmem = pages;
    return this;
  }

  TaskBuilder swap(long pages) {
    swap = pages;
    return this;
  }

  TaskBuilder pgtablesBytes(long bytes) {
    pgtablesBytes = bytes;
    return this;
  }

  TaskBuilder adj(int oomScoreAdj) {
    adj = oomScoreAdj;
    return this;
  }

  /** All its threads have released their mm (it is exiting): no memory left to count. */
  TaskBuilder noMm() {
    hasMm = false;
    anon = file = shmem = swap = pgtablesBytes = 0;
    return this;
  }

  TaskBuilder oomSkip() {
    oomSkip = true;
    return this;
  }

  TaskBuilder inVfork() {
    inVfork = true;
    return this;
  }

  /** An earlier OOM kill chose it and it has not exited yet. */
  TaskBuilder oomVictim() {
    oomVictim = true;
    return this;
  }

  TaskBuilder memcg(String path) {
    memcg = path;
    return this;
  }

  OomTask build() {
    return new OomTask(
        pid,
        comm,
        anon,
        file,
        shmem,
        swap,
        pgtablesBytes,
        adj,
        kthread,
        init,
        hasMm,
        oomSkip,
        inVfork,
        oomVictim,
        memcg);
  }
}
