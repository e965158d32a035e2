package io.sagashop.hub.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of query routing, under {@code hub.query.*}.
 *
 * @param defaultTimeout           how long a query may run when its sender gives no TIMEOUT
 *                                 processing instruction
 * @param streamingWindow          results of a streaming query the hub asks a handler for ahead of
 *                                 what the sender has taken off the wire
 * @param subscriptionUpdateBuffer updates of one subscription stream the hub holds while the
 *                                 subscriber has no permits; beyond that the subscription ends
 *                                 exceptionally rather than exhausting memory
 * @param timeoutCheckInterval     how often running queries are checked for expiry
 * @param disconnectGrace          how long the query stream of a client that closed its control
 *                                 stream stays open for replies to the queries it was running
 *                                 (it gets no new ones); the client normally closes it sooner
 * @param queueCapacityPerClient  queries that may wait for one handler stream's permits; past it a
 *                                 query is refused at once on that handler rather than held in
 *                                 memory (Axon Server's {@code query-queue-capacity-per-client} is
 *                                 also 10 000)
 */
@ConfigurationProperties("hub.query")
public record QueryRoutingProperties(
        @DefaultValue("300s") Duration defaultTimeout,
        @DefaultValue("64") int streamingWindow,
        @DefaultValue("10000") int subscriptionUpdateBuffer,
        @DefaultValue("100ms") Duration timeoutCheckInterval,
        @DefaultValue("10s") Duration disconnectGrace,
        @DefaultValue("10000") int queueCapacityPerClient) {

    public QueryRoutingProperties {
        if (streamingWindow < 2) {
            throw new IllegalArgumentException("hub.query.streaming-window must be at least 2");
        }
        if (subscriptionUpdateBuffer < 1) {
            throw new IllegalArgumentException("hub.query.subscription-update-buffer must be at least 1");
        }
        if (queueCapacityPerClient < 1) {
            throw new IllegalArgumentException("hub.query.queue-capacity-per-client must be at least 1");
        }
        if (disconnectGrace.isNegative()) {
            throw new IllegalArgumentException("hub.query.disconnect-grace must not be negative");
        }
    }
}
