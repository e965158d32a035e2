package io.sagashop.hub.platform;

/**
 * Published (as a Spring application event) when the hub gives up on a client instance: its
 * control stream broke or its heartbeats stopped. Command and query routing drop everything the
 * instance subscribed, so nothing more is routed to it.
 *
 * @param context  the Axon context the instance connected to
 * @param clientId the instance's client id
 * @param reason   why the hub considers it gone, for logs and the dashboard
 */
public record ClientDisconnected(String context, String clientId, String reason) {
}
