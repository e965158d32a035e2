package io.sagashop.hub.command;

import java.time.Instant;

/**
 * A command the hub routed and saw answered, as {@link CommandObserver}s are told about it.
 *
 * @param context         the Axon context
 * @param messageId       the command's message identifier
 * @param name            the command name
 * @param routingKey      its routing key (the message id when the sender gave none)
 * @param correlationId   the {@code correlationId} metadata value, or {@code null}
 * @param targetClientId  the instance it was last routed to, or {@code null} when none handled it
 * @param targetComponent that instance's application, or {@code null}
 * @param start           when the hub received it
 * @param durationMicros  from receipt to answer
 * @param errorCode       the answer's error code, empty on success
 * @param errorMessage    the answer's error message, empty on success
 */
public record RoutedCommand(String context, String messageId, String name, String routingKey, String correlationId,
                            String targetClientId, String targetComponent, Instant start, long durationMicros,
                            String errorCode, String errorMessage) {

    public boolean succeeded() {
        return errorCode.isEmpty();
    }
}
