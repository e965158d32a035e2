package io.sagashop.hub.eventstore;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One ListAggregateEvents stream: the latest snapshot first when allowed, then the aggregate's
 * events in sequence order, read a page at a time and sent as the transport takes them.
 */
final class AggregateStream extends StreamPump<WireMessage> {

    private final ContextStore store;
    private final String aggregateId;
    private final long last;
    private final int pageSize;
    private final ArrayDeque<StoredEvent> page = new ArrayDeque<>();
    private byte[] snapshot;
    private long next;
    private boolean exhausted;

    AggregateStream(ContextStore store, ServerCallStreamObserver<WireMessage> out, Executor executor,
                    String aggregateId, long first, long last, byte[] snapshot) {
        super(out, executor);
        this.store = store;
        this.aggregateId = aggregateId;
        this.next = first;
        this.last = last;
        this.snapshot = snapshot;
        this.pageSize = store.properties().readPageSize();
    }

    @Override
    protected boolean pump() throws Exception {
        while (out.isReady()) {
            if (snapshot != null) {
                out.onNext(WireMessage.of(snapshot));
                snapshot = null;
                continue;
            }
            if (page.isEmpty()) {
                if (exhausted || next > last) {
                    return true;
                }
                int found = store.table().readAggregate(store.id(), aggregateId, next,
                        last, pageSize, page::addLast);
                exhausted = found < pageSize;
                if (found == 0) {
                    return true;
                }
            }
            StoredEvent event = page.pollFirst();
            next++;   // sequence numbers of an aggregate are gapless
            out.onNext(WireMessage.of(event.bytes()));
        }
        return false;
    }
}
