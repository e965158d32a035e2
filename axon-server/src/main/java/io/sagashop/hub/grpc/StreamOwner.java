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
     * when fine, else the refusal: the id is another application's, or the stream already serves
     * another id (one stream, one client instance).
     */
    synchronized String bind(String id) {
        if (id == null || id.isEmpty() || id.equals(clientId)) {
            return null;
        }
        if (clientId != null) {
            return application.refusal("switch this stream from client id " + clientId + " to " + id);
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

    synchronized void release() {
        if (!released && clientId != null) {
            ownership.release(clientId);
        }
        released = true;
    }
}
