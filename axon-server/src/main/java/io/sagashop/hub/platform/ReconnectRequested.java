package io.sagashop.hub.platform;

/**
 * Published (as a Spring application event) when the hub asked a client instance to reconnect.
 * Axon Server closes such a client's open event streams; the event store listens to this to do
 * the same.
 *
 * @param context  the Axon context of the instance
 * @param clientId the instance's client id
 */
public record ReconnectRequested(String context, String clientId) {
}
