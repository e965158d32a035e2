package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.hub.routing.TcpProxy;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Three instances of one service handle the same command: each routing key sticks to one
 * instance, and when an instance dies (its TCP connection cut, no goodbye) only its keys move,
 * while commands it was executing are answered with an error instead of hanging.
 */
class CommandReroutingTest {

    record Reserve(@TargetAggregateIdentifier String productId) { }

    record HoldStock(@TargetAggregateIdentifier String productId) { }

    /** Lets held commands finish when the test is over, so the cut-off instance can shut down. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    static class StockHandlers {
        private final String clientId;

        StockHandlers(String clientId) {
            this.clientId = clientId;
        }

        @CommandHandler
        public String handle(Reserve command) {
            return clientId;
        }

        @CommandHandler
        public String handle(HoldStock command) throws InterruptedException {
            RELEASE.await(60, TimeUnit.SECONDS);
            return clientId;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StockApp {
        @Bean
        StockHandlers stockHandlers(@Value("${axon.axonserver.client-id}") String clientId) {
            return new StockHandlers(clientId);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SenderApp {
    }

    private static TestHub hub;
    private static TcpProxy proxy;
    private static final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private static CommandGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
        proxy = new TcpProxy(hub.grpcPort());
        apps.add(TestClient.start(hub, "stock", "stock-a", Map.of("axon.axonserver.servers", proxy.address()), StockApp.class));
        apps.add(TestClient.start(hub, "stock", "stock-b", StockApp.class));
        apps.add(TestClient.start(hub, "stock", "stock-c", StockApp.class));
        ConfigurableApplicationContext sender = TestClient.start(hub, "front", "front-1", SenderApp.class);
        apps.add(sender);
        gateway = sender.getBean(CommandGateway.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> handlersOf(Reserve.class).size() == 3
                && handlersOf(HoldStock.class).size() == 3);
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        apps.forEach(ConfigurableApplicationContext::close);
        if (proxy != null) {
            proxy.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void keepsEachKeyOnOneInstanceAndMovesOnlyTheKeysOfAnInstanceThatDies() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            keys.add("product-" + i);
        }
        Map<String, String> owners = ownersOf(keys);
        for (int round = 0; round < 2; round++) {
            assertThat(ownersOf(keys)).as("same key, same instance").isEqualTo(owners);
        }
        Map<String, Long> share = owners.values().stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
        assertThat(share).as("every instance gets a share of the keys").containsOnlyKeys("stock-a", "stock-b", "stock-c");

        // stock-a is busy with commands when it dies.
        List<String> keysOfA = keys.stream().filter(k -> owners.get(k).equals("stock-a")).toList();
        List<CompletableFuture<String>> held = new ArrayList<>();
        for (String key : keysOfA.subList(0, 3)) {
            held.add(gateway.send(new HoldStock(key)));
        }
        CommandRouter router = hub.bean(CommandRouter.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlightOf(router, HoldStock.class, "stock-a") == 3);

        proxy.cut();

        for (CompletableFuture<String> command : held) {
            assertThat(command).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(AxonServerCommandDispatchException.class)
                    .withMessageContaining("lost");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !handlersOf(Reserve.class).contains("stock-a"));

        Map<String, String> after = ownersOf(keys);
        for (String key : keys) {
            if (owners.get(key).equals("stock-a")) {
                assertThat(after.get(key)).as("orphaned key %s moves to a survivor", key).isIn("stock-b", "stock-c");
            } else {
                assertThat(after.get(key)).as("survivor's key %s stays", key).isEqualTo(owners.get(key));
            }
        }
    }

    private static Map<String, String> ownersOf(List<String> keys) throws Exception {
        Map<String, CompletableFuture<String>> sent = new HashMap<>();
        for (String key : keys) {
            sent.put(key, gateway.send(new Reserve(key)));
        }
        Map<String, String> owners = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<String>> entry : sent.entrySet()) {
            owners.put(entry.getKey(), entry.getValue().get(10, TimeUnit.SECONDS));
        }
        return owners;
    }

    private static List<String> handlersOf(Class<?> command) {
        return hub.bean(CommandRouter.class).commands("default").stream()
                .filter(c -> c.name().equals(command.getName()))
                .flatMap(c -> c.handlers().stream().map(CommandHandlerInfo::clientId))
                .toList();
    }

    private static int inFlightOf(CommandRouter router, Class<?> command, String clientId) {
        return router.commands("default").stream()
                .filter(c -> c.name().equals(command.getName()))
                .flatMap(c -> c.handlers().stream())
                .filter(h -> h.clientId().equals(clientId))
                .mapToInt(CommandHandlerInfo::inFlight).sum();
    }
}
