package io.sagashop.notification.deadletter;

import java.time.Instant;

/**
 * One dead-lettered event.
 *
 * @param eventId      the event's identifier
 * @param eventType    the payload's class name
 * @param payload      the payload, as text
 * @param causeType    the exception that put it here
 * @param causeMessage that exception's message
 * @param enqueuedAt   when it was first parked
 * @param lastTouched  when it was last tried
 */
record DeadLetterView(String eventId, String eventType, String payload, String causeType, String causeMessage,
                      Instant enqueuedAt, Instant lastTouched) {
}
