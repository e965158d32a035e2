package io.sagashop.hub.eventstore;

import java.util.List;

/**
 * One page of a newest-first search through the event store.
 *
 * @param events       the matching events, newest first
 * @param head         the token of the newest event in the store, -1 when empty
 * @param nextBefore   the token to pass as {@code before} for the next (older) page, -1 when the search reached the oldest event
 * @param scanned      how many events were read to find these
 * @param scanLimitHit whether the search stopped at its scan limit before filling the page
 */
public record EventPage(List<BrowsedEvent> events, long head, long nextBefore, int scanned, boolean scanLimitHit) {
}
