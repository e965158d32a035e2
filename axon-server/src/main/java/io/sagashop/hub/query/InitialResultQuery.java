package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.grpc.Status;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.UUID;

/**
 * The initial result of a subscription query asked for on the subscription stream
 * ({@code GET_INITIAL_RESULT}, as Axon Framework 4 does): run as a plain query whose first
 * result goes back as the subscription's {@code initial_result}.
 */
final class InitialResultQuery extends QueryDispatch {

    private final SubscriptionSession session;
    private final String subscriptionId;
    private final String requestId;
    private boolean answered; // guarded by this

    /**
     * @param forwarded the query as handlers get it; its identifier differs from the subscription's,
     *                  so it cannot collide with a plain query the subscriber sends for the same result
     * @param requestId the identifier the subscriber knows the query by
     */
    InitialResultQuery(QueryRequest forwarded, QueryStats stats, long timeoutMillis, SubscriptionSession session,
                       String subscriptionId, String requestId) {
        super(forwarded, stats, false, 1, timeoutMillis, 0);
        this.session = session;
        this.subscriptionId = subscriptionId;
        this.requestId = requestId;
    }

    @Override
    protected void emit(QueryResponse response) {
        answer(response.getRequestIdentifier().equals(requestId) ? response
                : response.toBuilder().setRequestIdentifier(requestId).build());
    }

    @Override
    protected void completeCall() {
        answer(error(ErrorCode.QUERY_DISPATCH_ERROR, "No handler returned an initial result for " + queryName));
    }

    @Override
    protected void failCall(Status status, ErrorCode code, String message) {
        answer(error(code, message));
    }

    @Override
    protected boolean senderReady() {
        return true;
    }

    private void answer(QueryResponse response) {
        if (!answered) {
            answered = true;
            session.initialResult(this, subscriptionId, response);
        }
    }

    private QueryResponse error(ErrorCode code, String message) {
        return QueryResponse.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setRequestIdentifier(requestId)
                .setErrorCode(code.code())
                .setErrorMessage(code.asErrorMessage(message))
                .build();
    }
}
