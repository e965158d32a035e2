package io.sagashop.hub.query;

import io.sagashop.hub.routing.LatencySummary;
import java.util.List;

/**
 * A query name in a context, as a dashboard shows it.
 *
 * @param context             the Axon context
 * @param name                the query name
 * @param handlers            the instances subscribed to it
 * @param queries             queries of this name the hub received since it started
 * @param errors              results that were errors, plus queries the hub failed (no handler, timeout, handler lost)
 * @param subscriptions       subscription queries of this name opened since the hub started
 * @param activeSubscriptions subscription queries of this name open now
 * @param latency             time from receipt to the query's end (last result, error or timeout)
 */
public record QueryInfo(String context, String name, List<QueryHandlerInfo> handlers, long queries, long errors,
                        long subscriptions, int activeSubscriptions, LatencySummary latency) {
}
