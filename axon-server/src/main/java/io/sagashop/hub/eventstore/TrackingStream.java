package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.PayloadDescription;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ListEvents stream. The first request says where to start (the token is the first one to
 * deliver) and how many events the client can take; later requests only add permits or
 * blacklist payload types. The stream sends while it has permits, stops when they run out, and
 * wakes up when the client tops them up or new events are committed.
 */
public final class TrackingStream extends StreamPump<WireMessage> implements RecentEvents.Listener {

    private final ContextStore store;
    private final AtomicLong permits = new AtomicLong();
    private final Set<PayloadKey> blacklist = ConcurrentHashMap.newKeySet();
    private final long keepAliveNanos;
    private volatile EventCursor cursor;
    // Pump thread only.
    private StoredEvent lastSkipped;
    private long lastSentNanos = System.nanoTime();

    TrackingStream(ContextStore store, ServerCallStreamObserver<WireMessage> out, Executor executor) {
        super(out, executor);
        this.store = store;
        this.keepAliveNanos = store.properties().blacklistKeepAlive().toNanos();
    }

    /** A request from the client: the opening one, or a permit top-up / blacklist update. */
    public void request(GetEventsRequest request) {
        if (stopRequested()) {
            return;   // closed or cancelled: registering again would leak the listener
        }
        if (request.getNumberOfPermits() < 0) {
            close(ErrorCode.VALIDATION_FAILED.asException(Status.INVALID_ARGUMENT,
                    "number_of_permits must not be negative, got " + request.getNumberOfPermits()));
            return;
        }
        for (PayloadDescription type : request.getBlacklistList()) {
            blacklist.add(new PayloadKey(type.getType(), type.getRevision()));
        }
        if (cursor == null) {
            if (request.getTrackingToken() < 0) {
                close(ErrorCode.VALIDATION_FAILED.asException(Status.INVALID_ARGUMENT,
                        "tracking_token must be 0 or more (the first token to deliver), got "
                                + request.getTrackingToken()));
                return;
            }
            cursor = new EventCursor(store, request.getTrackingToken());
            store.recent().addListener(this);
        }
        permits.addAndGet(request.getNumberOfPermits());
        signal();
    }

    /** The client completed or broke its side of the stream. */
    public void clientDone() {
        cancel();
    }

    @Override
    public void committed() {
        signal();
    }

    @Override
    public void closeBy(io.grpc.StatusRuntimeException reason) {
        close(reason);
    }

    @Override
    protected boolean pump() throws Exception {
        EventCursor events = cursor;
        if (events == null) {
            return false;
        }
        while (permits.get() > 0 && out.isReady() && !stopRequested()) {
            StoredEvent event = events.poll();
            if (event == null) {
                keepTokenMoving();
                return false;
            }
            if (!blacklist.isEmpty() && blacklist.contains(event.payload())) {
                lastSkipped = event;
                continue;
            }
            send(event);
        }
        return false;
    }

    /**
     * A client whose every event is blacklisted would never see its token move; like Axon
     * Server, send it the last skipped event now and then.
     */
    private void keepTokenMoving() {
        if (lastSkipped != null && System.nanoTime() - lastSentNanos >= keepAliveNanos) {
            send(lastSkipped);
        }
    }

    private void send(StoredEvent event) {
        out.onNext(WireMessage.eventWithToken(event.token(), event.bytes()));
        permits.decrementAndGet();
        lastSkipped = null;
        lastSentNanos = System.nanoTime();
    }

    @Override
    protected void finished() {
        store.recent().removeListener(this);
    }
}
