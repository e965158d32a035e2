package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A command sent by one Axon Framework application reaches a handler in another through the hub. */
class CommandRoutingTest {

    record Echo(String text) { }

    record Refuse(String reason) { }

    record Unhandled(String text) { }

    record RefusalDetails(String reason, int code) { }

    static class EchoHandlers {
        private final String clientId;

        EchoHandlers(String clientId) {
            this.clientId = clientId;
        }

        @CommandHandler
        public String handle(Echo command) {
            return command.text() + " handled by " + clientId;
        }

        @CommandHandler
        public void handle(Refuse command) {
            throw new CommandExecutionException("refused: " + command.reason(), null,
                    new RefusalDetails(command.reason(), 42));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HandlerApp {
        @Bean
        EchoHandlers echoHandlers(@Value("${axon.axonserver.client-id}") String clientId) {
            return new EchoHandlers(clientId);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SenderApp {
    }

    private static TestHub hub;
    private static ConfigurableApplicationContext handler;
    private static ConfigurableApplicationContext sender;
    private static CommandGateway gateway;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        handler = TestClient.start(hub, "echo-service", "echo-1", HandlerApp.class);
        sender = TestClient.start(hub, "front", "front-1", SenderApp.class);
        gateway = sender.getBean(CommandGateway.class);
        CommandRouter router = hub.bean(CommandRouter.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> router.commands("default").stream()
                .anyMatch(c -> c.name().equals(Echo.class.getName()) && !c.handlers().isEmpty()));
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
    void returnsTheHandlersResultToTheSender() {
        String result = gateway.sendAndWait(new Echo("hello"));

        assertThat(result).isEqualTo("hello handled by echo-1");
    }

    @Test
    void answersNoHandlerWhenNobodySubscribed() {
        assertThatThrownBy(() -> gateway.sendAndWait(new Unhandled("lost")))
                .isInstanceOf(NoHandlerForCommandException.class)
                .hasMessageContaining("No Handler for command: " + Unhandled.class.getName());
    }

    @Test
    void passesHandlerErrorsThroughWithTheirDetails() {
        assertThatThrownBy(() -> gateway.sendAndWait(new Refuse("out of stock")))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> {
                    assertThat(e.getMessage()).contains("refused: out of stock");
                    assertThat(e.getDetails()).contains(new RefusalDetails("out of stock", 42));
                });
    }

    @Test
    void showsSubscriptionsAndCountsInTheSnapshot() {
        gateway.sendAndWait(new Echo("count me"));

        CommandInfo echo = hub.bean(CommandRouter.class).commands("default").stream()
                .filter(c -> c.name().equals(Echo.class.getName())).findFirst().orElseThrow();
        assertThat(echo.handlers()).singleElement().satisfies(h -> {
            assertThat(h.clientId()).isEqualTo("echo-1");
            assertThat(h.componentName()).isEqualTo("echo-service");
            assertThat(h.loadFactor()).isEqualTo(100);
        });
        assertThat(echo.dispatched()).isPositive();
        assertThat(Map.of("errors", echo.errors())).containsEntry("errors", 0L);
    }
}
