/**
 * The consistency audit: docs/saga.md ("Invariants") invariants 1–4 checked across the order views, the payment
 * service's payments, the catalog's stock levels and the saga side's stuck list, all asked
 * through the hub; {@code GET /audit} and the {@code AuditQuery} handler.
 */
package io.sagashop.order.audit;
