package dev.pagelab.sim.fault;

import static dev.pagelab.sim.spi.Pte.PTE_A;
import static dev.pagelab.sim.spi.Pte.PTE_ADDR_MASK;
import static dev.pagelab.sim.spi.Pte.PTE_D;
import static dev.pagelab.sim.spi.Pte.PTE_NX;
import static dev.pagelab.sim.spi.Pte.PTE_P;
import static dev.pagelab.sim.spi.Pte.PTE_RW;
import static dev.pagelab.sim.spi.Pte.PTE_US;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultContext;
import dev.pagelab.sim.spi.FaultContext.FileFrame;
import dev.pagelab.sim.spi.FaultHandler;
import dev.pagelab.sim.spi.FaultOutcome;
import dev.pagelab.sim.spi.SegvCode;
import dev.pagelab.sim.spi.VmaInfo;
import dev.pagelab.sim.spi.WalkResult;

/** The reference page-fault handler: the kernel's {@code handle_mm_fault} for one 4 KiB page. */
public final class DemandPaging implements FaultHandler {

  @Override
  public FaultOutcome handle(
      FaultContext ctx, long address, Access access, WalkResult.PageFault fault) {
    VmaInfo vma = ctx.findVma(address);
    if (vma == null) {
      return new FaultOutcome.Segv(SegvCode.SEGV_MAPERR);
    }
    if (accessError(vma, access)) {
      return new FaultOutcome.Segv(SegvCode.SEGV_ACCERR);
    }
    long pte = ctx.readPte(address);
    if ((pte & PTE_P) == 0) {
      return vma.anonymous()
          ? anonymousFault(ctx, vma, address, access)
          : fileFault(ctx, vma, address, access);
    }
    if (access.isWrite() && (pte & PTE_RW) == 0) {
      return writeProtectFault(ctx, vma, address, pte);
    }
    return FaultOutcome.MINOR;
  }

  /**
   * {@code access_error} of {@code arch/x86/mm/fault.c}: true if the VMA forbids the access. A
   * writable or executable area can be read too, as Linux's {@code VM_READ} implication has it.
   */
  private static boolean accessError(VmaInfo vma, Access access) {
    return switch (access.type()) {
      case READ -> !(vma.readable() || vma.writable() || vma.executable());
      case WRITE -> !vma.writable();
      case EXECUTE -> !vma.executable();
    };
  }

  /** The entry bits every user page gets from its VMA: present, user, accessed, NX unless exec. */
  private static long baseBits(VmaInfo vma) {
    return PTE_P | PTE_US | PTE_A | (vma.executable() ? 0 : PTE_NX);
  }

  private static long writableBits() {
    return PTE_RW | PTE_D;
  }

  /** {@code do_anonymous_page}: a read maps the zero page, a write gets a fresh zeroed frame. */
  private static FaultOutcome anonymousFault(
      FaultContext ctx, VmaInfo vma, long address, Access access) {
    if (!access.isWrite()) {
      long zero = (ctx.zeroPagePfn() << 12) | baseBits(vma);
      return ctx.writePte(address, zero) ? FaultOutcome.MINOR : FaultOutcome.OOM;
    }
    long pfn = ctx.allocateAnonFrame(address);
    if (pfn < 0) {
      return FaultOutcome.OOM;
    }
    return install(ctx, address, pfn, baseBits(vma) | writableBits(), FaultOutcome.MINOR);
  }

  /**
   * {@code do_read_fault}, {@code do_cow_fault} and {@code do_shared_fault}: map the page-cache
   * page, or a private copy of it for a write to a private mapping.
   */
  private static FaultOutcome fileFault(
      FaultContext ctx, VmaInfo vma, long address, Access access) {
    FileFrame page = ctx.filePage(address);
    if (page == null) {
      return FaultOutcome.OOM;
    }
    FaultOutcome outcome = page.readFromDisk() ? FaultOutcome.MAJOR : FaultOutcome.MINOR;
    if (access.isWrite() && !vma.shared()) {
      long copy = ctx.copyFrame(address, page.pfn());
      if (copy < 0) {
        return FaultOutcome.OOM;
      }
      return install(ctx, address, copy, baseBits(vma) | writableBits(), outcome);
    }
    ctx.mapFilePage(page.pfn());
    long bits = baseBits(vma) | (access.isWrite() ? writableBits() : 0);
    return install(ctx, address, page.pfn(), bits, outcome);
  }

  /**
   * {@code do_wp_page}: a write to a present read-only page of a writable VMA. Shared pages become
   * writable; a private page mapped only here is reused; otherwise (the zero page, or a page shared
   * after fork, or a page-cache page) the process gets its own copy.
   */
  private static FaultOutcome writeProtectFault(
      FaultContext ctx, VmaInfo vma, long address, long pte) {
    long pfn = (pte & PTE_ADDR_MASK) >>> 12;
    boolean reuse =
        vma.shared()
            || (pfn != ctx.zeroPagePfn() && ctx.isAnonymous(pfn) && ctx.mapCount(pfn) == 1);
    if (reuse) {
      ctx.writePte(address, pte | PTE_A | writableBits());
      return FaultOutcome.MINOR;
    }
    long copy = ctx.copyFrame(address, pfn);
    if (copy < 0) {
      return FaultOutcome.OOM;
    }
    FaultOutcome outcome =
        install(ctx, address, copy, baseBits(vma) | writableBits(), FaultOutcome.MINOR);
    if (outcome == FaultOutcome.MINOR) {
      ctx.unmapFrame(pfn);
    }
    return outcome;
  }

  /** Maps {@code pfn} at {@code address}; if no frame is left for a page table, drops it again. */
  private static FaultOutcome install(
      FaultContext ctx, long address, long pfn, long bits, FaultOutcome outcome) {
    if (ctx.writePte(address, (pfn << 12) | bits)) {
      return outcome;
    }
    ctx.unmapFrame(pfn);
    return FaultOutcome.OOM;
  }
}
