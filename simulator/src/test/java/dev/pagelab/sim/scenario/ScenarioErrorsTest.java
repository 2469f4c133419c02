package dev.pagelab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad scenarios and the exact error each gives: {@code file:line:column: problem} and hint. */
class ScenarioErrorsTest {
  private static final String P = "spawn prog as p\n";
  private static final String BUF = P + "p mmap 100MiB as buf\n";

  static Stream<Arguments> badScenarios() {
    return Stream.of(
        // sizes, durations, rates: the column points at the offending unit or value
        bad(
            P + "p mmap 100MB2 rw\n",
            "demo.scn:2:11: unknown size unit \"MB2\"",
            Quantities.SIZE_HINT),
        bad(P + "p mmap lots\n", "demo.scn:2:8: \"lots\" is not a size", Quantities.SIZE_HINT),
        bad(
            P + "p mmap 0\n",
            "demo.scn:2:8: the mmap length must be above 0",
            Quantities.SIZE_HINT),
        bad(
            "machine ram=1.5B\n",
            "demo.scn:1:13: size 1.5B is not a whole number of bytes",
            Quantities.SIZE_HINT),
        bad("sleep 5\n", "demo.scn:1:7: duration \"5\" needs a unit", Quantities.DURATION_HINT),
        bad("sleep 5x\n", "demo.scn:1:8: unknown duration unit \"x\"", Quantities.DURATION_HINT),
        bad(
            BUF + "p touch buf rate=10MiB\n",
            "demo.scn:3:18: \"10MiB\" is not a rate",
            Quantities.RATE_HINT),
        bad(
            BUF + "p touch buf rate=0/s\n",
            "demo.scn:3:18: rate= must be above 0",
            Quantities.RATE_HINT),
        bad(
            P + "p write 0xfoo\n",
            "demo.scn:2:9: \"0xfoo\" is not an address",
            Quantities.ADDRESS_HINT),
        // memory cgroups
        bad(
            "cgroup /oomtest memory.max=200MiB\n",
            "demo.scn:1:8: \"/oomtest\" is not a cgroup name",
            "e.g. oomtest or work/oomtest"),
        bad(
            "cgroup oomtest memory.peak=1MiB\n",
            "demo.scn:1:16: expected FILE=VALUE with FILE one of memory.max, memory.high,"
                + " memory.low, memory.min, memory.swap.max, memory.oom.group, found"
                + " \"memory.peak=1MiB\"",
            "cgroups look like: cgroup oomtest memory.max=200MiB (or memory.max=max), optionally"
                + " memory.high=, memory.low=, memory.min=, memory.swap.max=, memory.oom.group=0|1"),
        bad(
            "cgroup oomtest memory.oom.group=2\n",
            "demo.scn:1:33: memory.oom.group takes 0 or 1, found \"2\"",
            "e.g. memory.oom.group=1"),
        bad(
            "cgroup oomtest memory.low=lots\n",
            "demo.scn:1:27: \"lots\" is not a size",
            Quantities.SIZE_HINT),
        bad(
            "spawn hog as h cgroup=jail\n",
            "demo.scn:1:23: no cgroup \"jail\"",
            "make it first: cgroup jail memory.max=SIZE"),
        bad(
            "cgroup a\ncat /sys/fs/cgroup/b/memory.events\n",
            "demo.scn:2:20: no cgroup \"b\"",
            "cgroups: a"),
        bad(
            "cgroup a\nexpect cgroup.a.memory.peak == 0\n",
            "demo.scn:2:15: expected cgroup.NAME.FIELD, found \"cgroup.a.memory.peak\"",
            "fields: memory.current, memory.max, memory.high, memory.low, memory.min,"
                + " memory.swap.max, memory.swap.current, memory.stat.anon, memory.stat.file,"
                + " memory.stat.kernel, memory.stat.kernel_stack, memory.stat.pagetables,"
                + " memory.stat.shmem, memory.stat.file_mapped, memory.stat.file_dirty,"
                + " memory.stat.file_writeback, memory.stat.anon_thp, memory.stat.inactive_file,"
                + " memory.stat.active_file, memory.swap.events.high, memory.swap.events.max,"
                + " memory.swap.events.fail, memory.oom.group, low, high, max, oom, oom_kill,"
                + " oom_group_kill, sock_throttled"),
        // commands, aliases, regions
        bad(
            "frobnicate now\n",
            "demo.scn:1:1: unknown command \"frobnicate\"",
            "commands: machine, sysctl, cgroup, file, write, read, truncate, rm, sync, spawn, sleep, every,"
                + " stop, expect, free, ps, cat, dmesg, walk, echo, sar"),
        bad(
            P + "spawn b as c\nfrob\n",
            "demo.scn:3:1: unknown command \"frob\"",
            "commands: machine, sysctl, cgroup, file, write, read, truncate, rm, sync, spawn, sleep, every,"
                + " stop, expect, free, ps, cat, dmesg, walk, echo, sar; or ALIAS COMMAND for a"
                + " process (p, c)"),
        bad(
            "read /tmp/nothing\n",
            "demo.scn:1:6: no file /tmp/nothing at this point",
            "make it first with: file /tmp/nothing size=SIZE, or write /tmp/nothing size=SIZE"),
        bad(
            "write /tmp/a size=1MiB\nrm /tmp/a\nrm /tmp/a\n",
            "demo.scn:3:4: no file /tmp/a at this point",
            "make it first with: file /tmp/a size=SIZE, or write /tmp/a size=SIZE"),
        bad(
            "write /tmp/a\n",
            "demo.scn:1:13: expected size=SIZE",
            "file commands: write /PATH size=SIZE [offset=SIZE], read /PATH, truncate /PATH"
                + " size=SIZE, rm /PATH, sync"),
        bad(
            "write tmp/a size=1MiB\n",
            "demo.scn:1:7: \"tmp/a\" is not an absolute path",
            "file commands: write /PATH size=SIZE [offset=SIZE], read /PATH, truncate /PATH"
                + " size=SIZE, rm /PATH, sync"),
        bad("sync now\n", "demo.scn:1:6: unexpected \"now\"", "sync takes nothing more"),
        bad(
            "q mmap 1MiB\n",
            "demo.scn:1:1: unknown process \"q\"",
            "no process is defined yet; start one with: spawn NAME as ALIAS"),
        bad(
            P + "spawn b as c\nq touch heap\n",
            "demo.scn:3:1: unknown process \"q\"",
            "processes defined so far: p, c"),
        bad(
            "p mmap 1MiB\n" + P,
            "demo.scn:1:1: process \"p\" is used before it is defined",
            "it is defined at line 2; statements run from top to bottom"),
        bad(
            P + "p mmapp 1MiB\n",
            "demo.scn:2:3: unknown process command \"mmapp\"",
            "process commands: mmap, munmap, mprotect, madvise, pin, unpin, brk, fork, touch, read, write,"
                + " exec, exit, prctl, taskset"),
        bad(
            P + "p taskset\n",
            "demo.scn:2:10: expected cpu=N",
            "taskset cpu=N: pin the process to CPU N (0 to the machine's cpus= - 1)"),
        bad(
            P + "p taskset cpu=x\n",
            "demo.scn:2:15: \"x\" is not a whole number",
            "counts are plain numbers like 25600"),
        bad(
            P + "p touch buf\np mmap 1MiB as buf\n",
            "demo.scn:2:9: region \"buf\" is used before it is defined",
            "\"as buf\" defines it at line 3; statements run in order"),
        bad(
            P + "p touch buf\n",
            "demo.scn:2:9: process p has no region \"buf\"",
            "regions of p: stack, heap; name one with: p mmap SIZE as NAME"),
        bad(
            BUF + "p munmap buf\np read buf\n",
            "demo.scn:4:8: region \"buf\" of p was unmapped at line 3",
            "map it again with: p mmap SIZE as buf"),
        bad(
            BUF + "p mmap 1MiB as buf\n",
            "demo.scn:3:16: process p already has a region \"buf\" (line 2)",
            "pick another name"),
        bad(
            P + "p exit\np touch heap\n",
            "demo.scn:3:1: process \"p\" has exited (line 2)",
            "an exited process can do nothing more; spawn or fork another one"),
        bad(
            P + "spawn other as p\n",
            "demo.scn:2:16: alias \"p\" is already used (line 1)",
            "each process needs its own alias"),
        bad(
            "spawn a as free\n",
            "demo.scn:1:12: \"free\" is a reserved word",
            "pick another alias name"),
        bad(
            "spawn a as 9p\n",
            "demo.scn:1:12: \"9p\" is not a valid alias",
            "alias names use letters, digits and _ and start with a letter, e.g. p, child1, buf"),
        bad(
            "spawn demand-paging.py as p\n",
            "demo.scn:1:7: command name \"demand-paging.py\" has 16 characters",
            "the kernel keeps at most 15 (TASK_COMM_LEN 16); shorten it"),
        bad(
            "spawn prog p\n",
            "demo.scn:1:12: expected \"as\", found \"p\"",
            "spawn NAME as ALIAS [exe=/path] [size=SIZE] [oom_score_adj=N] [cgroup=NAME]"),
        bad(
            "spawn prog as\n",
            "demo.scn:1:14: expected an alias after \"as\"",
            "spawn NAME as ALIAS [exe=/path] [size=SIZE] [oom_score_adj=N] [cgroup=NAME]"),
        // options
        bad(
            BUF + "p touch buf strid=8KiB\n",
            "demo.scn:3:13: unknown option \"strid=\" for touch",
            ProcessCommands.TOUCH_HINT),
        bad(
            BUF + "p touch buf stride=8KiB count=3 stride=4KiB\n",
            "demo.scn:3:33: duplicate option \"stride=\"",
            "stride= is already given at column 13"),
        bad(
            BUF + "p touch buf read write\n",
            "demo.scn:3:18: access \"write\" conflicts with \"read\"",
            "give one access; the first is at column 13"),
        bad(
            BUF + "p touch buf order=sideways\n",
            "demo.scn:3:19: unknown order \"sideways\"",
            "order is forward, backward or random"),
        bad(
            P + "p mmap 1MiB rw rx\n",
            "demo.scn:2:16: protection \"rx\" conflicts with \"rw\"",
            "give one protection; the first is at column 13"),
        bad(
            P + "p mmap 1MiB rw huge\n",
            "demo.scn:2:16: unknown mmap word \"huge\"",
            ProcessCommands.MMAP_HINT),
        bad(
            P + "p mmap 1MiB fixed\n",
            "demo.scn:2:13: fixed needs at=ADDR",
            ProcessCommands.MMAP_HINT),
        bad(
            P + "p mmap 1MiB at=0x1001\n",
            "demo.scn:2:16: at=0x1001 is not page aligned",
            "use a multiple of 0x1000"),
        bad(
            P + "p mmap 1GiB at=0x7fffffff0000\n",
            "demo.scn:2:16: the mapping at 0x7fffffff0000 would end above the user address limit"
                + " 0x800000000000",
            "with 4-level paging user addresses end at 0x7fffffffffff"),
        bad(
            P + "p mmap 1MiB file=/nope\n",
            "demo.scn:2:18: no file \"/nope\"",
            "create it first with: file /nope size=SIZE"),
        bad(
            P + "p mmap 1MiB anon file=/x\n",
            "demo.scn:2:18: backing \"file=/x\" conflicts with \"anon\"",
            "give one backing; the first is at column 13"),
        // ranges
        bad(
            BUF + "p munmap buf offset=100MiB\n",
            "demo.scn:3:21: offset=100MiB is past the end of buf (100MiB)",
            "offsets count from the start of the region"),
        bad(
            BUF + "p munmap buf offset=1MiB length=100MiB\n",
            "demo.scn:3:33: offset+length runs past the end of buf (100MiB)",
            "at most 99MiB fit after offset 1MiB"),
        bad(
            BUF + "p mprotect buf r offset=100\n",
            "demo.scn:3:25: offset= 100 is not a multiple of 4KiB",
            "the kernel works in whole 4KiB pages here: use e.g. 4KiB, 8KiB, 1MiB"),
        bad(
            P + "p munmap 0x7f0000000000\n",
            "demo.scn:2:24: length= is required when the target is an address",
            "munmap TARGET [offset=SIZE] [length=SIZE]"),
        bad(
            P + "p munmap heap\n",
            "demo.scn:2:10: the heap cannot be unmapped in a scenario",
            "shrink the heap with: p brk -SIZE"),
        bad(
            BUF + "p touch buf+4KiB\n",
            "demo.scn:3:12: touch takes offset= instead of \"+\"",
            "touch buf offset=4KiB"),
        bad(
            BUF + "p touch buf stride=2MiB count=51\n",
            "demo.scn:3:31: count=51 with stride=2MiB runs past the end of the span (100MiB)",
            "at most 50 accesses fit"),
        bad(
            P + "p touch heap\n",
            "demo.scn:2:9: the heap of p is empty",
            "grow it first: p brk +SIZE"),
        bad(
            P + "p brk +1MiB\np brk -2MiB\n",
            "demo.scn:3:7: brk -2MiB would move the break below the start of the heap",
            "the heap of p has 1MiB now"),
        bad(
            P + "p brk 1MiB\n",
            "demo.scn:2:7: brk needs a sign, found \"1MiB\"",
            "brk +SIZE grows the heap, brk -SIZE shrinks it, e.g. brk +80MiB"),
        bad(
            BUF + "p read buf+100MiB\n",
            "demo.scn:3:8: buf+100MiB is past the end of buf (100MiB)",
            "offsets count from the start of the region"),
        bad(
            P + "p exit status=256\n",
            "demo.scn:2:15: status 256 is out of range",
            "status must be between 0 and 255"),
        // machine and settings
        bad(
            "machine ram=16GiB ram=8GiB\n",
            "demo.scn:1:19: duplicate option \"ram=\"",
            "ram= is already given at column 9"),
        bad(
            "machine memory=16GiB\n",
            "demo.scn:1:9: unknown option \"memory=\" for machine",
            "machine takes ram=, swap=, paging=4level|5level, tlb=, cpus=, min_free_kbytes=,"
                + " seed=, thp=always|madvise|never"),
        bad(
            "machine paging=3level\n",
            "demo.scn:1:16: unknown paging mode \"3level\"",
            "paging is 4level (48-bit addresses) or 5level (57-bit)"),
        bad(
            "machine ram=1MiB\n",
            "demo.scn:1:13: ram=1MiB is out of range",
            "ram must be between 16MiB and 64TiB (46 physical address bits)"),
        bad(
            "machine ram=16GiB swap=1000\n",
            "demo.scn:1:24: swap 1000 is not a multiple of 4KiB",
            "the kernel works in whole 4KiB pages here: use e.g. 4KiB, 8KiB, 1MiB"),
        bad(
            "machine cpus=0\n",
            "demo.scn:1:14: cpus 0 is out of range",
            "cpus must be between 1 and 256"),
        bad(
            "machine ram=1GiB min_free_kbytes=2000000\n",
            "demo.scn:1:34: min_free_kbytes 2000000 is out of range",
            "min_free_kbytes must be between 0 and 1048576"),
        bad(
            "sleep 1s\nmachine ram=1GiB\n",
            "demo.scn:2:1: machine must come before every other statement",
            "move the machine line to the top of the scenario"),
        bad(
            "machine\nmachine\n",
            "demo.scn:2:1: machine is already set at line 1",
            "a scenario has one machine line"),
        bad(
            "sysctl overcommit\n",
            "demo.scn:1:8: expected KEY=VALUE, found \"overcommit\"",
            "sysctl settings look like: sysctl vm.overcommit_memory=2"),
        bad(
            "sysctl vm.a=1 vm.b=2\n",
            "demo.scn:1:15: unexpected \"vm.b=2\"",
            "one setting per sysctl line"),
        // samplers and views
        bad(
            "every 1s free\n",
            "demo.scn:1:10: expected \":\" after the period, found \"free\"",
            "samplers look like: every 1s: ps p -o vsz,rss,maj_flt,min_flt"),
        bad(
            "every 0s: free\n",
            "demo.scn:1:7: the period of every must be above 0",
            "samplers look like: every 1s: ps p -o vsz,rss,maj_flt,min_flt"),
        bad(
            "every 1s: sleep 1s\n",
            "demo.scn:1:11: \"sleep\" is not a view",
            "every samples a view: cat, dmesg, echo, free, ps, sar, walk"),
        bad(
            "stop every\n",
            "demo.scn:1:1: no sampler is running",
            "start one with: every 1s: free -m"),
        bad(
            "free -m -h\n",
            "demo.scn:1:9: unit \"-h\" conflicts with \"-m\"",
            "give one unit; the first is at column 6"),
        bad(
            "free -x\n",
            "demo.scn:1:6: unknown free option \"-x\"",
            "free takes -b, -k, -m, -g, --tera, -h, -w, -t, --si"),
        bad(
            P + "ps p -o vsz,rsss\n",
            "demo.scn:2:13: unknown ps field \"rsss\"",
            "ps [ALIAS...] [-p ALIAS,...] [-o FIELD,...] [--no-headers]; memory fields: pid, comm,"
                + " vsz, rss, maj_flt, min_flt, %mem, sz, stat"),
        bad(
            P + "ps -p p,q\n",
            "demo.scn:2:9: unknown process \"q\"",
            "processes defined so far: p"),
        bad(
            P + "cat /proc/p/mapz\n",
            "demo.scn:2:5: unknown file \"/proc/p/mapz\"",
            "cat /proc/FILE (meminfo, vmstat, zoneinfo, buddyinfo, swaps) or /proc/ALIAS/FILE"
                + " (maps, smaps, smaps_rollup, status, stat, statm, oom_score, oom_score_adj)"
                + " or /sys/fs/cgroup/NAME/FILE (memory.current, memory.max, memory.events,"
                + " memory.high, memory.low, memory.min, memory.swap.max, memory.swap.current,"
                + " memory.swap.events, memory.stat, memory.oom.group)"),
        bad(
            P + "cat /proc/1234/maps\n",
            "demo.scn:2:11: use the alias, not \"1234\"",
            "e.g. cat /proc/p/maps"),
        bad(
            "sar -r 1 5\n",
            "demo.scn:1:1: sar needs an interval",
            "sar samples over time: every 1s: sar -r (or -r ALL, -B)"),
        bad(
            "every 1s: sar -r 1\n",
            "demo.scn:1:18: unexpected \"1\"",
            "inside every, its period is sar's interval"),
        bad(
            "echo \"open\n",
            "demo.scn:1:6: unterminated string",
            "close the text with a double quote: echo \"like this\""),
        // expectations
        bad(
            P + "expect p.rsss >= 1MiB\n",
            "demo.scn:2:10: unknown process field \"rsss\"",
            "fields: vsz, rss, rss_anon, rss_file, rss_shmem, vm_pte, vm_swap, anon_huge, hugetlb,"
                + " min_flt, maj_flt, last_min_flt, last_maj_flt, oom_score, oom_score_adj, exit_status,"
                + " fork_ptes, fork_swap_ptes, fork_pmds, fork_puds, fork_entries, fork_tables"),
        bad(
            P + "expect p.rss => 1MiB\n",
            "demo.scn:2:14: unknown comparison \"=>\"",
            "comparisons: ==, !=, <, <=, >, >="),
        bad(
            P + "expect p.min_flt > 1KiB\n",
            "demo.scn:2:20: \"1KiB\" is not a whole number",
            "counts are plain numbers like 25600"),
        bad(
            P + "expect p.rss >= 1MiB +- 4KiB\n",
            "demo.scn:2:22: a tolerance needs ==",
            "e.g. expect p.rss == 80MB +- 1MiB"),
        bad(
            "expect rss > 1\n",
            "demo.scn:1:8: expected a subject like p.rss, meminfo.MemFree or vmstat.pgfault, found"
                + " \"rss\"",
            "expect p.rss >= 100MiB, expect p.last_min_flt == 25600, expect meminfo.MemFree > 1GiB,"
                + " expect cgroup.oomtest.oom_kill == 1"),
        bad(
            "expect khugepaged.collapsed == 1\n",
            "demo.scn:1:19: \"collapsed\" is not a khugepaged file",
            "files: pages_collapsed, full_scans, defrag, max_ptes_none, max_ptes_swap,"
                + " max_ptes_shared, pages_to_scan, scan_sleep_millisecs, alloc_sleep_millisecs"));
  }

  private static Arguments bad(String text, String headline, String hint) {
    return Arguments.of(text, headline, hint);
  }

  @ParameterizedTest
  @MethodSource("badScenarios")
  void reportsPositionProblemAndHint(String text, String headline, String hint) {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> ScenarioParser.parse("demo.scn", text));
    assertEquals(headline, e.headline());
    assertEquals(hint, e.hint().orElse(null));
    assertEquals(headline + "\nhint: " + hint, e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), "no Java exception names for users");
  }
}
