package io.sagashop.hub.routing;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what a raw gRPC stream receives, for protocol-level tests. */
public final class RecordingObserver<T> implements StreamObserver<T> {

    private final BlockingQueue<T> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> ended = new CompletableFuture<>();

    @Override
    public void onNext(T value) {
        received.add(value);
    }

    @Override
    public void onError(Throwable t) {
        ended.complete(t);
    }

    @Override
    public void onCompleted() {
        ended.complete(null);
    }

    /** The next message, waiting up to {@code seconds}; fails the test when none arrives. */
    public T next(long seconds) throws InterruptedException {
        T value = received.poll(seconds, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing received within " + seconds + " s");
        }
        return value;
    }

    /** The next message if one arrives within {@code millis}, else null. */
    public T poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Completes with the error the stream ended with, or null when it completed normally. */
    public CompletableFuture<Throwable> ended() {
        return ended;
    }
}
