package io.sagashop.hub.routing;

import io.grpc.stub.StreamObserver;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a provider stream (the stream a client opens to receive commands or queries).
 * <p>
 * Two queues feed it: <em>work</em> (commands, queries, subscription instructions), which is
 * sent only while the client has granted permits ({@code FlowControl}), and <em>control</em>
 * (acks, query cancels, query flow control), which never waits for permits, because a client
 * may need one to free the very permits it would wait for. Nothing is dropped: work waits in
 * the queue until permits arrive or the stream closes, and then it is handed back
 * ({@link #orphaned}) for rerouting or failing. The work queue holds at most {@code capacity}
 * items: {@link #offer} refuses more, so a client that stops granting permits cannot make the
 * hub's memory grow without bound (the caller answers the refused item with an error).
 * <p>
 * Whoever enqueues, grants or closes also drains, unless another thread is draining already;
 * that thread then makes another pass. So writes are serialised without a lock and no caller
 * ever blocks on another.
 *
 * @param <M> the message type of the stream
 * @param <W> the work item type
 */
public abstract class ProviderOutbox<M, W> {

    private static final Logger log = LoggerFactory.getLogger(ProviderOutbox.class);

    private final StreamObserver<M> stream;
    private final Queue<M> control = new ConcurrentLinkedQueue<>();
    private final Queue<W> work = new ConcurrentLinkedQueue<>();
    private final int capacity;
    /** Items in {@link #work}, counted: the queue's own size() walks it. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong permits = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean rescan;
    private volatile Throwable closeError;
    // Only touched by the draining thread.
    private boolean teardownDone;

    /** An outbox whose work queue is not bounded. */
    protected ProviderOutbox(StreamObserver<M> stream) {
        this(stream, Integer.MAX_VALUE);
    }

    /** An outbox that queues at most {@code capacity} items of work waiting for permits. */
    protected ProviderOutbox(StreamObserver<M> stream, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.stream = stream;
        this.capacity = capacity;
    }

    /** Sends a message that needs no permit (ack, cancel, flow control) ahead of waiting work. */
    public final void send(M message) {
        control.offer(message);
        drain();
    }

    /** Queues work; it goes out as soon as the client has a permit for it. Ignores the capacity. */
    public final void enqueue(W item) {
        waiting.incrementAndGet();
        work.offer(item);
        drain();
    }

    /**
     * Queues work unless {@code capacity} items are waiting already.
     *
     * @return false, with nothing queued, when the queue is full
     */
    public final boolean offer(W item) {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return false;
        }
        work.offer(item);
        drain();
        return true;
    }

    /** How many items of work may wait at most. */
    public final int capacity() {
        return capacity;
    }

    /** Adds permits the client granted and sends what they allow. */
    public final void grant(long count) {
        if (count > 0) {
            // Saturating: a client granting "unlimited" (Long.MAX_VALUE) must not wrap to negative.
            permits.accumulateAndGet(count, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            drain();
        }
    }

    /** Permits granted and not yet used. */
    public final long permits() {
        return permits.get();
    }

    /** Work waiting for permits. */
    public final int waiting() {
        return Math.max(0, waiting.get());
    }

    public final boolean isClosed() {
        return closing;
    }

    /**
     * Closes the stream: {@link #teardown} runs once, queued work is handed to {@link #orphaned},
     * and the stream is completed, with {@code error} when not null.
     */
    public final void close(Throwable error) {
        if (!closing) {
            closeError = error;
            closing = true;
        }
        drain();
    }

    /** Looks at every waiting item once more and hands back the ones {@link #isStale} rejects. */
    protected final void rescan() {
        rescan = true;
        drain();
    }

    /**
     * Writes the item's message(s) with {@link #write}, or nothing when the item is no longer
     * wanted. Runs on the draining thread only.
     *
     * @return whether a permit was used
     */
    protected abstract boolean deliver(W item);

    /** Takes back an item that will not be delivered on this stream (it closed, or the item went stale). */
    protected abstract void orphaned(W item);

    /** An item left the work queue (sent, handed back, or dropped as stale): release what it held. */
    protected void dequeued(W item) {
    }

    /** Whether a waiting item should no longer go to this stream; checked on {@link #rescan}. */
    protected boolean isStale(W item) {
        return false;
    }

    /**
     * Runs once, on the draining thread, when the stream closes, before waiting work is orphaned:
     * take the stream out of routing and fail what was sent and not answered.
     */
    protected abstract void teardown();

    /** Writes to the stream; only from {@link #deliver} (that is, from the draining thread). */
    protected final void write(M message) {
        try {
            stream.onNext(message);
        } catch (RuntimeException e) {
            // The peer cancelled between our check and the write; the inbound side reports it too.
            log.debug("Write to a provider stream failed: {}", e.toString());
            closing = true;
        }
    }

    /** Visits the waiting work (weakly consistent), e.g. to expire items that waited too long. */
    protected final void forEachWaiting(java.util.function.Consumer<W> visitor) {
        work.forEach(visitor);
    }

    private W poll() {
        W item = work.poll();
        if (item != null) {
            waiting.decrementAndGet();
            dequeued(item);
        }
        return item;
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            if (closing) {
                drainClosed();
            } else {
                drainOpen();
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void drainOpen() {
        M message;
        while (!closing && (message = control.poll()) != null) {
            write(message);
        }
        if (rescan) {
            rescan = false;
            for (int i = work.size(); i > 0 && !closing; i--) {
                W item = work.poll();
                if (item == null) {
                    break;
                }
                if (isStale(item)) {
                    waiting.decrementAndGet();
                    dequeued(item);
                    orphaned(item);
                } else {
                    work.offer(item);
                }
            }
        }
        while (!closing && permits.get() > 0) {
            W item = poll();
            if (item == null) {
                break;
            }
            if (deliver(item)) {
                permits.decrementAndGet();
            }
        }
        if (closing) {
            drainClosed();
        }
    }

    private void drainClosed() {
        control.clear();
        boolean first = !teardownDone;
        if (first) {
            teardownDone = true;
            // Unroute first, so orphaned work cannot be routed straight back to this stream.
            teardown();
        }
        W item;
        while ((item = poll()) != null) {
            orphaned(item);
        }
        if (first) {
            terminate();
        }
    }

    private void terminate() {
        try {
            Throwable error = closeError;
            if (error == null) {
                stream.onCompleted();
            } else {
                stream.onError(error);
            }
        } catch (RuntimeException alreadyClosed) {
            // cancelled by the peer: nothing left to tell it
        }
    }
}
