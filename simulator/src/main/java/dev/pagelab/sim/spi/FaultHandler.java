package dev.pagelab.sim.spi;

/**
 * The page-fault handler (Linux {@code handle_mm_fault} for user addresses): decides what a fault
 * means and, for a legal access, installs the entry that lets the retried access succeed.
 *
 * <ul>
 *   <li>No VMA contains the address: {@code SEGV_MAPERR}. The VMA forbids the access: {@code
 *       SEGV_ACCERR}.
 *   <li>Not present, private anonymous: a read maps the shared zero page read-only; a write
 *       allocates a zeroed frame. Shared anonymous memory always allocates. File-backed: the
 *       page-cache frame (a miss is a major fault); a private write copies it.
 *   <li>Present but read-only in a writable VMA (copy-on-write): the zero page or a frame mapped
 *       more than once is copied; a frame mapped once is reused and made writable.
 * </ul>
 *
 * <p>The handler only decides and installs; the kernel counts minor and major faults from the
 * outcome.
 */
public interface FaultHandler {
  /**
   * Handles one fault.
   *
   * @param context the faulting process as the kernel lends it
   * @param address the faulting virtual address
   * @param access the access that faulted
   * @param fault what the walk reported (error code, level, reason)
   * @return minor, major, SIGSEGV or out of memory; never null
   */
  FaultOutcome handle(
      FaultContext context, long address, Access access, WalkResult.PageFault fault);
}
