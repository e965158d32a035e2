package io.sagashop.hub.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.connector.ResultStream;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.query.QuerySerializer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Every kind of query between real Axon Framework applications through the hub: direct,
 * scatter-gather over two components, streaming with flow control, subscription queries, and
 * the errors a sender must see.
 */
class QueryRoutingTest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueryRoutingTest.class);

    record FindProduct(String id) { }

    record ProductView(String id, String servedBy) { }

    record CountProducts(String category) { }

    record SlowCount(String category) { }

    record Numbers(int count) { }

    record BrokenNumbers(int failAt) { }

    record FailingQuery(String reason) { }

    record QueryFailure(String reason) { }

    record PriceQuery(String productId) { }

    record UnhandledQuery(String text) { }

    static final AtomicLong PRODUCED = new AtomicLong();
    static final AtomicBoolean STREAM_CANCELLED = new AtomicBoolean();
    static final CountDownLatch SLOW = new CountDownLatch(1);

    static class CatalogQueries {
        private final String clientId;

        CatalogQueries(String clientId) {
            this.clientId = clientId;
        }

        @QueryHandler
        public ProductView find(FindProduct query) {
            return new ProductView(query.id(), clientId);
        }

        @QueryHandler
        public Integer count(CountProducts query) {
            return 7;
        }

        @QueryHandler
        public Integer slowCount(SlowCount query) {
            return 1;
        }

        @QueryHandler
        public Flux<Integer> numbers(Numbers query) {
            return Flux.range(0, query.count())
                    .doOnNext(i -> PRODUCED.incrementAndGet())
                    .doOnCancel(() -> STREAM_CANCELLED.set(true));
        }

        @QueryHandler
        public Flux<Integer> brokenNumbers(BrokenNumbers query) {
            return Flux.range(0, 100).map(i -> {
                if (i == query.failAt()) {
                    throw new IllegalStateException("broken at " + i);
                }
                return i;
            });
        }

        @QueryHandler
        public String fail(FailingQuery query) {
            throw new QueryExecutionException("cannot: " + query.reason(), null, new QueryFailure(query.reason()));
        }

        @QueryHandler
        public Integer price(PriceQuery query) {
            return 100;
        }
    }

    static class InventoryQueries {
        @QueryHandler
        public Integer count(CountProducts query) {
            return 3;
        }

        @QueryHandler
        public Integer slowCount(SlowCount query) throws InterruptedException {
            SLOW.await(30, TimeUnit.SECONDS);
            return 2;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CatalogApp {
        @Bean
        CatalogQueries catalogQueries(@Value("${axon.axonserver.client-id}") String clientId) {
            return new CatalogQueries(clientId);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InventoryApp {
        @Bean
        InventoryQueries inventoryQueries() {
            return new InventoryQueries();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SenderApp {
    }

    private static TestHub hub;
    private static ConfigurableApplicationContext catalog;
    private static ConfigurableApplicationContext inventory;
    private static ConfigurableApplicationContext sender;
    private static QueryGateway gateway;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        catalog = TestClient.start(hub, "catalog", "catalog-1", CatalogApp.class);
        inventory = TestClient.start(hub, "inventory", "inventory-1", InventoryApp.class);
        sender = TestClient.start(hub, "front", "front-1", SenderApp.class);
        gateway = sender.getBean(QueryGateway.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> handlersOf(CountProducts.class) == 2
                && handlersOf(PriceQuery.class) == 1 && handlersOf(SlowCount.class) == 2);
    }

    @AfterAll
    static void stop() {
        SLOW.countDown();
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[]{sender, inventory, catalog}) {
            if (app != null) {
                app.close();
            }
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void answersADirectQuery() throws Exception {
        ProductView view = gateway.query(new FindProduct("p-1"), ProductView.class).get(10, TimeUnit.SECONDS);

        assertThat(view).isEqualTo(new ProductView("p-1", "catalog-1"));
    }

    @Test
    void gathersResultsFromEveryComponent() {
        List<Integer> counts = gateway.scatterGather(new CountProducts("all"), ResponseTypes.instanceOf(Integer.class),
                10, TimeUnit.SECONDS).toList();

        assertThat(counts).containsExactlyInAnyOrder(7, 3);
    }

    @Test
    void endsAScatterGatherAtItsTimeoutAndStopsWaitingForSlowHandlers() {
        // Long enough for the fast handler on a busy machine; the slow one blocks far longer.
        List<Integer> counts = gateway.scatterGather(new SlowCount("all"), ResponseTypes.instanceOf(Integer.class),
                3, TimeUnit.SECONDS).toList();

        assertThat(counts).containsExactly(1);
        // The hub gave up on the blocked handler too: nothing of it is left in flight.
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlightOf(SlowCount.class) == 0);
    }

    @Test
    void honoursTheNumberOfResultsAsked() throws Exception {
        assertThat(rawResults(new CountProducts("one"), 1)).hasSize(1);
        assertThat(rawResults(new CountProducts("two"), 2)).hasSize(2);
    }

    @Test
    void answersNoHandlerForADirectQueryNobodyHandles() {
        CompletableFuture<String> result = gateway.query(new UnhandledQuery("lost"), String.class);

        assertThat(result).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(NoHandlerForQueryException.class)
                .withMessageContaining("No handler for query: " + UnhandledQuery.class.getName());
    }

    @Test
    void passesHandlerErrorsThroughWithTheirDetails() {
        CompletableFuture<String> result = gateway.query(new FailingQuery("closed"), String.class);

        assertThat(result).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .satisfies(e -> {
                    assertThat(e.getCause()).isInstanceOf(QueryExecutionException.class).hasMessageContaining("cannot: closed");
                    assertThat(((QueryExecutionException) e.getCause()).getDetails()).contains(new QueryFailure("closed"));
                });
    }

    @Test
    void streamsManyResultsInOrder() {
        List<Integer> numbers = Flux.from(gateway.streamingQuery(new Numbers(10_000), Integer.class))
                .collectList().block(Duration.ofSeconds(60));

        assertThat(numbers).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
    }

    @Test
    void holdsAStreamingHandlerBackWhileTheSenderTakesNothingAndStopsItOnCancel() {
        PRODUCED.set(0);
        STREAM_CANCELLED.set(false);
        AtomicInteger received = new AtomicInteger();
        BaseSubscriber<Integer> slowReader = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(100);
            }

            @Override
            protected void hookOnNext(Integer value) {
                received.incrementAndGet();
            }
        };
        Flux.from(gateway.streamingQuery(new Numbers(1_000_000), Integer.class)).subscribe(slowReader);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == 100);
        AtomicLong lastSeen = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> lastSeen.getAndSet(PRODUCED.get()) == PRODUCED.get());
        log.info("The streaming handler produced {} results while the reader took 100", PRODUCED.get());
        assertThat(PRODUCED.get()).as("results produced while the reader took only 100 of a million")
                .isLessThan(200_000);

        slowReader.cancel();

        await().atMost(Duration.ofSeconds(10)).untilTrue(STREAM_CANCELLED);
        assertThat(received.get()).isEqualTo(100);
    }

    @Test
    void endsAStreamWithTheHandlersError() {
        List<Integer> before = new ArrayList<>();
        assertThatThrownBy(() -> Flux.from(gateway.streamingQuery(new BrokenNumbers(5), Integer.class))
                .doOnNext(before::add).blockLast(Duration.ofSeconds(20)))
                .hasMessageContaining("broken at 5");
        assertThat(before).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void deliversInitialResultUpdatesAndCompletionOfASubscriptionQuery() throws Exception {
        SubscriptionQueryResult<Integer, Integer> result = gateway.subscriptionQuery(new PriceQuery("p-1"),
                ResponseTypes.instanceOf(Integer.class), ResponseTypes.instanceOf(Integer.class));

        assertThat(result.initialResult().block(Duration.ofSeconds(10))).isEqualTo(100);
        // Listen before any update exists, as an application does. Axon Framework 4.13's client Flux
        // (AxonServerSubscriptionQueryResult) drains what is buffered when subscribed, then publishes one
        // update per arrival signal: updates that land between the two while it subscribes are stranded
        // behind the first, and the Flux never completes. A race in the client, whatever the server.
        CompletableFuture<List<Integer>> updates = result.updates().collectList().toFuture();

        QueryUpdateEmitter emitter = catalog.getBean(QueryUpdateEmitter.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> emitter.activeSubscriptions().stream()
                .anyMatch(s -> s.getPayload() instanceof PriceQuery p && p.productId().equals("p-1")));
        emitter.emit(PriceQuery.class, q -> q.productId().equals("p-1"), 101);
        emitter.emit(PriceQuery.class, q -> q.productId().equals("p-1"), 102);
        emitter.emit(PriceQuery.class, q -> q.productId().equals("p-1"), 103);
        emitter.complete(PriceQuery.class, q -> q.productId().equals("p-1"));

        assertThat(updates.get(10, TimeUnit.SECONDS)).containsExactly(101, 102, 103);
        await().atMost(Duration.ofSeconds(10)).until(() -> activeSubscriptionsOf(PriceQuery.class) == 0);
    }

    @Test
    void stopsTheHandlersUpdatesWhenTheSubscriberCancels() {
        SubscriptionQueryResult<Integer, Integer> result = gateway.subscriptionQuery(new PriceQuery("p-2"),
                ResponseTypes.instanceOf(Integer.class), ResponseTypes.instanceOf(Integer.class));
        assertThat(result.initialResult().block(Duration.ofSeconds(10))).isEqualTo(100);
        QueryUpdateEmitter emitter = catalog.getBean(QueryUpdateEmitter.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> emitter.activeSubscriptions().stream()
                .anyMatch(s -> s.getPayload() instanceof PriceQuery p && p.productId().equals("p-2")));

        result.cancel();

        await().atMost(Duration.ofSeconds(10)).until(() -> emitter.activeSubscriptions().stream()
                .noneMatch(s -> s.getPayload() instanceof PriceQuery p && p.productId().equals("p-2")));
    }

    @Test
    void servesTheInitialResultAsAPlainQueryToo() throws Exception {
        // Connector 2025.2's initialResults(): the subscription's query sent as a plain Query call.
        var channel = sender.getBean(AxonServerConnectionManager.class).getConnection("default").queryChannel();
        QuerySerializer serializer = querySerializer();
        QueryRequest request = serializer.serializeRequest(
                new GenericQueryMessage<>(new PriceQuery("p-3"), ResponseTypes.instanceOf(Integer.class)), 1, 10_000, 0);
        var subscription = channel.subscriptionQuery(request, 32, 8);
        ResultStream<QueryResponse> initial = subscription.initialResults();

        QueryResponse first = initial.nextIfAvailable(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(serializer.deserializeResponse(first, ResponseTypes.instanceOf(Integer.class)).getPayload()).isEqualTo(100);
        subscription.updates().close();
    }

    @Test
    void endsASubscriptionQueryNobodyHandlesWithAxoniq5000() {
        SubscriptionQueryResult<String, String> result = gateway.subscriptionQuery(new UnhandledQuery("nobody"),
                ResponseTypes.instanceOf(String.class), ResponseTypes.instanceOf(String.class));

        assertThatThrownBy(() -> result.initialResult().block(Duration.ofSeconds(5)))
                .isInstanceOf(NoHandlerForQueryException.class);
        assertThatThrownBy(() -> result.updates().blockLast(Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(rootStatus(e)).satisfies(s -> {
                    assertThat(s.getCode()).isEqualTo(Status.Code.CANCELLED);
                    assertThat(s.getDescription()).isEqualTo("AXONIQ-5000");
                }));
    }

    private static List<QueryResponse> rawResults(Object query, int numberOfResults) throws InterruptedException {
        var channel = sender.getBean(AxonServerConnectionManager.class).getConnection("default").queryChannel();
        QueryRequest request = querySerializer().serializeRequest(
                new GenericQueryMessage<>(query, ResponseTypes.instanceOf(Integer.class)), numberOfResults, 10_000, 0);
        ResultStream<QueryResponse> stream = channel.query(request);
        List<QueryResponse> results = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stream.isClosed() && System.nanoTime() < deadline) {
            QueryResponse next = stream.nextIfAvailable(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                results.add(next);
            }
        }
        QueryResponse next;
        while ((next = stream.nextIfAvailable()) != null) {
            results.add(next);
        }
        assertThat(stream.isClosed()).as("the hub completed the query").isTrue();
        return results;
    }

    private static QuerySerializer querySerializer() {
        return new QuerySerializer(sender.getBean("messageSerializer", Serializer.class),
                sender.getBean("serializer", Serializer.class), sender.getBean(AxonServerConfiguration.class));
    }

    private static Status rootStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                return s.getStatus();
            }
        }
        throw new AssertionError("no gRPC status in " + e);
    }

    private static QueryInfo info(Class<?> query) {
        return hub.bean(QueryRouter.class).queries("default").stream()
                .filter(q -> q.name().equals(query.getName())).findFirst().orElse(null);
    }

    private static int handlersOf(Class<?> query) {
        QueryInfo info = info(query);
        return info == null ? 0 : info.handlers().size();
    }

    private static int inFlightOf(Class<?> query) {
        QueryInfo info = info(query);
        return info == null ? 0 : info.handlers().stream().collect(Collectors.summingInt(QueryHandlerInfo::inFlight));
    }

    private static int activeSubscriptionsOf(Class<?> query) {
        QueryInfo info = info(query);
        return info == null ? 0 : info.activeSubscriptions();
    }
}
