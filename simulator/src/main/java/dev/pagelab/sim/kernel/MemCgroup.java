package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.Folio;
import dev.pagelab.sim.cache.MappedFile;
import dev.pagelab.sim.cache.PageCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cgroup v2 memory controller group below the root: its {@code memory.max}, the processes in it,
 * the page-cache files it is charged for, and the counters of {@code memory.events}.
 *
 * <p>What is charged follows {@code mm/memcontrol.c} of Linux 6.x: the anonymous folios its
 * processes fault in ({@code mem_cgroup_charge} from {@code do_anonymous_page}, {@code
 * wp_page_copy}, {@code do_swap_page}), the page-cache and shared-memory folios they bring in
 * ({@code filemap_add_folio}, {@code shmem_add_to_page_cache}), and the {@code __GFP_ACCOUNT}
 * kernel memory: page tables ({@code GFP_PGTABLE_USER}) and kernel stacks ({@code THREADINFO_GFP}).
 * The usage is recounted from those sources, so uncharging on free happens by itself.
 *
 * <p>Simplifications: the page cache is charged by file, not by folio: a file belongs to the first
 * group whose process faults it in while none of it is cached, and every cached page of it counts
 * there. An anonymous page shared after {@code fork} counts once per process that maps it (both are
 * in the same group, since a child inherits its parent's group). Slab objects are not charged.
 */
public final class MemCgroup {
  /** {@code memory.max} written as {@code max}: no limit. */
  public static final long MAX = Long.MAX_VALUE;

  /** {@code PAGE_COUNTER_MAX} in KiB, what the kernel prints as the limit of an unlimited group. */
  public static final long PAGE_COUNTER_MAX_KB = 9007199254740988L;

  private final String name;
  private long maxPages = MAX;
  private final Set<Process> members = new LinkedHashSet<>();
  private final Set<MappedFile> files = new LinkedHashSet<>();
  private long failcnt;
  private long eventsMax;
  private long eventsOom;
  private long eventsOomKill;

  MemCgroup(String name) {
    if (name == null
        || !name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")) {
      throw new IllegalArgumentException(
          "MemCgroup: bad cgroup name \"" + name + "\": expected names like oomtest or a/b");
    }
    this.name = name;
  }

  /**
   * The directory under {@code /sys/fs/cgroup}, e.g. {@code oomtest} or {@code measure/oomtest}.
   */
  public String name() {
    return name;
  }

  /** The cgroup path the kernel prints, e.g. {@code /oomtest}. */
  public String path() {
    return "/" + name;
  }

  /** {@code memory.max} in pages, or {@link #MAX}. */
  public long maxPages() {
    return maxPages;
  }

  /** Sets {@code memory.max} in pages ({@link #MAX} for no limit). */
  void setMaxPages(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("MemCgroup.setMaxPages: negative limit " + pages);
    }
    maxPages = pages;
  }

  /** The running processes in the group, in the order they joined. */
  public List<Process> members() {
    return List.copyOf(members);
  }

  /** The files whose cached pages are charged here. */
  public Set<MappedFile> files() {
    return Collections.unmodifiableSet(files);
  }

  void join(Process p) {
    members.add(p);
  }

  void leave(Process p) {
    members.remove(p);
  }

  void chargeFile(MappedFile f) {
    files.add(f);
  }

  /** Times a charge found the group at its limit ({@code memory.failcnt} of v1). */
  public long failcnt() {
    return failcnt;
  }

  /** One charge that hit {@code memory.max}: {@code failcnt} and the {@code max} event. */
  void hitMax() {
    failcnt++;
    eventsMax++;
  }

  /** {@code MEMCG_OOM}: the group's OOM killer was invoked. */
  void countOom() {
    eventsOom++;
  }

  /** {@code MEMCG_OOM_KILL}: a process of the group was killed by the OOM killer. */
  void countOomKill() {
    eventsOomKill++;
  }

  /**
   * One line of {@code memory.events}.
   *
   * @param key {@code low}, {@code high}, {@code max}, {@code oom}, {@code oom_kill}, {@code
   *     oom_group_kill} or {@code sock_throttled}
   * @return its count
   * @throws IllegalArgumentException for another key
   */
  public long event(String key) {
    return switch (key) {
      case "low", "high", "oom_group_kill", "sock_throttled" -> 0;
      case "max" -> eventsMax;
      case "oom" -> eventsOom;
      case "oom_kill" -> eventsOomKill;
      default ->
          throw new IllegalArgumentException("MemCgroup.event: memory.events has no key " + key);
    };
  }

  /** Processes of the group killed by the OOM killer. */
  public long oomKills() {
    return eventsOomKill;
  }

  /** Anonymous pages charged: {@code MM_ANONPAGES} of every process in the group. */
  public long anonPages() {
    long n = 0;
    for (Process p : members) {
      n += p.mm().rssAnon();
    }
    return n;
  }

  /** Page-table pages charged ({@code NR_PAGETABLE} of the group). */
  public long pageTablePages() {
    long n = 0;
    for (Process p : members) {
      n += p.mm().tables().tableFrames();
    }
    return n;
  }

  /** Page-cache and shared-memory pages charged: the cached pages of the group's files. */
  public long filePages(PageCache cache) {
    long n = 0;
    for (MappedFile f : files) {
      for (Folio folio : cache.folios(f)) {
        n += folio.pages();
      }
    }
    return n;
  }

  /**
   * {@code memory.current} in pages: anonymous, file, page-table and kernel-stack pages.
   *
   * @param cache the page cache
   * @param stackPages the kernel stack of one process, in pages
   * @return pages
   */
  public long usagePages(PageCache cache, long stackPages) {
    return anonPages() + filePages(cache) + pageTablePages() + members.size() * stackPages;
  }

  /**
   * {@code memory.events} as {@code __memory_events_show} of Linux 6.18 prints it: {@code low},
   * {@code high}, {@code max}, {@code oom}, {@code oom_kill}, {@code oom_group_kill}, {@code
   * sock_throttled}, one per line. Only {@code max}, {@code oom} and {@code oom_kill} can happen
   * here (no {@code memory.low}/{@code memory.high}, no {@code memory.oom.group}, no sockets).
   *
   * @return the file's text
   */
  public String memoryEvents() {
    List<String> lines = new ArrayList<>();
    lines.add("low 0");
    lines.add("high 0");
    for (String key : List.of("max", "oom", "oom_kill", "oom_group_kill", "sock_throttled")) {
      lines.add(key + " " + event(key));
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * {@code memory.max} as {@code memory_max_show} prints it: bytes, or {@code max}.
   *
   * @return the file's text
   */
  public String memoryMax() {
    return (maxPages == MAX ? "max" : Long.toString(maxPages * 4096)) + "\n";
  }
}
