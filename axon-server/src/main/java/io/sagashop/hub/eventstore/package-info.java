/** The event store: durable appends with a gapless global index, aggregate reads, tracking streams, snapshots and scheduled events. */
package io.sagashop.hub.eventstore;
