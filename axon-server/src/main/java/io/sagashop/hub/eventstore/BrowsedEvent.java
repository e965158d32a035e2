package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.Event;

/**
 * A stored event as the dashboard browses it.
 *
 * @param token its global index (tracking token)
 * @param event the event as the client sent it
 */
public record BrowsedEvent(long token, Event event) {
}
