package io.sagashop.hub.platform;

/**
 * Published (as a Spring application event) when a client instance is gone: it closed its control
 * stream, the stream broke or its heartbeats stopped. Routing sends nothing more to the instance.
 * <p>
 * An <em>orderly</em> leave (the client completed its control stream) is not the end of its other
 * streams: the connector closes its control stream first and its query stream only after the
 * queries it runs have answered, so routing keeps those streams open for the replies.
 *
 * @param context  the Axon context the instance connected to
 * @param clientId the instance's client id
 * @param reason   why the hub considers it gone, for logs and the dashboard
 * @param orderly  whether the client itself completed its control stream
 */
public record ClientDisconnected(String context, String clientId, String reason, boolean orderly) {

    /** A leave the client did not announce (broken stream, silence). */
    public ClientDisconnected(String context, String clientId, String reason) {
        this(context, clientId, reason, false);
    }
}
