package io.sagashop.catalog.product;

import static io.sagashop.catalog.product.ProductTest.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.*;
import io.sagashop.platform.axon.PlatformAxonAutoConfiguration;
import io.sagashop.platform.test.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Not a test (its name keeps it out of the build): how long a product takes to load, and how big
 * its state is, fresh and after a long history, through the service's real repository, cache,
 * snapshotter and the hub in this JVM. It writes {@code bench.lifecycles} (100 000) order
 * lifecycles of one product straight into the event store, {@code bench.spacing} (PT5M) apart in
 * event time (so 100 000 span about a year), then loads: once replaying every event (which
 * triggers the snapshot), then from the snapshot. Prints figures, asserts no time.
 * <pre>
 * mvn -B -pl catalog/catalog-service -am verify -Dtest=ProductHistoryBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.lifecycles=100000] [-Dbench.spacing=PT5M] [-Dsagashop.catalog.product.settled-retention=P30D]
 * </pre>
 * Lifecycles rotate through: reserved then sold; reserved then released; reserved, sold and
 * returned; released before reserving, then the late reservation rejected.
 */
@ServiceTest(properties = "logging.level.root=WARN")
class ProductHistoryBench {

    private static final int LOADS = 5;
    private static final int EVENTS_PER_APPEND = 2_000;

    @Autowired
    EventStore eventStore;
    @Autowired
    @Qualifier("productRepository")
    Repository<Product> products;
    @Autowired
    @Qualifier(PlatformAxonAutoConfiguration.AGGREGATE_CACHE)
    Cache cache;
    @Autowired
    Serializer serializer;
    @Autowired
    ProductSettings settings;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void loadTimeAndStateSizeFreshAndOld() {
        int lifecycles = Integer.getInteger("bench.lifecycles", 100_000);
        Duration spacing = Duration.parse(System.getProperty("bench.spacing", "PT5M"));
        // The projections would replay the whole history beside the measurement.
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);

        Instant start = Instant.now().minus(spacing.multipliedBy(lifecycles));
        String fresh = "fresh-" + UUID.randomUUID();
        String old = "old-" + UUID.randomUUID();
        History freshHistory = new History(fresh, start);
        freshHistory.add(added(fresh));
        freshHistory.flush();

        History oldHistory = new History(old, start);
        oldHistory.add(added(old));
        long writeStart = System.nanoTime();
        for (int i = 0; i < lifecycles; i++) {
            oldHistory.lifecycle(ProductId.of(old), "order-" + i, i, start.plus(spacing.multipliedBy(i)));
        }
        oldHistory.flush();
        long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;

        System.out.printf("%nproduct history: %d order lifecycles, %d events, one every %s of event time, written in %d ms%n",
                lifecycles, oldHistory.sequence, spacing, writeMillis);
        System.out.printf("settled-retention %s, snapshot-threshold %d%n%n", settings.settledRetention(), settings.snapshotThreshold());
        System.out.printf("%-34s %14s %12s %14s%n", "load", "ms (median)", "remembered", "state bytes");

        Load firstOld = load(old);
        print("old, every event replayed (cold)", new long[] {firstOld.nanos}, firstOld);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(eventStore.readEvents(old).peek().getPayloadType()).isEqualTo(Product.class));
        measure("old, from its snapshot", old);
        measure("fresh", fresh);
        measure("old, from its snapshot, again", old);
    }

    private void measure(String what, String id) {
        long[] nanos = new long[LOADS];
        Load last = null;
        for (int i = 0; i < LOADS; i++) {
            last = load(id);
            nanos[i] = last.nanos;
        }
        print(what, nanos, last);
    }

    private static void print(String what, long[] nanos, Load load) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-34s %14.1f %12d %14d%n", what, sorted[sorted.length / 2] / 1e6, load.remembered, load.stateBytes);
    }

    /** One load with an empty cache; the unit of work commits (a snapshot may be taken then, not timed). */
    private Load load(String id) {
        cache.removeAll();
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            long t0 = System.nanoTime();
            Aggregate<Product> product = products.load(id);
            long nanos = System.nanoTime() - t0;
            int remembered = product.invoke(Product::rememberedReservations);
            int bytes = product.invoke(p -> serializer.serialize(p, byte[].class).getData().length);
            return new Load(nanos, remembered, bytes);
        }).getPayload();
    }

    private static ProductAdded added(String id) {
        return new ProductAdded(ProductId.of(id), "SKU-" + id, "Kettle", "Boils water", "kitchen", PRICE, "EUR", 1_000_000);
    }

    private record Load(long nanos, int remembered, int stateBytes) {
    }

    /** One product's events with their event times, appended to the store in batches. */
    private final class History {
        private final String id;
        private final List<EventMessage<?>> pending = new ArrayList<>();
        private Instant at;
        private long sequence;

        History(String id, Instant at) {
            this.id = id;
            this.at = at;
        }

        void lifecycle(ProductId product, String order, int i, Instant when) {
            at = when;
            StockReserved reserved = new StockReserved(product, order, 1, PRICE, "EUR");
            switch (i % 4) {
                case 0 -> add(reserved, new StockCommitted(product, order, 1));
                case 1 -> add(reserved, new StockReleased(product, order, 1));
                case 2 -> add(reserved, new StockCommitted(product, order, 1), new StockReturned(product, order, 1));
                default -> add(new StockReleased(product, order, 0),
                        new StockReservationRejected(product, order, 1, StockRejectionReason.ORDER_RELEASED));
            }
        }

        void add(Object... payloads) {
            for (Object payload : payloads) {
                pending.add(new GenericDomainEventMessage<>("Product", id, sequence++, payload, MetaData.emptyInstance(),
                        UUID.randomUUID().toString(), at));
            }
            if (pending.size() >= EVENTS_PER_APPEND) {
                flush();
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                eventStore.publish(List.copyOf(pending));
                pending.clear();
            }
        }
    }
}
