/**
 * The page-fault handler: demand paging of anonymous, shared-memory and file pages, the zero page,
 * copy-on-write, and SIGSEGV for bad accesses.
 *
 * <p>Follows {@code arch/x86/mm/fault.c} ({@code do_user_addr_fault}, {@code access_error}) and
 * {@code mm/memory.c} ({@code handle_pte_fault}, {@code do_anonymous_page}, {@code do_read_fault},
 * {@code do_cow_fault}, {@code do_shared_fault}, {@code do_wp_page}).
 */
package dev.pagelab.sim.fault;
