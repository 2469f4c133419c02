package dev.pagelab.sim.kernel;

import dev.pagelab.sim.cache.PageCache;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cgroup v2 memory controller group below the root: its {@code memory.max}, the processes in it,
 * its settings and the counters of {@code memory.events}.
 *
 * <p>What is charged follows {@code mm/memcontrol.c} of Linux 6.x: the anonymous folios its
 * processes fault in ({@code mem_cgroup_charge} from {@code do_anonymous_page}, {@code
 * wp_page_copy}, {@code do_swap_page}), the page-cache and shared-memory folios they bring in
 * ({@code filemap_add_folio}, {@code shmem_add_to_page_cache}), and the {@code __GFP_ACCOUNT}
 * kernel memory: page tables ({@code GFP_PGTABLE_USER}) and kernel stacks ({@code THREADINFO_GFP}).
 * The usage is recounted from those sources, so uncharging on free happens by itself.
 *
 * <p>The page cache is charged per folio, to the group of the task that adds it to the cache (a
 * read, a write or a fault), and uncharged when it leaves the cache ({@link PageCache#memcgPages}).
 * Besides {@code memory.max} a group has {@code memory.high} (reclaim and throttling above it),
 * {@code memory.low} and {@code memory.min} (protection from global reclaim), {@code
 * memory.swap.max} and {@code memory.oom.group}.
 *
 * <p>Simplifications: an anonymous page shared after {@code fork} counts once per process that maps
 * it (both are in the same group, since a child inherits its parent's group). Slab objects and
 * block-device metadata are not charged. Groups are one level deep for limits and protection (a
 * name like {@code a/b} is one group; its parent is not modelled).
 */
public final class MemCgroup {
  /** {@code memory.max} written as {@code max}: no limit. */
  public static final long MAX = Long.MAX_VALUE;

  /** {@code PAGE_COUNTER_MAX} in KiB, what the kernel prints as the limit of an unlimited group. */
  public static final long PAGE_COUNTER_MAX_KB = 9007199254740988L;

  private final String name;
  private final int id;
  private long maxPages = MAX;
  private long highPages = MAX;
  private long lowPages;
  private long minPages;
  private long swapMaxPages = MAX;
  private boolean oomGroup;
  private final Set<Process> members = new LinkedHashSet<>();
  private long failcnt;
  private long eventsLow;
  private long eventsHigh;
  private long eventsOomGroupKill;
  private long swapEventsMax;
  private long swapEventsFail;
  private long overHighPages;
  private long throttledNanos;
  private long eventsMax;
  private long eventsOom;
  private long eventsOomKill;

  MemCgroup(String name, int id) {
    if (name == null
        || !name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")) {
      throw new IllegalArgumentException(
          "MemCgroup: bad cgroup name \"" + name + "\": expected names like oomtest or a/b");
    }
    if (id <= 0) {
      throw new IllegalArgumentException(
          "MemCgroup: id " + id + " of " + name + " is not positive");
    }
    this.name = name;
    this.id = id;
  }

  /** The group's id, what the page cache records in each folio it charges here (root is 0). */
  public int id() {
    return id;
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

  void join(Process p) {
    members.add(p);
  }

  void leave(Process p) {
    members.remove(p);
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
      case "sock_throttled" -> 0;
      case "low" -> eventsLow;
      case "high" -> eventsHigh;
      case "oom_group_kill" -> eventsOomGroupKill;
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

  /** Page-cache and shared-memory pages charged: the cached folios charged to the group. */
  public long filePages(PageCache cache) {
    return cache.memcgPages(id);
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
   * sock_throttled}, one per line ({@code sock_throttled} stays 0: no sockets).
   *
   * @return the file's text
   */
  public String memoryEvents() {
    List<String> lines = new ArrayList<>();
    for (String key :
        List.of("low", "high", "max", "oom", "oom_kill", "oom_group_kill", "sock_throttled")) {
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

  // ---------------------------------------------------------------- memory.high, low, min, swap

  /** {@code memory.high} in pages, or {@link #MAX}. */
  public long highPages() {
    return highPages;
  }

  /** {@code memory.low} in pages (0: no protection). */
  public long lowPages() {
    return lowPages;
  }

  /** {@code memory.min} in pages (0: no protection). */
  public long minPages() {
    return minPages;
  }

  /** {@code memory.swap.max} in pages, or {@link #MAX}. */
  public long swapMaxPages() {
    return swapMaxPages;
  }

  /** {@code memory.oom.group}: an OOM kill in the group kills all of it. */
  public boolean oomGroup() {
    return oomGroup;
  }

  /** Sets {@code memory.high} in pages ({@link #MAX} for none). */
  void setHighPages(long pages) {
    highPages = nonNegative(pages, "setHighPages");
  }

  /** Sets {@code memory.low} in pages. */
  void setLowPages(long pages) {
    lowPages = nonNegative(pages, "setLowPages");
  }

  /** Sets {@code memory.min} in pages. */
  void setMinPages(long pages) {
    minPages = nonNegative(pages, "setMinPages");
  }

  /** Sets {@code memory.swap.max} in pages ({@link #MAX} for none). */
  void setSwapMaxPages(long pages) {
    swapMaxPages = nonNegative(pages, "setSwapMaxPages");
  }

  /** Sets {@code memory.oom.group}. */
  void setOomGroup(boolean on) {
    oomGroup = on;
  }

  private static long nonNegative(long pages, String method) {
    if (pages < 0) {
      throw new IllegalArgumentException("MemCgroup." + method + ": negative value " + pages);
    }
    return pages;
  }

  /** {@code MEMCG_LOW}: global reclaim took pages from the group below its {@code memory.low}. */
  void countLow() {
    eventsLow++;
  }

  /** {@code MEMCG_HIGH}: {@code reclaim_high} found the group above {@code memory.high}. */
  void countHigh() {
    eventsHigh++;
  }

  /** {@code MEMCG_OOM_GROUP_KILL}: an OOM kill took the whole group. */
  void countOomGroupKill() {
    eventsOomGroupKill++;
  }

  /** {@code MEMCG_SWAP_MAX} and {@code MEMCG_SWAP_FAIL}: a swap-out refused at swap.max. */
  void countSwapMax() {
    swapEventsMax++;
    swapEventsFail++;
  }

  /**
   * Pages charged above {@code memory.high} since the last {@code mem_cgroup_handle_over_high}
   * ({@code current->memcg_nr_pages_over_high}, kept per group here).
   */
  long overHighPages() {
    return overHighPages;
  }

  void addOverHigh(long pages) {
    overHighPages += pages;
  }

  void clearOverHigh() {
    overHighPages = 0;
  }

  /** The simulated time the group's tasks were throttled above {@code memory.high}, in ns. */
  public long throttledNanos() {
    return throttledNanos;
  }

  void addThrottled(long nanos) {
    throttledNanos += nanos;
  }

  /** {@code memory.swap.current} in pages: the swap entries of the group's processes. */
  public long swapPages() {
    long n = 0;
    for (Process p : members) {
      n += p.mm().swapents();
    }
    return n;
  }

  /**
   * {@code memory.swap.events}: {@code high}, {@code max}, {@code fail} as {@code swap_events_show}
   * prints them.
   *
   * @return the file's text
   */
  public String swapEvents() {
    return "high 0\nmax " + swapEventsMax + "\nfail " + swapEventsFail + "\n";
  }

  /** A swap event count: {@code high}, {@code max} or {@code fail}. */
  public long swapEvent(String key) {
    return switch (key) {
      case "high" -> 0;
      case "max" -> swapEventsMax;
      case "fail" -> swapEventsFail;
      default ->
          throw new IllegalArgumentException(
              "MemCgroup.swapEvent: memory.swap.events has no key " + key);
    };
  }

  /**
   * A page-count file as the kernel prints it ({@code memory_high_show} and the like): bytes, or
   * {@code max} for {@link #MAX}.
   */
  static String pagesOrMax(long pages) {
    return (pages == MAX ? "max" : Long.toString(pages * 4096)) + "\n";
  }

  /**
   * {@code memory.stat} as {@code memory_stat_format} prints it, in bytes: the modelled lines in
   * the kernel's order ({@code anon}, {@code file}, {@code kernel}, {@code kernel_stack}, {@code
   * pagetables}, {@code sec_pagetables}, {@code percpu}, {@code sock}, {@code vmalloc}, {@code
   * shmem}, {@code file_mapped}, {@code file_dirty}, {@code file_writeback}, {@code anon_thp},
   * {@code inactive_file}, {@code active_file}). The kernel prints more lines (zswap, the anon LRU
   * split, slab, workingset and event counters); they are not modelled here.
   *
   * @param cache the page cache
   * @param stackPages the kernel stack of one process, in pages
   * @return the file's text
   */
  public String memoryStat(PageCache cache, long stackPages) {
    PageCache.MemcgStat f = cache.memcgStat(id);
    long stack = members.size() * stackPages;
    long thp = 0;
    for (Process p : members) {
      thp += p.mm().anonHugePages();
    }
    long[] values = {
      anonPages(),
      f.file(),
      pageTablePages() + stack,
      stack,
      pageTablePages(),
      0,
      0,
      0,
      0,
      f.shmem(),
      f.fileMapped(),
      f.fileDirty(),
      f.fileWriteback(),
      thp,
      f.inactiveFile(),
      f.activeFile()
    };
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < STAT_KEYS.size(); i++) {
      out.append(STAT_KEYS.get(i)).append(' ').append(values[i] << 12).append('\n');
    }
    return out.toString();
  }

  /** The keys {@link #memoryStat} prints, in order. */
  public static final List<String> STAT_KEYS =
      List.of(
          "anon",
          "file",
          "kernel",
          "kernel_stack",
          "pagetables",
          "sec_pagetables",
          "percpu",
          "sock",
          "vmalloc",
          "shmem",
          "file_mapped",
          "file_dirty",
          "file_writeback",
          "anon_thp",
          "inactive_file",
          "active_file");

  /**
   * One line of {@link #memoryStat} in bytes.
   *
   * @throws IllegalArgumentException for a key it does not print
   */
  public long stat(String key, PageCache cache, long stackPages) {
    int i = STAT_KEYS.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("MemCgroup.stat: memory.stat has no key " + key);
    }
    String line = memoryStat(cache, stackPages).split("\n")[i];
    return Long.parseLong(line.substring(line.indexOf(' ') + 1));
  }

  /** {@code memory.high} as {@code memory_high_show} prints it. */
  public String memoryHigh() {
    return pagesOrMax(highPages);
  }

  /** {@code memory.low} as {@code memory_low_show} prints it. */
  public String memoryLow() {
    return pagesOrMax(lowPages);
  }

  /** {@code memory.min} as {@code memory_min_show} prints it. */
  public String memoryMin() {
    return pagesOrMax(minPages);
  }

  /** {@code memory.swap.max} as {@code swap_max_show} prints it. */
  public String memorySwapMax() {
    return pagesOrMax(swapMaxPages);
  }
}
