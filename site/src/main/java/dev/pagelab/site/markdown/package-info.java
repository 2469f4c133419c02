/**
 * Markdown to HTML with commonmark-java: the site's directive blocks ({@code pagelab ...}), link
 * rewriting, and code highlighting done at build time by small regex lexers, so that pages need no
 * script to show code.
 */
package dev.pagelab.site.markdown;
