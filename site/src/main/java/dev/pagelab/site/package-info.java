/**
 * The course site's generator: it reads the pages (Markdown in {@code site/src/pages/ko} and {@code
 * en}, the exercises' assignments, {@code docs/scenarios.md}), runs every {@code pagelab} command
 * they show through the simulator's one public entry point ({@code
 * dev.pagelab.sim.cli.Main.execute}), renders them into FreeMarker layouts, and checks that every
 * page exists in both languages and every link and anchor resolves. {@link
 * dev.pagelab.site.SiteGenerator} is the build's entry point.
 */
package dev.pagelab.site;
