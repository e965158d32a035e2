/**
 * End-to-end scenarios of the order saga's edges, with the real processes and the audit clean
 * afterwards: a refund made outside the order, a crash of the order service right after each kind
 * of saga commit, a stock release that overtakes its reservation.
 */
package io.sagashop.e2e.saga;
