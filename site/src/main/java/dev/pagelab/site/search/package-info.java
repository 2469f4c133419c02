/**
 * The search index of each language, built with the site: sections of pages, an inverted index of
 * terms (Latin words and Hangul character bigrams), written as a script that {@code
 * assets/search.js} reads.
 */
package dev.pagelab.site.search;
