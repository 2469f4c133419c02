package dev.pagelab.sim.proc;

import java.util.List;
import java.util.Optional;

/**
 * The values of {@code /proc/<pid>/status}, in three parts as {@code fs/proc/array.c
 * proc_pid_status} prints them: the task's identity, its memory (only a task with an mm, so not a
 * kernel thread), and signals, capabilities, seccomp, CPU and node masks and context switches.
 *
 * @param head {@code Name} .. {@code Kthread}
 * @param mem {@code VmPeak} .. {@code untag_mask}, empty for a task without an mm
 * @param tail {@code Threads} .. {@code nonvoluntary_ctxt_switches}
 */
public record PidStatus(Head head, Optional<Mem> mem, Tail tail) {

  /**
   * {@code task_name} and {@code task_state}.
   *
   * @param name the command name ({@code comm}, at most 15 bytes)
   * @param umask the file mode creation mask, or -1 to leave the line out
   * @param state the scheduler state
   * @param tgid thread group id (the process id)
   * @param ngid NUMA group id
   * @param pid thread id
   * @param ppid parent's tgid
   * @param tracerPid tracer's pid, 0 if not traced
   * @param uid real, effective, saved and file-system uid
   * @param gid real, effective, saved and file-system gid
   * @param fdSize slots in the file-descriptor table
   * @param groups supplementary groups
   * @param nsTgid tgid in each nested pid namespace
   * @param nsPid pid in each nested pid namespace
   * @param nsPgid process group in each nested pid namespace
   * @param nsSid session in each nested pid namespace
   * @param kthread true for a kernel thread
   */
  public record Head(
      String name,
      int umask,
      RunState state,
      int tgid,
      int ngid,
      int pid,
      int ppid,
      int tracerPid,
      List<Integer> uid,
      List<Integer> gid,
      int fdSize,
      List<Integer> groups,
      List<Integer> nsTgid,
      List<Integer> nsPid,
      List<Integer> nsPgid,
      List<Integer> nsSid,
      boolean kthread) {
    /** Copies the lists; uid and gid need four entries each. */
    public Head {
      uid = List.copyOf(uid);
      gid = List.copyOf(gid);
      groups = List.copyOf(groups);
      nsTgid = List.copyOf(nsTgid);
      nsPid = List.copyOf(nsPid);
      nsPgid = List.copyOf(nsPgid);
      nsSid = List.copyOf(nsSid);
      if (uid.size() != 4 || gid.size() != 4) {
        throw new IllegalArgumentException("Head: uid and gid need 4 entries, got " + uid + gid);
      }
    }
  }

  /**
   * {@code task_mem} ({@code fs/proc/task_mmu.c}), {@code task_core_dumping}, {@code
   * task_thp_status} and {@code task_untag_mask}. Sizes are in KiB.
   *
   * @param vmPeak peak virtual size
   * @param vmSize virtual size ({@code total_vm})
   * @param vmLck locked memory
   * @param vmPin pinned memory
   * @param vmHwm peak resident size
   * @param vmRss resident size: RssAnon + RssFile + RssShmem
   * @param rssAnon resident anonymous memory
   * @param rssFile resident file mappings
   * @param rssShmem resident shared memory
   * @param vmData private writable non-stack mappings
   * @param vmStk stack mappings
   * @param vmExe program text
   * @param vmLib shared-library text
   * @param vmPte page tables ({@code mm_pgtables_bytes} / 1024)
   * @param vmSwap swapped-out anonymous memory
   * @param hugetlbPages hugetlbfs pages mapped
   * @param coreDumping a core dump is being written
   * @param thpEnabled THP allowed for this process ({@code PR_SET_THP_DISABLE} not set)
   * @param untagMask the address untag mask (x86 LAM)
   */
  public record Mem(
      long vmPeak,
      long vmSize,
      long vmLck,
      long vmPin,
      long vmHwm,
      long vmRss,
      long rssAnon,
      long rssFile,
      long rssShmem,
      long vmData,
      long vmStk,
      long vmExe,
      long vmLib,
      long vmPte,
      long vmSwap,
      long hugetlbPages,
      boolean coreDumping,
      boolean thpEnabled,
      long untagMask) {}

  /**
   * {@code task_sig}, {@code task_cap}, {@code task_seccomp}, {@code task_cpus_allowed}, {@code
   * cpuset_task_status_allowed} and {@code task_context_switch_counts}.
   *
   * @param threads threads in the group
   * @param sigQueued queued signals of the user
   * @param sigQueueLimit {@code RLIMIT_SIGPENDING}
   * @param sigPnd pending signals of the thread (bit n-1 = signal n)
   * @param shdPnd pending signals of the group
   * @param sigBlk blocked signals
   * @param sigIgn ignored signals
   * @param sigCgt caught signals
   * @param capInh inheritable capabilities
   * @param capPrm permitted capabilities
   * @param capEff effective capabilities
   * @param capBnd bounding set
   * @param capAmb ambient capabilities
   * @param noNewPrivs {@code PR_SET_NO_NEW_PRIVS}
   * @param seccomp seccomp mode
   * @param seccompFilters attached seccomp filters
   * @param speculationStoreBypass the SSB mitigation state text
   * @param speculationIndirectBranch the indirect-branch mitigation state text
   * @param cpusAllowed allowed CPUs (bit n = CPU n)
   * @param cpusAllowedBits width of the CPU mask ({@code nr_cpu_ids}; a parsed file gives it
   *     rounded up to a hex digit, which prints the same)
   * @param memsAllowed allowed memory nodes
   * @param memsAllowedBits width of the node mask ({@code MAX_NUMNODES})
   * @param voluntaryCtxtSwitches voluntary context switches
   * @param nonvoluntaryCtxtSwitches involuntary context switches
   */
  public record Tail(
      int threads,
      long sigQueued,
      long sigQueueLimit,
      long sigPnd,
      long shdPnd,
      long sigBlk,
      long sigIgn,
      long sigCgt,
      long capInh,
      long capPrm,
      long capEff,
      long capBnd,
      long capAmb,
      int noNewPrivs,
      int seccomp,
      int seccompFilters,
      String speculationStoreBypass,
      String speculationIndirectBranch,
      long cpusAllowed,
      int cpusAllowedBits,
      long memsAllowed,
      int memsAllowedBits,
      long voluntaryCtxtSwitches,
      long nonvoluntaryCtxtSwitches) {

    /**
     * The tail of a single-threaded root shell child on the truth machine (2 CPUs, 1024 node bits,
     * SIGINT and SIGQUIT ignored), with the given context-switch counts.
     */
    public static Tail truthMachineDefaults(long voluntary, long nonvoluntary) {
      return new Tail(
          1,
          1,
          96365,
          0,
          0,
          0,
          0x6,
          0,
          0,
          0x1fffeffffffL,
          0x1fffeffffffL,
          0x1fffeffffffL,
          0,
          0,
          0,
          0,
          "vulnerable",
          "always enabled",
          0x3,
          2,
          0x1,
          1024,
          voluntary,
          nonvoluntary);
    }
  }
}
