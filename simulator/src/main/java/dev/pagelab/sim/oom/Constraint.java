package dev.pagelab.sim.oom;

/** {@code enum oom_constraint} of {@code mm/oom_kill.c}, with {@code oom_constraint_text}. */
public enum Constraint {
  /** The whole machine is out of memory. */
  CONSTRAINT_NONE,
  /** The allocating task's cpuset nodes are full (not modelled: one node). */
  CONSTRAINT_CPUSET,
  /** A mempolicy's nodes are full (not modelled: one node). */
  CONSTRAINT_MEMORY_POLICY,
  /** A memory cgroup reached its limit. */
  CONSTRAINT_MEMCG;
}
