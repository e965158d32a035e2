package io.sagashop.notification.delivery;

/**
 * An order outcome could not be notified on some channel after all retries (or its customer is
 * unknown). Thrown out of the event handler so that the event goes to the dead-letter queue.
 */
class NotificationFailedException extends RuntimeException {

    NotificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
