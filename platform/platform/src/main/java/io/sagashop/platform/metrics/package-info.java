/**
 * The operator's signals Axon's own metrics do not give: dead letters per processing group and how
 * many events each streaming processor is behind the event store's head (ops/prometheus/alerts.yml).
 */
package io.sagashop.platform.metrics;
