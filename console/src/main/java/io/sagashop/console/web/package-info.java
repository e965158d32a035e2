/**
 * The console's pages: {@code saga-inspection-web}'s API and pages, hosted by the console's own
 * {@code index.html} and {@code console/console.js} (sign-in, header, the pages' hooks).
 */
package io.sagashop.console.web;
