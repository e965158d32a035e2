package io.sagashop.hub.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.access.Application;
import io.sagashop.hub.access.ClientOwnership;

/**
 * Binds one stream to the client id it first names, for the application that opened it
 * ({@link ClientOwnership}); the binding is released once, whichever way the stream ends.
 */
final class StreamOwner {

    private final ClientOwnership ownership;
    private final Application application;
    private String clientId;
    private boolean released;

    StreamOwner(ClientOwnership ownership, Application application, StreamObserver<?> call) {
        this.ownership = ownership;
        this.application = application;
        if (call instanceof ServerCallStreamObserver<?> server) {
            // However the call ends (client gone, hub closed it): the claim goes with it.
            server.setOnCancelHandler(this::release);
            server.setOnCloseHandler(this::release);
        }
    }

    /**
     * Claims {@code id} for this stream's application the first time the stream names one. Null
     * when fine, else the refusal: the id is another application's. A later, different id is left
     * to the routers, which refuse that subscription alone; see {@link #bindOnce}.
     */
    synchronized String bind(String id) {
        if (id == null || id.isEmpty() || clientId != null) {
            return null;
        }
        if (released) {
            return "The stream is closed";
        }
        String refusal = ownership.claim(id, application);
        if (refusal == null) {
            clientId = id;
        }
        return refusal;
    }

    /** As {@link #bind}, and a stream that already serves another client id is refused too (a control stream is one instance's). */
    synchronized String bindOnce(String id) {
        if (clientId != null && !clientId.equals(id)) {
            return application.refusal("switch this stream from client id " + clientId + " to " + id);
        }
        return bind(id);
    }

    synchronized void release() {
        if (!released && clientId != null) {
            ownership.release(clientId);
        }
        released = true;
    }
}
