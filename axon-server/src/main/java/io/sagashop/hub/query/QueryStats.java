package io.sagashop.hub.query;

import io.sagashop.hub.routing.Latency;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one query name; LongAdders, so concurrent dispatchers do not contend. */
final class QueryStats {
    final LongAdder queries = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder subscriptions = new LongAdder();
    final Latency latency = new Latency();
}
