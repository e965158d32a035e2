package io.sagashop.hub.command;

import io.sagashop.hub.routing.Latency;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one command name; LongAdders, so concurrent dispatchers do not contend. */
final class CommandStats {
    final LongAdder dispatched = new LongAdder();
    final LongAdder errors = new LongAdder();
    final Latency latency = new Latency();
}
