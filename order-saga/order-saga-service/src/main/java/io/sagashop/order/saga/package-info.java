/**
 * The order saga: it coordinates catalog and payment for one order (reserve, pay, commit, or
 * compensate), its persistent deadlines and retries, the journal it writes for the dashboard, and
 * the saga inspection query handlers that read that journal.
 */
package io.sagashop.order.saga;
