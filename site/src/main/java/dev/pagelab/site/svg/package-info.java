/**
 * A small SVG writer and the charts the site draws with it (values over time, horizontal bars,
 * panels of columns). Plain drawing: it knows nothing of pages or of the simulator, and the same
 * data always gives the same bytes.
 */
package dev.pagelab.site.svg;
