package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.hub.query.QueryRouter;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Clients keep working across a hub restart: they reconnect, subscribe again, and routing resumes. */
class RoutingAfterHubRestartTest {

    record Ping(String text) { }

    record Status(String text) { }

    static class Handlers {
        @CommandHandler
        public String ping(Ping ping) {
            return "pong " + ping.text();
        }

        @QueryHandler
        public String status(Status status) {
            return "up " + status.text();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HandlerApp {
        @Bean
        Handlers handlers() {
            return new Handlers();
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
        handler = TestClient.start(hub, "pinger", "pinger-1", HandlerApp.class);
        sender = TestClient.start(hub, "front", "front-1", SenderApp.class);
    }

    @AfterAll
    static void stop() {
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
    void routesAgainOnceClientsResubscribedAfterARestart() throws Exception {
        awaitSubscribed();
        CommandGateway commands = sender.getBean(CommandGateway.class);
        QueryGateway queries = sender.getBean(QueryGateway.class);
        assertThat((String) commands.sendAndWait(new Ping("before"))).isEqualTo("pong before");

        hub.restart();

        awaitSubscribed();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat((String) commands.sendAndWait(new Ping("after"), 5, TimeUnit.SECONDS)).isEqualTo("pong after"));
        assertThat(queries.query(new Status("after"), String.class).get(10, TimeUnit.SECONDS)).isEqualTo("up after");
    }

    private static void awaitSubscribed() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.bean(CommandRouter.class).commands("default").stream()
                        .anyMatch(c -> c.name().equals(Ping.class.getName()) && !c.handlers().isEmpty())
                        && hub.bean(QueryRouter.class).queries("default").stream()
                        .anyMatch(q -> q.name().equals(Status.class.getName()) && !q.handlers().isEmpty()));
    }
}
