package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.grpc.ErrorCode;

/** A query sent with the Query call: results go back on that call's response stream. */
final class DirectQuery extends QueryDispatch {

    private final StreamObserver<QueryResponse> caller;
    private final ServerCallStreamObserver<QueryResponse> flow;

    DirectQuery(QueryRequest forwarded, QueryStats stats, boolean streaming, int expectedResults,
                long timeoutMillis, int window, StreamObserver<QueryResponse> caller) {
        super(forwarded, stats, streaming, expectedResults, timeoutMillis, window);
        this.caller = caller;
        this.flow = caller instanceof ServerCallStreamObserver<QueryResponse> s ? s : null;
        if (flow != null) {
            // Must be set before the service method returns.
            flow.setOnCancelHandler(this::cancel);
            if (streaming) {
                flow.setOnReadyHandler(this::senderReadyAgain);
            }
        }
    }

    @Override
    protected void emit(QueryResponse response) {
        try {
            caller.onNext(response);
        } catch (RuntimeException cancelled) {
            // the sender is gone; its cancel handler stops the handlers
        }
    }

    @Override
    protected void completeCall() {
        try {
            caller.onCompleted();
        } catch (RuntimeException cancelled) {
            // the sender is gone
        }
    }

    @Override
    protected void failCall(Status status, ErrorCode code, String message) {
        try {
            caller.onError(code.asException(status, message));
        } catch (RuntimeException cancelled) {
            // the sender is gone
        }
    }

    @Override
    protected boolean senderReady() {
        return flow == null || flow.isReady();
    }
}
