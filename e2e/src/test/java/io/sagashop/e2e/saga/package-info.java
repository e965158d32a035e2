/**
 * End-to-end scenarios of the order saga's edges: a refund made outside the order, with the real
 * processes and the audit clean afterwards.
 */
package io.sagashop.e2e.saga;
