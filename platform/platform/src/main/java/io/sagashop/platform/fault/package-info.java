/**
 * Test-only fault injection: a JVM that halts right after a chosen unit of work commits, so
 * end-to-end tests can show that a crash in that window heals. Off unless
 * {@code sagashop.fault.halt-after-commit} is set; never set it in production.
 */
package io.sagashop.platform.fault;
