/** Span export to a trace collector that may be away: what it says and how often. */
package io.sagashop.platform.tracing;
