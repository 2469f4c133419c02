/**
 * The page cache: the frames that hold file pages and shared-memory pages, looked up by file and
 * page index.
 *
 * <p>Follows {@code mm/filemap.c} ({@code filemap_fault}: a miss reads the page, a major fault) and
 * {@code mm/shmem.c} ({@code shmem_fault}: a miss allocates a zeroed page, a minor fault). Shared
 * anonymous memory is a shmem object that lives as long as a mapping of it does.
 */
package dev.pagelab.sim.cache;
