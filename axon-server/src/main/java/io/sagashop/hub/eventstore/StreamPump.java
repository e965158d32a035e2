package io.sagashop.hub.eventstore;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a stream of messages to one client without a thread per stream: whenever something
 * changes (permits arrive, events are committed, the transport can take more, the client goes
 * away) the pump is signalled, and one reader thread runs {@link #pump()} until there is nothing
 * more it may send. Signals that arrive while it runs make it run again; it never runs twice at
 * once, so the outbound observer is only ever used by one thread at a time.
 */
abstract class StreamPump<T> {

    private static final Logger log = LoggerFactory.getLogger(StreamPump.class);

    protected final ServerCallStreamObserver<T> out;
    private final Executor executor;
    private final AtomicInteger signals = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile StatusRuntimeException closeWith;
    private volatile boolean finished;

    StreamPump(ServerCallStreamObserver<T> out, Executor executor) {
        this.out = out;
        this.executor = executor;
        out.setOnReadyHandler(this::signal);
        out.setOnCancelHandler(() -> {
            cancelled = true;
            signal();
        });
    }

    /** Sends what may be sent now; returns true when the stream is complete. */
    protected abstract boolean pump() throws Exception;

    /** Called once, on the pump thread, when the stream ends for any reason. */
    protected void finished() {
    }

    final void signal() {
        if (signals.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                signals.set(0);
            }
        }
    }

    /** Ends the stream with an error, from any thread. */
    final void close(StatusRuntimeException reason) {
        closeWith = reason;
        signal();
    }

    /** The client went away (it completed or broke its side). */
    final void cancel() {
        cancelled = true;
        signal();
    }

    /** True once the client went away or the stream is to be closed: long loops stop early. */
    protected final boolean stopRequested() {
        return cancelled || closeWith != null;
    }

    private void drain() {
        int missed = 1;
        do {
            if (!finished) {
                runOnce();
            }
            missed = signals.addAndGet(-missed);
        } while (missed != 0);
    }

    private void runOnce() {
        if (cancelled) {
            finish(null, false);
            return;
        }
        StatusRuntimeException reason = closeWith;
        if (reason != null) {
            finish(reason, true);
            return;
        }
        try {
            if (pump()) {
                finish(null, true);
            }
        } catch (StatusRuntimeException e) {
            finish(e, true);
        } catch (Exception e) {
            log.warn("A stream failed while reading events", e);
            finish(ErrorCode.DATAFILE_READ_ERROR.asException(Status.INTERNAL,
                    "Reading events failed: " + e.getMessage()), true);
        }
    }

    private void finish(StatusRuntimeException error, boolean tellClient) {
        finished = true;
        try {
            if (tellClient && !cancelled) {
                if (error == null) {
                    out.onCompleted();
                } else {
                    out.onError(error);
                }
            }
        } catch (RuntimeException alreadyClosed) {
            // the call ended meanwhile
        } finally {
            finished();
        }
    }
}
