/** The hub's dashboard with the real services behind it, in headless Chromium. */
package io.sagashop.e2e.dashboard;
