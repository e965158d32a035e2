package io.sagashop.hub.routing;

/**
 * Which client instance a provider stream belongs to. The stream says so only inside its
 * subscriptions (and flow control); the first id it names binds it, and a later subscription
 * naming another client is refused.
 */
public final class StreamClient {

    private volatile String clientId;
    private volatile String componentName = "";

    /** The bound client id; null until the stream named one. */
    public String clientId() {
        return clientId;
    }

    public String componentName() {
        return componentName;
    }

    /** Binds the stream to {@code id} (or checks it is bound to it); null, or why not. */
    public synchronized String identify(String id, String component) {
        if (id == null || id.isEmpty()) {
            return "Subscription without a client id";
        }
        if (clientId == null) {
            clientId = id;
        } else if (!clientId.equals(id)) {
            return mismatch(id);
        }
        if (!component.isEmpty()) {
            componentName = component;
        }
        return null;
    }

    /** Binds the stream to the id a flow-control message names, if it has none yet. */
    public void identifyFromFlowControl(String id) {
        if (clientId == null && !id.isEmpty()) {
            identify(id, "");
        }
    }

    /** Null when an unsubscription naming {@code id} may act on this stream, else why not. */
    public String checkUnsubscriber(String id) {
        String bound = clientId;
        return bound != null && !id.isEmpty() && !bound.equals(id) ? mismatch(id) : null;
    }

    private String mismatch(String id) {
        return "Client id " + id + " does not match this stream's client " + clientId;
    }
}
