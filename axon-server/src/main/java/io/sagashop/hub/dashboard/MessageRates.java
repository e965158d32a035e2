package io.sagashop.hub.dashboard;

import io.sagashop.hub.command.CommandRouter;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.eventstore.EventBrowser;
import io.sagashop.hub.query.QueryRouter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Live message rates: samples the routers' counters and the event store's head once a second
 * and averages the growth over {@code hub.dashboard.rate-window}. Sampling totals (instead of
 * counting per message) keeps the routing path untouched.
 */
@Component
class MessageRates implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MessageRates.class);

    /** Per-second rates, averaged over the window. */
    record Rates(double commandsPerSecond, double queriesPerSecond, double eventsPerSecond) {
    }

    private record Sample(long nanos, long commands, long queries, long events) {
    }

    private final CommandRouter commands;
    private final QueryRouter queries;
    private final EventBrowser events;
    private final HubProperties hub;
    private final int window;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService timer;

    MessageRates(CommandRouter commands, QueryRouter queries, EventBrowser events, HubProperties hub,
                 DashboardProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.events = events;
        this.hub = hub;
        this.window = (int) Math.max(1, properties.rateWindow().toSeconds());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-dashboard-rates");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** The rates over the last window (zero until two samples exist). */
    synchronized Rates current() {
        if (samples.size() < 2) {
            return new Rates(0, 0, 0);
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        return new Rates(per(last.commands() - first.commands(), seconds), per(last.queries() - first.queries(), seconds),
                per(last.events() - first.events(), seconds));
    }

    private static double per(long delta, double seconds) {
        return seconds <= 0 ? 0 : Math.round(Math.max(0, delta) / seconds * 10) / 10.0;
    }

    private void sample() {
        try {
            long commandTotal = 0;
            long queryTotal = 0;
            long eventTotal = 0;
            for (String context : hub.contexts()) {
                commandTotal += commands.dispatchedTotal(context);
                queryTotal += queries.queriesTotal(context);
                eventTotal += events.head(context) + 1;
            }
            synchronized (this) {
                samples.addLast(new Sample(System.nanoTime(), commandTotal, queryTotal, eventTotal));
                while (samples.size() > window + 1) {
                    samples.removeFirst();
                }
            }
        } catch (RuntimeException e) {
            // Early in start-up (or during a purge) the event store may not answer; try next second.
            log.debug("Sampling message rates failed", e);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
