/**
 * The consistency audit: docs/saga.md ("Invariants") invariants 1–4 checked across the order views, the payment
 * service's payments and the catalog's stock levels (asked through the hub) and the stuck sagas of
 * this service's inspection journal; {@code GET /audit} and the inspection protocol's consistency
 * report ({@code AuditConsistencyCheck}).
 */
package io.sagashop.order.audit;
