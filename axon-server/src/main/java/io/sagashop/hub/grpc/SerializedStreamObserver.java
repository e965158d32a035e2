package io.sagashop.hub.grpc;

import io.grpc.stub.StreamObserver;

/**
 * gRPC's outbound stream observers are not thread-safe, while the hub writes to one client's
 * stream from several threads (routing, heartbeats, instructions). This wrapper serialises the
 * calls and turns writes after completion into no-ops instead of IllegalStateExceptions.
 */
public final class SerializedStreamObserver<T> implements StreamObserver<T> {

    private final StreamObserver<T> delegate;
    private boolean closed;

    public SerializedStreamObserver(StreamObserver<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void onNext(T value) {
        if (!closed) {
            try {
                delegate.onNext(value);
            } catch (RuntimeException alreadyCancelled) {
                // The call was cancelled by the peer between our check and the write.
                closed = true;
            }
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (!closed) {
            closed = true;
            try {
                delegate.onError(error);
            } catch (RuntimeException ignored) {
                // already cancelled by the peer
            }
        }
    }

    @Override
    public synchronized void onCompleted() {
        if (!closed) {
            closed = true;
            try {
                delegate.onCompleted();
            } catch (RuntimeException ignored) {
                // already cancelled by the peer
            }
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
