package io.sagashop.hub.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query handler that grants only 16 permits (the least the connector grants) still gets
 * everything, a little at a time: a thousand subscription queries fired at once, and direct
 * queries queued while it is busy.
 */
class QueryFlowControlTest {

    record Ticker(int number) { }

    record Lookup(int number) { }

    static final CountDownLatch GATE = new CountDownLatch(1);
    static final AtomicInteger LOOKUPS_STARTED = new AtomicInteger();

    static class TickerQueries {
        @QueryHandler
        public String ticker(Ticker query) {
            return "initial-" + query.number();
        }

        @QueryHandler
        public Integer lookup(Lookup query) throws InterruptedException {
            LOOKUPS_STARTED.incrementAndGet();
            GATE.await(60, TimeUnit.SECONDS);
            return query.number();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TickerApp {
        @Bean
        TickerQueries tickerQueries() {
            return new TickerQueries();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SenderApp {
    }

    private static TestHub hub;
    private static ConfigurableApplicationContext handler;
    private static ConfigurableApplicationContext sender;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        handler = TestClient.start(hub, "ticker", "ticker-1",
                Map.of("axon.axonserver.query-flow-control.permits", 16), TickerApp.class);
        sender = TestClient.start(hub, "front", "front-1", SenderApp.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> info(Ticker.class) != null && !info(Ticker.class).handlers().isEmpty()
                && info(Lookup.class) != null && !info(Lookup.class).handlers().isEmpty());
    }

    @AfterAll
    static void stop() {
        GATE.countDown();
        if (sender != null) {
            sender.close();
        }
        if (handler != null) {
            handler.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void completesAThousandSubscriptionQueriesFiredAtOnce() {
        QueryGateway gateway = sender.getBean(QueryGateway.class);
        List<SubscriptionQueryResult<String, String>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(gateway.subscriptionQuery(new Ticker(i), ResponseTypes.instanceOf(String.class),
                    ResponseTypes.instanceOf(String.class)));
        }

        List<String> initial = Flux.fromIterable(results).flatMapSequential(SubscriptionQueryResult::initialResult, 1000)
                .collectList().block(Duration.ofSeconds(120));
        assertThat(initial).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(initial.get(i)).isEqualTo("initial-" + i);
        }

        QueryUpdateEmitter emitter = handler.getBean(QueryUpdateEmitter.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> emitter.activeSubscriptions().size() >= 1000);
        emitter.emit(Ticker.class, q -> true, "tick");
        emitter.complete(Ticker.class, q -> true);

        List<List<String>> updates = Flux.fromIterable(results)
                .flatMapSequential(r -> r.updates().collectList(), 1000)
                .collectList().block(Duration.ofSeconds(120));
        assertThat(updates).hasSize(1000).allSatisfy(u -> assertThat(u).containsExactly("tick"));
        await().atMost(Duration.ofSeconds(30)).until(() -> info(Ticker.class).activeSubscriptions() == 0);
    }

    @Test
    void queuesQueriesBeyondThePermitsAndAnswersAllOfThemLater() throws Exception {
        QueryGateway gateway = sender.getBean(QueryGateway.class);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(gateway.query(new Lookup(i), Integer.class));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            QueryHandlerInfo h = info(Lookup.class).handlers().get(0);
            return h.permits() == 0 && h.waiting() > 0 && h.inFlight() == 200;
        });
        QueryHandlerInfo blocked = info(Lookup.class).handlers().get(0);
        assertThat(200 - blocked.waiting()).as("queries sent to a handler that granted 16 permits").isLessThanOrEqualTo(16);
        assertThat(LOOKUPS_STARTED.get()).isLessThanOrEqualTo(16);

        GATE.countDown();

        Mono.fromFuture(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))).block(Duration.ofSeconds(60));
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get()).isEqualTo(i);
        }
        assertThat(LOOKUPS_STARTED.get()).isEqualTo(200);
    }

    private static QueryInfo info(Class<?> query) {
        return hub.bean(QueryRouter.class).queries("default").stream()
                .filter(q -> q.name().equals(query.getName())).findFirst().orElse(null);
    }
}
