package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.QueryProviderInbound;

/** Something waiting in a query handler's outbox for a permit: a query, or a subscription instruction. */
interface QueryWork {

    /** Writes the work to the stream; false (nothing written, no permit used) when no longer wanted. */
    boolean deliver(QueryHandlerConnection connection);

    /** The stream closed before the work was delivered. */
    void orphaned(QueryHandlerConnection connection);

    /** A subscription query instruction: always delivered, nothing to do when the stream is gone. */
    record Instruction(QueryProviderInbound message) implements QueryWork {
        @Override
        public boolean deliver(QueryHandlerConnection connection) {
            connection.writeNow(message);
            return true;
        }

        @Override
        public void orphaned(QueryHandlerConnection connection) {
            // The handler's subscriptions ended with its stream.
        }
    }
}
